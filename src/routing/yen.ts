import type { Csr } from '../graph/csr.js';
import type { SearchMasks } from './constraints.js';
import { pathEdges, shortestPaths, type SearchWorkspace } from './dijkstra.js';

export interface WeightedPath {
  edges: number[];
  cost: number;
}

const pathCost = (weights: Float64Array, edges: readonly number[]): number =>
  edges.reduce((sum, edge) => sum + weights[edge]!, 0);

/**
 * Yen's k shortest loopless paths from one vertex to another, cheapest first. Lazily yields each path as soon as
 * it is proven to be the next one, so a caller that filters paths (e.g. for diversity) can stop early.
 */
export function* yenPaths(
  graph: Csr,
  weights: Float64Array,
  source: number,
  target: number,
  masks: SearchMasks,
  workspace: SearchWorkspace,
  /** A consistent lower bound toward `target` (A*); blocking edges and vertices keeps it one. */
  potential?: Float64Array,
): Generator<WeightedPath> {
  // Yen adds and removes blocks around each spur search; work on copies so the caller's masks stay intact.
  const blockedEdges = masks.blockedEdges.slice();
  const blockedVertices = masks.blockedVertices.slice();
  const search = (from: number): number[] | undefined => {
    shortestPaths(graph, weights, [from], undefined, workspace, {
      target,
      blockedEdges,
      blockedVertices,
      ...(potential === undefined ? {} : { potential }),
    });
    return Number.isFinite(workspace.dist[target]!) ? pathEdges(graph, workspace.predEdge, target) : undefined;
  };

  const first = search(source);
  if (first === undefined) return;
  const accepted: WeightedPath[] = [{ edges: first, cost: pathCost(weights, first) }];
  yield accepted[0]!;
  const candidates: WeightedPath[] = [];
  const seen = new Set<string>([first.join(',')]);

  for (;;) {
    const previous = accepted[accepted.length - 1]!;
    let spur = source;
    for (let i = 0; i < previous.edges.length; i++) {
      const changedEdges: number[] = [];
      for (const path of accepted) {
        if (path.edges.length > i && sharesPrefix(path.edges, previous.edges, i)) {
          const edge = path.edges[i]!;
          if (blockedEdges[edge] === 0) {
            blockedEdges[edge] = 1;
            changedEdges.push(edge);
          }
        }
      }
      const changedVertices: number[] = [];
      let rootVertex = source;
      for (let j = 0; j < i; j++) {
        if (blockedVertices[rootVertex] === 0) {
          blockedVertices[rootVertex] = 1;
          changedVertices.push(rootVertex);
        }
        rootVertex = graph.targets[previous.edges[j]!]!;
      }
      const spurPath = search(spur);
      for (const edge of changedEdges) blockedEdges[edge] = 0;
      for (const vertex of changedVertices) blockedVertices[vertex] = 0;
      if (spurPath !== undefined) {
        const edges = [...previous.edges.slice(0, i), ...spurPath];
        const key = edges.join(',');
        if (!seen.has(key)) {
          seen.add(key);
          insertSorted(candidates, { edges, cost: pathCost(weights, edges) });
        }
      }
      spur = graph.targets[previous.edges[i]!]!;
    }
    const next = candidates.shift();
    if (next === undefined) return;
    accepted.push(next);
    yield next;
  }
}

function sharesPrefix(a: readonly number[], b: readonly number[], length: number): boolean {
  for (let k = 0; k < length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Keeps candidates ordered by cost, ties by fewer edges, so equal-cost paths come out in a stable order. */
function insertSorted(list: WeightedPath[], path: WeightedPath): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const other = list[mid]!;
    if (other.cost < path.cost || (other.cost === path.cost && other.edges.length <= path.edges.length)) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, path);
}
