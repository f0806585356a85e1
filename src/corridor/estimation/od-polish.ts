import { cholesky, choleskySolve } from './dense.js';
import type { ProportionMatrix } from './od-estimation.js';

/** Above this many free pairs and fitted counts alike the dense systems cost more than they are worth. */
const MAX_DENSE = 1500;
/** Active-set rounds before giving up (each moves at least one pair between free and bound). */
const MAX_ROUNDS = 500;

export interface PolishInput {
  proportions: ProportionMatrix;
  counts: number;
  /** Quadratic coefficients of the scaled objective Σ_c a_c (t_c − (P y)_c)² + Σ_p b_p (y_p − u_p)². */
  countWeight: Float64Array;
  countTarget: Float64Array;
  pairWeight: Float64Array;
  pairTarget: Float64Array;
  upper: Float64Array;
}

/**
 * The free pairs' optimum through the counts' multipliers μ = A(t − P y): (A⁻¹ + P_F B⁻¹ P_Fᵀ) μ = t − P_bound y −
 * P_F u, then y_F = u_F + B⁻¹ P_Fᵀ μ. A system of one row per fitted count, not per pair, and y − u comes out directly
 * (no difference of large terms when λ is small). Undefined when that system is singular to working precision.
 */
function solveFreeByCounts(input: PolishInput, y: Float64Array, free: boolean[]): Float64Array | undefined {
  const n = y.length;
  const { rowStarts, columns, values } = input.proportions;
  const fitted: number[] = [];
  for (let c = 0; c < input.counts; c++)
    if (input.countWeight[c]! > 0 && rowStarts[c + 1]! > rowStarts[c]!) fitted.push(c);
  const m = fitted.length;
  if (m > MAX_DENSE) return undefined;
  for (let p = 0; p < n; p++) if (free[p] && !(input.pairWeight[p]! > 0)) return undefined;
  // The pairs' columns of P restricted to the fitted counts, as lists per pair.
  const columnStarts = new Uint32Array(n + 1);
  for (const c of fitted) for (let e = rowStarts[c]!; e < rowStarts[c + 1]!; e++) columnStarts[columns[e]! + 1]!++;
  for (let p = 0; p < n; p++) columnStarts[p + 1]! += columnStarts[p]!;
  const fill = columnStarts.slice(0, n);
  const rowOf = new Uint32Array(columnStarts[n]!);
  const share = new Float64Array(columnStarts[n]!);
  const rhs = new Float64Array(m);
  fitted.forEach((c, i) => {
    let rest = input.countTarget[c]!;
    for (let e = rowStarts[c]!; e < rowStarts[c + 1]!; e++) {
      const p = columns[e]!;
      rest -= values[e]! * (free[p] ? input.pairTarget[p]! : y[p]!);
      rowOf[fill[p]!] = i;
      share[fill[p]!++] = values[e]!;
    }
    rhs[i] = rest;
  });
  const k = new Float64Array(m * m);
  fitted.forEach((c, i) => (k[i * m + i] = 1 / input.countWeight[c]!));
  for (let p = 0; p < n; p++) {
    if (!free[p]) continue;
    const inverse = 1 / input.pairWeight[p]!;
    for (let e = columnStarts[p]!; e < columnStarts[p + 1]!; e++)
      for (let f = columnStarts[p]!; f < columnStarts[p + 1]!; f++)
        k[rowOf[e]! * m + rowOf[f]!]! += inverse * share[e]! * share[f]!;
  }
  let mu: Float64Array;
  try {
    mu = choleskySolve(cholesky(k, m), m, rhs);
  } catch {
    return undefined;
  }
  const out = Float64Array.from(y);
  for (let p = 0; p < n; p++) {
    if (!free[p]) continue;
    let s = 0;
    for (let e = columnStarts[p]!; e < columnStarts[p + 1]!; e++) s += share[e]! * mu[rowOf[e]!]!;
    out[p] = input.pairTarget[p]! + s / input.pairWeight[p]!;
  }
  return out;
}

/** The free pairs' optimum with the others held at `y`, by whichever dense system is smaller; undefined if singular. */
function solveFree(input: PolishInput, y: Float64Array, free: boolean[]): Float64Array | undefined {
  let k = 0;
  for (const f of free) if (f) k++;
  if (k > input.counts) {
    const byCounts = solveFreeByCounts(input, y, free);
    if (byCounts) return byCounts;
  }
  return solveFreeByPairs(input, y, free);
}

/** Solves the normal equations of the free pairs with the others held at `y`; undefined if singular. */
function solveFreeByPairs(input: PolishInput, y: Float64Array, free: boolean[]): Float64Array | undefined {
  const n = y.length;
  const { rowStarts, columns, values } = input.proportions;
  const position = new Int32Array(n).fill(-1);
  let k = 0;
  for (let p = 0; p < n; p++) if (free[p]) position[p] = k++;
  if (k > MAX_DENSE) return undefined;
  // (PᵀAP + B)_FF y_F = PᵀA(t − P y_bound) + B u, restricted to the free pairs F.
  const h = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  for (let c = 0; c < input.counts; c++) {
    const a = input.countWeight[c]!;
    if (a === 0) continue;
    let rest = input.countTarget[c]!;
    for (let e = rowStarts[c]!; e < rowStarts[c + 1]!; e++)
      if (position[columns[e]!]! < 0) rest -= values[e]! * y[columns[e]!]!;
    for (let e = rowStarts[c]!; e < rowStarts[c + 1]!; e++) {
      const i = position[columns[e]!]!;
      if (i < 0) continue;
      rhs[i]! += a * values[e]! * rest;
      for (let f = rowStarts[c]!; f < rowStarts[c + 1]!; f++) {
        const j = position[columns[f]!]!;
        if (j >= 0) h[i * k + j]! += a * values[e]! * values[f]!;
      }
    }
  }
  for (let p = 0; p < n; p++) {
    const i = position[p]!;
    if (i < 0) continue;
    h[i * k + i]! += input.pairWeight[p]!;
    rhs[i]! += input.pairWeight[p]! * input.pairTarget[p]!;
  }
  let solution: Float64Array;
  try {
    solution = choleskySolve(cholesky(h, k), k, rhs);
  } catch {
    return undefined;
  }
  const out = Float64Array.from(y);
  for (let p = 0; p < n; p++) if (position[p]! >= 0) out[p] = solution[position[p]!]!;
  return out;
}

/** ∂f/∂y_p (halved) and the size it is judged against: the gradient a pair would have at zero flow. */
function gradient(input: PolishInput, y: Float64Array): { value: Float64Array; size: Float64Array } {
  const n = y.length;
  const { rowStarts, columns, values } = input.proportions;
  const value = new Float64Array(n);
  const size = new Float64Array(n);
  for (let c = 0; c < input.counts; c++) {
    const a = input.countWeight[c]!;
    if (a === 0) continue;
    let modeled = 0;
    for (let e = rowStarts[c]!; e < rowStarts[c + 1]!; e++) modeled += values[e]! * y[columns[e]!]!;
    for (let e = rowStarts[c]!; e < rowStarts[c + 1]!; e++) {
      value[columns[e]!]! += a * values[e]! * (modeled - input.countTarget[c]!);
      size[columns[e]!]! += a * values[e]! * input.countTarget[c]!;
    }
  }
  for (let p = 0; p < n; p++) {
    value[p]! += input.pairWeight[p]! * (y[p]! - input.pairTarget[p]!);
    size[p]! += input.pairWeight[p]! * input.pairTarget[p]! + Number.MIN_VALUE;
  }
  return { value, size };
}

/**
 * Refines a QP solution by a primal active-set method started from the solver's active set: with the pairs at a
 * bound held there, the optimum of the others solves one linear system, exactly. The solver's answer is only as good
 * as its absolute tolerances, which leaves counts with small weights visibly off. Pairs that want to leave their
 * bound are freed, free pairs that cross a bound are fixed at it. Returns undefined when it does not settle.
 */
export function polishActiveSet(input: PolishInput, start: Float64Array): Float64Array | undefined {
  const n = start.length;
  const tolerance = 1e-9;
  let y: Float64Array = Float64Array.from(start, (v, p) => Math.min(Math.max(v, 0), input.upper[p]!));
  const free = Array.from(y, (v, p) => v > tolerance && v < input.upper[p]! - tolerance);
  for (let p = 0; p < n; p++) if (!free[p]) y[p] = y[p]! <= tolerance ? 0 : input.upper[p]!;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = solveFree(input, y, free);
    if (!next) return undefined;
    // Step from y towards the free optimum as far as the bounds allow; the pair that stops the step is fixed.
    let step = 1;
    let blocking = -1;
    for (let p = 0; p < n; p++) {
      if (!free[p]) continue;
      const target = next[p]!;
      const bound = target < 0 ? 0 : target > input.upper[p]! ? input.upper[p]! : undefined;
      if (bound === undefined) continue;
      const t = (bound - y[p]!) / (target - y[p]!);
      if (t < step) {
        step = Math.max(0, t);
        blocking = p;
      }
    }
    for (let p = 0; p < n; p++) if (free[p]) y[p] = y[p]! + step * (next[p]! - y[p]!);
    if (blocking >= 0) {
      free[blocking] = false;
      y[blocking] = next[blocking]! < 0 ? 0 : input.upper[blocking]!;
      continue;
    }
    y = next;
    const { value, size } = gradient(input, y);
    let worst = -1;
    let worstValue = 0;
    for (let p = 0; p < n; p++) {
      if (free[p]) continue;
      // At the lower bound the pair wants to grow if the gradient is negative; at the upper, if positive.
      const inward = y[p] === 0 ? -value[p]! : value[p]!;
      if (inward > tolerance * size[p]! && inward / size[p]! > worstValue) {
        worst = p;
        worstValue = inward / size[p]!;
      }
    }
    if (worst < 0) return y;
    free[worst] = true;
  }
  return undefined;
}
