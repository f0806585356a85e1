import { EstimationInputError } from './errors.js';

/**
 * Reusable buffers for path-size factors over a network of `edgeCount` edges: a route set touches only its own
 * edges, and these are reset after each set, so one workspace serves every OD pair without O(E) work per pair.
 */
export class PathSizeWorkspace {
  /** Routes of the current set using each edge. */
  readonly uses: Uint32Array;
  /** The last route (+1) that counted the edge, so an edge listed twice in one route counts once. */
  readonly lastRoute: Int32Array;
  constructor(edgeCount: number) {
    this.uses = new Uint32Array(edgeCount);
    this.lastRoute = new Int32Array(edgeCount);
  }
}

/**
 * Path-size factors of a route set (Ben-Akiva & Bierlaire 1999): PS_i = Σ_{a∈i} (l_a / L_i) · 1/N_a, with N_a the
 * number of routes of the set using edge a and L_i = Σ_{a∈i} l_a. A route sharing nothing gets 1, each of n identical
 * routes 1/n. Routes are edge-id lists (as PathSet.routes); an edge listed twice in a route counts once. A route of
 * length 0 gets 1: it has no length to share. Enters the utility as β_PS · ln PS_i.
 */
export function pathSize(
  routes: readonly Uint32Array[],
  length: Float64Array,
  workspace: PathSizeWorkspace = new PathSizeWorkspace(length.length),
): Float64Array {
  const { uses, lastRoute } = workspace;
  if (uses.length < length.length)
    throw new EstimationInputError(`the workspace has ${uses.length} edges but length has ${length.length}`);
  // Checked before any buffer is touched, so a rejected set leaves the workspace clean.
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    for (let k = 0; k < route.length; k++) {
      const e = route[k]!;
      if (e >= length.length)
        throw new EstimationInputError(`route ${i} uses edge ${e}, but length has ${length.length} edges`);
      const l = length[e]!;
      if (!(l >= 0) || !Number.isFinite(l))
        throw new EstimationInputError(`length[${e}] must be a finite number ≥ 0, got ${l}`);
    }
  }
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    for (let k = 0; k < route.length; k++) {
      const e = route[k]!;
      if (lastRoute[e] !== i + 1) {
        lastRoute[e] = i + 1;
        uses[e]!++;
      }
    }
  }
  const out = new Float64Array(routes.length);
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    let total = 0;
    let shared = 0;
    // Second pass marks edges with −(i+1) once seen in route i, so a repeated edge is summed once.
    for (let k = 0; k < route.length; k++) {
      const e = route[k]!;
      if (lastRoute[e] === -(i + 1)) continue;
      lastRoute[e] = -(i + 1);
      total += length[e]!;
      shared += length[e]! / uses[e]!;
    }
    out[i] = total > 0 ? shared / total : 1;
  }
  for (const route of routes)
    for (let k = 0; k < route.length; k++) {
      uses[route[k]!] = 0;
      lastRoute[route[k]!] = 0;
    }
  return out;
}
