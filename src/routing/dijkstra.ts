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

/** Reusable buffers, so that repeated queries on one graph allocate nothing. */
export class SearchWorkspace {
  readonly dist: Float64Array;
  readonly predEdge: Int32Array;
  readonly heap: IndexedMinHeap;
  readonly settled: Uint8Array;
  constructor(readonly vertexCount: number) {
    this.dist = new Float64Array(vertexCount);
    this.predEdge = new Int32Array(vertexCount);
    this.heap = new IndexedMinHeap(vertexCount);
    this.settled = new Uint8Array(vertexCount);
  }
}

export interface SearchStats {
  settled: number;
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
  const { dist, predEdge, heap, settled } = workspace;
  const { blockedEdges, blockedVertices, potential } = options;
  const target = options.target ?? -1;
  dist.fill(Infinity);
  predEdge.fill(-1);
  settled.fill(0);
  heap.clear();
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    if (blockedVertices !== undefined && blockedVertices[source] !== 0) continue;
    const cost = sourceCosts === undefined ? 0 : sourceCosts[i]!;
    if (cost < dist[source]!) {
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
    const end = offsets[u + 1]!;
    for (let e = offsets[u]!; e < end; e++) {
      if (blockedEdges !== undefined && blockedEdges[e] !== 0) continue;
      const v = targets[e]!;
      if (settled[v] !== 0) continue;
      if (blockedVertices !== undefined && blockedVertices[v] !== 0) continue;
      relaxed++;
      const candidate = base + weight[e]!;
      if (candidate < dist[v]!) {
        dist[v] = candidate;
        predEdge[v] = e;
        heap.push(v, potential === undefined ? candidate : candidate + potential[v]!);
      }
    }
  }
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
