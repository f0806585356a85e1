import type { Csr } from '../graph/csr.js';
import { IndexedMinHeap } from './heap.js';

export interface SearchOptions {
  /** Stop as soon as this vertex is settled (point-to-point); omit for a full shortest-path tree. */
  target?: number;
  /** Edges with a non-zero entry are skipped. */
  blockedEdges?: Uint8Array;
  /** Vertices with a non-zero entry are never entered. */
  blockedVertices?: Uint8Array;
  /**
   * A consistent lower bound of the remaining cost from each vertex to `target` (A*). Must satisfy
   * potential[u] ≤ weight(u→v) + potential[v]; the caller guarantees it.
   */
  potential?: Float64Array;
}

/**
 * Reusable buffers, so that repeated queries on one graph allocate nothing. Between searches every vertex reads as
 * unreached (dist Infinity, predEdge −1); a search resets only the vertices the previous one reached, so a short
 * point-to-point query costs what it explores, not the size of the graph.
 */
export class SearchWorkspace {
  readonly dist: Float64Array;
  readonly predEdge: Int32Array;
  readonly heap: IndexedMinHeap;
  readonly settled: Uint8Array;
  /** The vertices the last search reached, the first `reachedCount` entries. */
  readonly reached: Int32Array;
  reachedCount = 0;
  constructor(readonly vertexCount: number) {
    this.dist = new Float64Array(vertexCount).fill(Infinity);
    this.predEdge = new Int32Array(vertexCount).fill(-1);
    this.heap = new IndexedMinHeap(vertexCount);
    this.settled = new Uint8Array(vertexCount);
    this.reached = new Int32Array(vertexCount);
  }

  /** Makes every vertex unreached again, in time proportional to what the last search reached. */
  reset(): void {
    const { dist, predEdge, settled, reached } = this;
    for (let i = 0; i < this.reachedCount; i++) {
      const v = reached[i]!;
      dist[v] = Infinity;
      predEdge[v] = -1;
      settled[v] = 0;
    }
    this.reachedCount = 0;
    this.heap.clear();
  }
}

export interface SearchStats {
  settled: number;
  /** Relaxations attempted: every out-edge of every settled vertex, whether or not it improved anything. */
  relaxed: number;
}

/**
 * Dijkstra's algorithm (A* when a potential is given) on a CSR graph with non-negative edge weights.
 * Sources may start at different costs, which lets a search begin at several vertices of one place.
 * Results are in the workspace: dist (Infinity when unreached) and the predecessor edge of each vertex (−1 at
 * sources and unreached vertices).
 */
export function shortestPaths(
  graph: Csr,
  weight: Float64Array,
  sources: ArrayLike<number>,
  sourceCosts: ArrayLike<number> | undefined,
  workspace: SearchWorkspace,
  options: SearchOptions = {},
): SearchStats {
  const { offsets, targets } = graph;
  const { dist, predEdge, heap, settled, reached } = workspace;
  const { blockedEdges, blockedVertices, potential } = options;
  const target = options.target ?? -1;
  workspace.reset();
  let reachedCount = 0;
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    if (blockedVertices !== undefined && blockedVertices[source] !== 0) continue;
    const cost = sourceCosts === undefined ? 0 : sourceCosts[i]!;
    if (cost < dist[source]!) {
      if (dist[source] === Infinity) reached[reachedCount++] = source;
      dist[source] = cost;
      heap.push(source, potential === undefined ? cost : cost + potential[source]!);
    }
  }
  let settledCount = 0;
  let relaxed = 0;
  while (heap.size > 0) {
    const u = heap.pop();
    settled[u] = 1;
    settledCount++;
    if (u === target) break;
    const base = dist[u]!;
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    relaxed += end - start;
    for (let e = start; e < end; e++) {
      if (blockedEdges !== undefined && blockedEdges[e] !== 0) continue;
      const v = targets[e]!;
      if (settled[v] !== 0) continue;
      if (blockedVertices !== undefined && blockedVertices[v] !== 0) continue;
      const candidate = base + weight[e]!;
      const known = dist[v]!;
      if (candidate < known) {
        if (known === Infinity) reached[reachedCount++] = v;
        dist[v] = candidate;
        predEdge[v] = e;
        heap.push(v, potential === undefined ? candidate : candidate + potential[v]!);
      }
    }
  }
  workspace.reachedCount = reachedCount;
  return { settled: settledCount, relaxed };
}

/** The edges from a source to `vertex`, in travel order, from the predecessor edges of a finished search. */
export function pathEdges(graph: Csr, predEdge: Int32Array, vertex: number): number[] {
  const edges: number[] = [];
  let at = vertex;
  for (let e = predEdge[at]!; e >= 0; e = predEdge[at]!) {
    edges.push(e);
    at = graph.sources[e]!;
    if (edges.length > graph.vertexCount) throw new Error('predecessor edges form a cycle');
  }
  return edges.reverse();
}
