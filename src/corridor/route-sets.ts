import { pathSize, PathSizeWorkspace } from './estimation/path-size.js';
import type { AssignmentNetwork } from '../assign/network.js';
import { TreeWorkspace } from '../assign/shortest-path.js';
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
 * The cost to `target` from every vertex under `cost` (CSR order), over paths that pass no zone but their ends:
 * Dijkstra backwards over the edges into each vertex. Infinity where the target cannot be reached.
 */
function costsTo(net: AssignmentNetwork, cost: Float64Array, target: number, ws: TreeWorkspace): Float64Array {
  const { inOffsets, inEdges, thruFrom } = net;
  const { sources } = net.csr;
  const { dist, heap } = ws;
  dist.fill(Infinity);
  heap.clear();
  dist[target] = 0;
  heap.push(target, 0);
  while (heap.size > 0) {
    const v = heap.pop();
    // A zone other than the target is only ever a path's origin: nothing passes through it.
    if (v < thruFrom && v !== target) continue;
    const base = dist[v]!;
    for (let k = inOffsets[v]!; k < inOffsets[v + 1]!; k++) {
      const e = inEdges[k]!;
      const u = sources[e]!;
      const candidate = base + cost[e]!;
      if (candidate < dist[u]!) {
        dist[u] = candidate;
        heap.push(u, candidate);
      }
    }
  }
  return dist.slice();
}

/**
 * The cheapest path from `from` to `to` under `cost` (CSR order), by A* with `toTarget` as the potential: the cost to
 * `to` under costs no higher than these, so the potential is consistent and the path found is a cheapest one, as
 * Dijkstra's (but for the choice among paths of exactly equal cost). Leaves the predecessor edges in the workspace;
 * returns the path's cost, Infinity when there is none. Paths pass no zone but their ends.
 */
function cheapestPath(
  net: AssignmentNetwork,
  cost: Float64Array,
  from: number,
  to: number,
  toTarget: Float64Array,
  ws: TreeWorkspace,
): number {
  const { offsets, targets } = net.csr;
  const { thruFrom } = net;
  const { dist, predEdge, heap } = ws;
  // predEdge needs no reset: a path is read back from vertices this search reached, and it set theirs.
  dist.fill(Infinity);
  heap.clear();
  dist[from] = 0;
  heap.push(from, toTarget[from]!);
  while (heap.size > 0) {
    const u = heap.pop();
    if (u === to) return dist[to]!;
    if (u < thruFrom && u !== from) continue;
    const base = dist[u]!;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      const rest = toTarget[v]!;
      // Vertices that cannot reach the target, and zones that are not it (never expanded), are left out.
      if (rest === Infinity || (v < thruFrom && v !== to)) continue;
      const candidate = base + cost[e]!;
      if (candidate < dist[v]!) {
        dist[v] = candidate;
        predEdge[v] = e;
        heap.push(v, candidate + rest);
      }
    }
  }
  return Infinity;
}

/**
 * Whether one of the routes from `first` on (input-order edges, as the sets are being built) runs over `path` (CSR
 * edges, `toInput` their input order).
 */
function hasRoute(
  edgeStart: readonly number[],
  edges: readonly number[],
  first: number,
  path: readonly number[],
  toInput: Uint32Array,
): boolean {
  for (let r = first; r + 1 < edgeStart.length; r++) {
    const start = edgeStart[r]!;
    if (edgeStart[r + 1]! - start !== path.length) continue;
    let k = 0;
    while (k < path.length && edges[start + k] === toInput[path[k]!]) k++;
    if (k === path.length) return true;
  }
  return false;
}

/**
 * Route sets by the penalty method (as the router's `distinct` alternatives): the cheapest route at free flow, then
 * repeated searches in which the edges already used cost PENALTY times more, keeping new routes only. The outside
 * option is added as a route of its own. The sets are fixed for a run, so a choice model over them changes
 * smoothly with costs. Penalties only raise costs, so each search is an A* towards the pair's destination with the
 * unpenalized costs to it as the potential (computed once per destination and class).
 */
export function buildRouteSets(problem: CorridorProblem, routesPerPair: number): RouteSets {
  const net = problem.network;
  const ws = new TreeWorkspace(net.nodeCount);
  const scratch = new Float64Array(problem.edgeCount);
  const outsideCsr: number[] = [];
  for (let k = 0; k < net.linkCount; k++) if (net.toInput[k]! >= problem.graph.edgeCount) outsideCsr.push(k);
  const classCost = problem.classes.map((_, c) => {
    const cost = toCsrOrder(net, classCosts(problem, c, undefined, scratch));
    for (const k of outsideCsr) cost[k] = Infinity;
    return cost;
  });
  const potentials = new Map<number, Float64Array>();
  const pairStart = new Uint32Array(problem.pairs.length + 1);
  const edgeStart: number[] = [0];
  const edges: number[] = [];
  const path: number[] = [];
  const penalized = new Float64Array(net.linkCount);
  for (let p = 0; p < problem.pairs.length; p++) {
    const pair = problem.pairs[p]!;
    const base = classCost[pair.cls]!;
    const key = pair.to * problem.classes.length + pair.cls;
    let toTarget = potentials.get(key);
    if (toTarget === undefined) potentials.set(key, (toTarget = costsTo(net, base, pair.to, ws)));
    penalized.set(base);
    const firstRoute = edgeStart.length - 1;
    let found = 0;
    for (let attempt = 0; attempt < routesPerPair * 4 && found < routesPerPair; attempt++) {
      if (!Number.isFinite(cheapestPath(net, penalized, pair.from, pair.to, toTarget, ws))) break;
      path.length = 0;
      for (let v = pair.to; v !== pair.from;) {
        const e = ws.predEdge[v]!;
        if (e < 0) break;
        path.push(e);
        v = net.csr.sources[e]!;
      }
      path.reverse();
      if (!hasRoute(edgeStart, edges, firstRoute, path, net.toInput)) {
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

/** Whether two typed arrays hold the same values in their first `n` places. */
function samePrefix(a: ArrayLike<number>, b: ArrayLike<number>, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Whether `buildRouteSets` gives the same sets on both problems: the same vertices, edges, free-flow costs and
 * modes of every class, and pairs (their tonnes and outside options do not enter the searches). Another year of a
 * scenario is so when the same links are open in both, and then takes the sets already built.
 */
export function sameSearches(a: CorridorProblem, b: CorridorProblem): boolean {
  const ga = a.graph;
  const gb = b.graph;
  const n = ga.edgeCount;
  if (n !== gb.edgeCount || ga.vertexCount !== gb.vertexCount || ga.zoneCount !== gb.zoneCount) return false;
  if (a.pairs.length !== b.pairs.length || a.classes.length !== b.classes.length) return false;
  for (let p = 0; p < a.pairs.length; p++) {
    const x = a.pairs[p]!;
    const y = b.pairs[p]!;
    if (x.from !== y.from || x.to !== y.to || x.cls !== y.cls) return false;
  }
  for (let c = 0; c < a.classes.length; c++) {
    if (a.classes[c]!.valueOfTime !== b.classes[c]!.valueOfTime) return false;
    if (!samePrefix(a.blocked[c]!, b.blocked[c]!, n)) return false;
  }
  return (
    samePrefix(a.tail, b.tail, n) &&
    samePrefix(a.head, b.head, n) &&
    samePrefix(a.usd, b.usd, n) &&
    samePrefix(a.hours, b.hours, n)
  );
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

/**
 * Where the routes cross a subset of the edges (those whose cost changes with volume: the few with a capacity):
 * route r's crossings are `slot[start[r] … start[r+1]−1]`, each an index into `edges`. An assignment iteration
 * loads and prices only these; every other edge costs the same at every volume.
 */
export interface RouteCrossings {
  readonly edges: Uint32Array;
  readonly start: Uint32Array;
  readonly slot: Uint32Array;
}

/** The crossings of every route with the edges of `0 … edgeCount−1` that `included` accepts (input order). */
export function routeCrossings(
  sets: RouteSets,
  edgeCount: number,
  included: (edge: number) => boolean,
): RouteCrossings {
  const slotOf = new Int32Array(edgeCount).fill(-1);
  const listed: number[] = [];
  for (let e = 0; e < edgeCount; e++) if (included(e)) slotOf[e] = listed.push(e) - 1;
  const { edgeStart, edges } = sets;
  const start = new Uint32Array(sets.routeCount + 1);
  const slot: number[] = [];
  for (let r = 0; r < sets.routeCount; r++) {
    for (let k = edgeStart[r]!; k < edgeStart[r + 1]!; k++) {
      const j = slotOf[edges[k]!]!;
      if (j >= 0) slot.push(j);
    }
    start[r + 1] = slot.length;
  }
  return { edges: Uint32Array.from(listed), start, slot: Uint32Array.from(slot) };
}

/** Adds each route's flow to the volume of the edges it crosses (indexed like `crossings.edges`). */
export function loadCrossings(crossings: RouteCrossings, routeFlow: Float64Array, volume: Float64Array): Float64Array {
  const { start, slot } = crossings;
  for (let r = 0; r + 1 < start.length; r++) {
    const flow = routeFlow[r]!;
    if (flow === 0) continue;
    for (let k = start[r]!; k < start[r + 1]!; k++) volume[slot[k]!]! += flow;
  }
  return volume;
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
