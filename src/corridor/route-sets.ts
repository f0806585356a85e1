import { pathSize, PathSizeWorkspace } from './estimation/path-size.js';
import { shortestPathTree, TreeWorkspace } from '../assign/shortest-path.js';
import { classCosts, toCsrOrder, type CorridorProblem } from './problem.js';

/**
 * The route sets of every pair, flat: pair p owns routes `pairStart[p] … pairStart[p+1]−1`, route r owns the
 * input-order edges `edges[edgeStart[r] … edgeStart[r+1]−1]`. The last route of each pair is its outside option.
 */
export interface RouteSets {
  readonly pairStart: Uint32Array;
  readonly edgeStart: Uint32Array;
  readonly edges: Uint32Array;
  readonly routeCount: number;
}

/** How much a route's edges cost more in the next search, so the next route differs (the `distinct` idea). */
const PENALTY = 2;

/**
 * Route sets by the penalty method (as the router's `distinct` alternatives): the cheapest route at free flow, then
 * repeated searches in which the edges already used cost PENALTY times more, keeping new routes only. The outside
 * option is added as a route of its own. The sets are fixed for a run, so a choice model over them changes
 * smoothly with costs.
 */
export function buildRouteSets(problem: CorridorProblem, routesPerPair: number): RouteSets {
  const net = problem.network;
  const workspace = new TreeWorkspace(net.nodeCount);
  const scratch = new Float64Array(problem.edgeCount);
  const outsideCsr: number[] = [];
  for (let k = 0; k < net.linkCount; k++) if (net.toInput[k]! >= problem.graph.edgeCount) outsideCsr.push(k);
  const pairStart = new Uint32Array(problem.pairs.length + 1);
  const edgeStart: number[] = [0];
  const edges: number[] = [];
  const path: number[] = [];
  for (let p = 0; p < problem.pairs.length; p++) {
    const pair = problem.pairs[p]!;
    const penalized = toCsrOrder(net, classCosts(problem, pair.cls, undefined, scratch));
    for (const k of outsideCsr) penalized[k] = Infinity;
    const seen = new Set<string>();
    let found = 0;
    for (let attempt = 0; attempt < routesPerPair * 4 && found < routesPerPair; attempt++) {
      shortestPathTree(net, penalized, pair.from, workspace, pair.to);
      if (!Number.isFinite(workspace.dist[pair.to]!)) break;
      path.length = 0;
      for (let v = pair.to; v !== pair.from;) {
        const e = workspace.predEdge[v]!;
        if (e < 0) break;
        path.push(e);
        v = net.csr.sources[e]!;
      }
      path.reverse();
      const signature = path.join(',');
      if (!seen.has(signature)) {
        seen.add(signature);
        for (const e of path) edges.push(net.toInput[e]!);
        edgeStart.push(edges.length);
        found++;
      }
      for (const e of path) penalized[e] = penalized[e]! * PENALTY;
    }
    edges.push(pair.outsideEdge);
    edgeStart.push(edges.length);
    pairStart[p + 1] = edgeStart.length - 1;
  }
  return {
    pairStart,
    edgeStart: Uint32Array.from(edgeStart),
    edges: Uint32Array.from(edges),
    routeCount: edgeStart.length - 1,
  };
}

/**
 * Whether route sets index this problem's edges: one set per pair, each ending in that pair's outside option, and
 * every edge within the problem. Sets built on the same network, year and pairs fit; others are rebuilt.
 */
export function setsFit(sets: RouteSets, problem: CorridorProblem): boolean {
  const { pairStart, edgeStart, edges } = sets;
  if (pairStart.length !== problem.pairs.length + 1) return false;
  for (let p = 0; p < problem.pairs.length; p++) {
    const last = pairStart[p + 1]! - 1;
    if (last < pairStart[p]! || edges[edgeStart[last + 1]! - 1] !== problem.pairs[p]!.outsideEdge) return false;
  }
  for (let k = 0; k < edges.length; k++) if (edges[k]! >= problem.edgeCount) return false;
  return true;
}

/** Whether route `ra` of `a` and route `rb` of `b` run over the same edges. */
export function sameRoute(a: RouteSets, ra: number, b: RouteSets, rb: number): boolean {
  const start = a.edgeStart[ra]!;
  const other = b.edgeStart[rb]!;
  const length = a.edgeStart[ra + 1]! - start;
  if (length !== b.edgeStart[rb + 1]! - other) return false;
  for (let k = 0; k < length; k++) if (a.edges[start + k] !== b.edges[other + k]) return false;
  return true;
}

/** Sum of an edge value along every route (e.g. generalized cost per tonne at given volumes). */
export function routeSums(sets: RouteSets, edgeValue: Float64Array, out: Float64Array): Float64Array {
  const { edgeStart, edges } = sets;
  for (let r = 0; r < sets.routeCount; r++) {
    let sum = 0;
    for (let k = edgeStart[r]!; k < edgeStart[r + 1]!; k++) sum += edgeValue[edges[k]!]!;
    out[r] = sum;
  }
  return out;
}

/** Adds each route's flow to the volume of its edges (input order). */
export function loadRoutes(sets: RouteSets, routeFlow: Float64Array, volume: Float64Array): Float64Array {
  const { edgeStart, edges } = sets;
  for (let r = 0; r < sets.routeCount; r++) {
    const flow = routeFlow[r]!;
    if (flow === 0) continue;
    for (let k = edgeStart[r]!; k < edgeStart[r + 1]!; k++) volume[edges[k]!]! += flow;
  }
  return volume;
}

/**
 * ln of each route's path size (Ben-Akiva & Bierlaire 1999, `estimation/path-size.ts`): overlapping routes get
 * PS < 1, so a corridor split into near-copies does not collect more share than a distinct one. The outside option
 * (the last route of a pair) overlaps nothing: ln 1 = 0. `lengthOf(route)` gives the edge lengths its pair's routes
 * are measured by (here the class's free-flow generalized cost).
 */
export function lnPathSizes(
  sets: RouteSets,
  lengthOf: (route: number) => Float64Array,
  out: Float64Array,
): Float64Array {
  const { pairStart, edgeStart, edges } = sets;
  let workspace: PathSizeWorkspace | undefined;
  for (let p = 0; p + 1 < pairStart.length; p++) {
    const first = pairStart[p]!;
    const outside = pairStart[p + 1]! - 1;
    out[outside] = 0;
    if (outside === first) continue;
    const length = lengthOf(first);
    workspace ??= new PathSizeWorkspace(length.length);
    const routes: Uint32Array[] = [];
    for (let r = first; r < outside; r++) routes.push(edges.subarray(edgeStart[r]!, edgeStart[r + 1]!));
    const sizes = pathSize(routes, length, workspace);
    for (let k = 0; k < sizes.length; k++) out[first + k] = Math.log(sizes[k]!);
  }
  return out;
}
