import { IndexedMinHeap } from '../routing/heap.js';
import { AssignmentInputError, activeOrigins, type AssignmentNetwork, type OdDemand } from './network.js';

/** Per-thread buffers for one-origin shortest-path trees, allocated once per network. */
export class TreeWorkspace {
  readonly dist: Float64Array;
  readonly predEdge: Int32Array;
  /** Vertices in the order they were settled (non-decreasing distance); `settledCount` of them are valid. */
  readonly order: Uint32Array;
  settledCount = 0;
  readonly heap: IndexedMinHeap;
  readonly nodeFlow: Float64Array;
  constructor(vertexCount: number) {
    this.dist = new Float64Array(vertexCount);
    this.predEdge = new Int32Array(vertexCount);
    this.order = new Uint32Array(vertexCount);
    this.heap = new IndexedMinHeap(vertexCount);
    this.nodeFlow = new Float64Array(vertexCount);
  }
}

/**
 * Dijkstra's shortest-path tree from one origin under link costs `cost` (CSR order). Zones other than the origin
 * (vertices below `thruFrom`) are reached but never expanded, so no path passes through a centroid. Leaves the
 * distances, predecessor edges and settle order in the workspace.
 *
 * With `stopAt`, the search ends once that vertex is settled: its distance and the predecessors along its path are
 * then final and the same as the full tree's (the searches did the same steps until then); other vertices may not be.
 */
export function shortestPathTree(
  network: AssignmentNetwork,
  cost: Float64Array,
  origin: number,
  workspace: TreeWorkspace,
  stopAt = -1,
): void {
  const { offsets, targets } = network.csr;
  const thruFrom = network.thruFrom;
  const { dist, predEdge, order, heap } = workspace;
  dist.fill(Infinity);
  predEdge.fill(-1);
  heap.clear();
  dist[origin] = 0;
  heap.push(origin, 0);
  let settled = 0;
  while (heap.size > 0) {
    const u = heap.pop();
    order[settled++] = u;
    if (u === stopAt) break;
    if (u < thruFrom && u !== origin) continue;
    const base = dist[u]!;
    const end = offsets[u + 1]!;
    for (let e = offsets[u]!; e < end; e++) {
      const v = targets[e]!;
      const candidate = base + cost[e]!;
      if (candidate < dist[v]!) {
        dist[v] = candidate;
        predEdge[v] = e;
        heap.push(v, candidate);
      }
    }
  }
  workspace.settledCount = settled;
}

/**
 * Loads origin `origin`'s demand onto the tree left in the workspace by `shortestPathTree`, adding link volumes to
 * `target` (when given) by one pass over the vertices in reverse settle order: O(V), no per-path arrays. Returns
 * the origin's shortest-path travel time Σ_d demand · distance.
 */
export function loadTree(
  network: AssignmentNetwork,
  demand: OdDemand,
  origin: number,
  workspace: TreeWorkspace,
  target: Float64Array | null,
): number {
  const { dist, predEdge, order, nodeFlow } = workspace;
  const sources = network.csr.sources;
  let sptt = 0;
  const end = demand.offsets[origin + 1]!;
  for (let k = demand.offsets[origin]!; k < end; k++) {
    const destination = demand.destinations[k]!;
    const volume = demand.volumes[k]!;
    if (destination === origin || volume === 0) continue;
    const distance = dist[destination]!;
    if (distance === Infinity) {
      throw new AssignmentInputError(`no path from zone ${origin + 1} to zone ${destination + 1}, which have demand`);
    }
    sptt += volume * distance;
    nodeFlow[destination]! += volume;
  }
  if (target === null) {
    for (let i = 0; i < workspace.settledCount; i++) nodeFlow[order[i]!] = 0;
    return sptt;
  }
  for (let i = workspace.settledCount - 1; i > 0; i--) {
    const v = order[i]!;
    const flow = nodeFlow[v]!;
    if (flow === 0) continue;
    nodeFlow[v] = 0;
    const e = predEdge[v]!;
    target[e]! += flow;
    nodeFlow[sources[e]!]! += flow;
  }
  nodeFlow[origin] = 0;
  return sptt;
}

/**
 * All-or-nothing assignment: every origin's demand on its shortest paths under `cost`. The link-based algorithms
 * and the gap computation see only this interface, so the per-origin trees may run on several threads.
 */
export interface ShortestPathOracle {
  /** Threads the trees run on (1 when serial). */
  readonly threads: number;
  /** Sets `target` (unless null) to the all-or-nothing link volumes under `cost`, and returns the SPTT. */
  allOrNothing(cost: Float64Array, target: Float64Array | null): number;
  close(): void;
}

/** All-or-nothing loading of a subset of origins on the calling thread. */
export function loadOrigins(
  network: AssignmentNetwork,
  demand: OdDemand,
  origins: ArrayLike<number>,
  cost: Float64Array,
  workspace: TreeWorkspace,
  target: Float64Array | null,
): number {
  let sptt = 0;
  for (let i = 0; i < origins.length; i++) {
    const origin = origins[i]!;
    shortestPathTree(network, cost, origin, workspace);
    sptt += loadTree(network, demand, origin, workspace, target);
  }
  return sptt;
}

export class SerialOracle implements ShortestPathOracle {
  readonly threads = 1;
  private readonly workspace: TreeWorkspace;
  private readonly origins: Uint32Array;
  constructor(
    private readonly network: AssignmentNetwork,
    private readonly demand: OdDemand,
  ) {
    this.workspace = new TreeWorkspace(network.nodeCount);
    this.origins = activeOrigins(demand);
  }
  allOrNothing(cost: Float64Array, target: Float64Array | null): number {
    if (target !== null) target.fill(0);
    return loadOrigins(this.network, this.demand, this.origins, cost, this.workspace, target);
  }
  close(): void {}
}
