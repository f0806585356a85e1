import { EstimationInputError, requireLength, requireNonNegative } from './errors.js';
import { polishActiveSet, type PolishInput } from './od-polish.js';
import type { QpProblem, QpSolver } from './qp.js';

/**
 * OD matrix estimation from counts by generalized least squares with a prior term (Cascetta & Nguyen 1988; Bell
 * 1991), solved as a convex QP by an injected solver (HiGHS in the adapter):
 *
 *   minimize Σ_c w_c (ô_c − Σ_p P[c,p] x_p)² + λ Σ_p (x_p − prior_p)² / max(prior_p, floor)
 *   subject to 0 ≤ x_p ≤ upper_p.
 *
 * See docs/estimation.md.
 */

/** count × pair proportions in compressed rows: P[c,p], the share of pair p's tonnes that pass count c. */
export interface ProportionMatrix {
  /** rowStarts[c] … rowStarts[c + 1] − 1 index `columns` and `values` for count c; length counts + 1. */
  rowStarts: Uint32Array | Int32Array;
  /** Pair index of each entry; a pair appears at most once per count. */
  columns: Uint32Array | Int32Array;
  values: Float64Array;
}

export interface OdEstimationInput {
  /** Prior matrix, one value per OD pair (t/yr or any unit shared with `observed`). */
  prior: Float64Array;
  proportions: ProportionMatrix;
  /** Observed count ô_c, same unit as the prior. */
  observed: Float64Array;
  /**
   * Weight w_c of each count. Default 1/max(ô_c, 10⁻³·max ô)², so each count's error counts relative to its size. A
   * weight of 0 leaves the count out of the fit (it is still modeled and reported: a validation count).
   */
  weights?: Float64Array;
  /** Weight λ > 0 of the prior term: small λ trusts the counts, large λ the prior. */
  lambda: number;
  /** Optional upper bound per pair (Infinity for none). */
  upper?: Float64Array;
  /** Floor of the prior in the prior term's denominator, so zero-prior pairs are not fixed. Default 1% of the mean positive prior. */
  priorFloor?: number;
  /** How many pairs to list among the largest relative changes (default 10). */
  largestCount?: number;
}

export interface PairChange {
  pair: number;
  prior: number;
  estimate: number;
  /** (estimate − prior) / max(prior, floor). */
  relativeChange: number;
}

export interface OdEstimationResult {
  estimate: Float64Array;
  /** Modeled count Σ_p P[c,p] x_p of every count, fitted or not. */
  modeled: Float64Array;
  /** modeled − observed. */
  residual: Float64Array;
  /** 100 · residual / observed; NaN where the observed count is 0. */
  residualPercent: Float64Array;
  /** The objective at the estimate, in the input's units. */
  objective: number;
  deviation: {
    /** Σ_p |x_p − prior_p|. */
    totalAbsolute: number;
    /** 100 · totalAbsolute / Σ prior. */
    percent: number;
    /** Pairs with the largest |relativeChange|, largest first. */
    largest: PairChange[];
  };
  /** The weights used and the floor, after defaults. */
  weights: Float64Array;
  priorFloor: number;
}

function validate(input: OdEstimationInput): void {
  const { prior, proportions, observed } = input;
  const pairs = prior.length;
  const counts = observed.length;
  requireNonNegative('prior', prior);
  requireNonNegative('observed', observed);
  if (!(input.lambda > 0) || !Number.isFinite(input.lambda))
    throw new EstimationInputError(`lambda must be a finite number > 0, got ${input.lambda}`);
  if (input.weights) {
    requireLength('weights', input.weights, counts, 'one per observed count');
    requireNonNegative('weights', input.weights);
  }
  if (input.upper) {
    requireLength('upper', input.upper, pairs, 'one per prior pair');
    for (let p = 0; p < pairs; p++)
      if (!(input.upper[p]! >= 0)) throw new EstimationInputError(`upper[${p}] must be ≥ 0, got ${input.upper[p]}`);
  }
  if (input.priorFloor !== undefined && !(input.priorFloor > 0 && Number.isFinite(input.priorFloor)))
    throw new EstimationInputError(`priorFloor must be a finite number > 0, got ${input.priorFloor}`);
  const { rowStarts, columns, values } = proportions;
  requireLength('proportions.rowStarts', rowStarts, counts + 1, 'one per observed count plus one');
  if (rowStarts[0] !== 0) throw new EstimationInputError(`proportions.rowStarts[0] must be 0, got ${rowStarts[0]}`);
  requireLength('proportions.values', values, columns.length, 'one per proportions.columns entry');
  if (rowStarts[counts] !== columns.length)
    throw new EstimationInputError(
      `proportions.rowStarts[${counts}] must equal the number of entries (${columns.length}), got ${rowStarts[counts]}`,
    );
  requireNonNegative('proportions.values', values);
  const seen = new Int32Array(pairs).fill(-1);
  for (let c = 0; c < counts; c++) {
    if (rowStarts[c + 1]! < rowStarts[c]!)
      throw new EstimationInputError(`proportions.rowStarts must not decrease (count ${c})`);
    for (let k = rowStarts[c]!; k < rowStarts[c + 1]!; k++) {
      const p = columns[k]!;
      if (!(p < pairs))
        throw new EstimationInputError(`proportions.columns[${k}] = ${p} is not a pair (0 … ${pairs - 1})`);
      if (seen[p] === c) throw new EstimationInputError(`proportions: pair ${p} appears twice in count ${c}`);
      seen[p] = c;
    }
  }
}

const meanPositive = (values: Float64Array) => {
  let sum = 0;
  let n = 0;
  for (const v of values)
    if (v > 0) {
      sum += v;
      n++;
    }
  return n > 0 ? sum / n : 0;
};

/** Default count weights 1/max(ô_c, 10⁻³·max ô)²: relative errors, with zero counts kept finite. */
export function relativeWeights(observed: Float64Array): Float64Array {
  let max = 0;
  for (const v of observed) max = Math.max(max, v);
  const floor = max > 0 ? 1e-3 * max : 1;
  return Float64Array.from(observed, (v) => 1 / Math.max(v, floor) ** 2);
}

/** Σ_p P[c,p] x_p for every count. */
export function modeledCounts(proportions: ProportionMatrix, x: Float64Array, counts: number): Float64Array {
  const { rowStarts, columns, values } = proportions;
  const out = new Float64Array(counts);
  for (let c = 0; c < counts; c++) {
    let s = 0;
    for (let k = rowStarts[c]!; k < rowStarts[c + 1]!; k++) s += values[k]! * x[columns[k]!]!;
    out[c] = s;
  }
  return out;
}

/** The GLS objective at x, in the input's units (for checks and reports). */
export function odObjective(
  input: OdEstimationInput,
  x: Float64Array,
  weights: Float64Array,
  priorFloor: number,
): number {
  const modeled = modeledCounts(input.proportions, x, input.observed.length);
  let f = 0;
  for (let c = 0; c < modeled.length; c++) f += weights[c]! * (input.observed[c]! - modeled[c]!) ** 2;
  for (let p = 0; p < x.length; p++)
    f += (input.lambda * (x[p]! - input.prior[p]!) ** 2) / Math.max(input.prior[p]!, priorFloor);
  return f;
}

/**
 * The objective in scaled variables y = x/s (s the mean positive prior), divided by its largest coefficient, so it
 * is of order one and the solver's absolute tolerances mean the same for tonnes as for megatonnes:
 * Σ_c a_c (t_c − (P y)_c)² + Σ_p b_p (y_p − u_p)².
 */
function scaledObjective(input: OdEstimationInput, weights: Float64Array, floor: number, scale: number): PolishInput {
  const pairs = input.prior.length;
  const counts = input.observed.length;
  const pairWeight = Float64Array.from(input.prior, (v) => (input.lambda * scale * scale) / Math.max(v, floor));
  const countWeight = Float64Array.from(weights, (w) => w * scale * scale);
  let norm = 0;
  for (const v of pairWeight) norm = Math.max(norm, v);
  const { rowStarts } = input.proportions;
  for (let c = 0; c < counts; c++) if (rowStarts[c + 1]! > rowStarts[c]!) norm = Math.max(norm, countWeight[c]!);
  for (let p = 0; p < pairs; p++) pairWeight[p] = pairWeight[p]! / norm;
  for (let c = 0; c < counts; c++) countWeight[c] = countWeight[c]! / norm;
  const upper = new Float64Array(pairs).fill(Infinity);
  if (input.upper) for (let p = 0; p < pairs; p++) upper[p] = input.upper[p]! / scale;
  return {
    proportions: input.proportions,
    counts,
    countWeight,
    countTarget: Float64Array.from(input.observed, (v) => v / scale),
    pairWeight,
    pairTarget: Float64Array.from(input.prior, (v) => v / scale),
    upper,
  };
}

/**
 * The scaled objective as a QP with one free variable r_c per fitted count tied by r_c = Σ_p P[c,p] y_p: the
 * Hessian is then diagonal however dense PᵀWP would be.
 */
function buildQp(scaled: PolishInput): QpProblem {
  const pairs = scaled.pairWeight.length;
  const fitted: number[] = [];
  const { rowStarts } = scaled.proportions;
  // A count no pair passes adds a constant: leaving it out keeps the QP free of empty rows.
  for (let c = 0; c < scaled.counts; c++)
    if (scaled.countWeight[c]! > 0 && rowStarts[c + 1]! > rowStarts[c]!) fitted.push(c);
  const m = fitted.length;
  const n = pairs + m;
  const values = new Float64Array(n);
  const linear = new Float64Array(n);
  for (let p = 0; p < pairs; p++) {
    values[p] = 2 * scaled.pairWeight[p]!;
    linear[p] = -2 * scaled.pairWeight[p]! * scaled.pairTarget[p]!;
  }
  fitted.forEach((c, j) => {
    values[pairs + j] = 2 * scaled.countWeight[c]!;
    linear[pairs + j] = -2 * scaled.countWeight[c]! * scaled.countTarget[c]!;
  });
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  upper.set(scaled.upper);
  for (let j = 0; j < m; j++) lower[pairs + j] = -Infinity;
  const { columns, values: shares } = scaled.proportions;
  let entries = 0;
  for (const c of fitted) entries += rowStarts[c + 1]! - rowStarts[c]! + 1;
  const starts = new Int32Array(m + 1);
  const indices = new Int32Array(entries);
  const coefficients = new Float64Array(entries);
  let k = 0;
  fitted.forEach((c, j) => {
    for (let e = rowStarts[c]!; e < rowStarts[c + 1]!; e++) {
      indices[k] = columns[e]!;
      coefficients[k++] = -shares[e]!;
    }
    indices[k] = pairs + j;
    coefficients[k++] = 1;
    starts[j + 1] = k;
  });
  const diagonal = Int32Array.from({ length: n + 1 }, (_, i) => i);
  return {
    columns: n,
    linear,
    hessian: { starts: diagonal, indices: diagonal.subarray(0, n), values },
    lower,
    upper,
    rows: { starts, indices, values: coefficients, lower: new Float64Array(m), upper: new Float64Array(m) },
  };
}

const toEstimate = (y: Float64Array, scale: number, upper: Float64Array | undefined) =>
  // The solver may return −1e-17 for a zero; the upper bound is clipped likewise.
  Float64Array.from(y, (v, p) => Math.min(Math.max(0, v * scale), upper ? upper[p]! : Infinity));

/**
 * Estimates the OD matrix; throws EstimationInputError on bad input and Error when the solver fails. With a QP solver
 * (HiGHS) its answer is refined on its active set; without one the core's active-set method runs alone, from the
 * prior: much faster on many pairs (HiGHS's active set works on a dense null space of one dimension per free pair),
 * and exact, but it may need many rounds when many pairs end at a bound.
 */
export async function estimateOdMatrix(input: OdEstimationInput, solve?: QpSolver): Promise<OdEstimationResult> {
  validate(input);
  const { prior, observed } = input;
  const pairs = prior.length;
  const counts = observed.length;
  const weights = input.weights ? Float64Array.from(input.weights) : relativeWeights(observed);
  const meanPrior = meanPositive(prior);
  const floor = input.priorFloor ?? (meanPrior > 0 ? 0.01 * meanPrior : 1);
  const scale = meanPrior > 0 ? meanPrior : meanPositive(observed) || 1;
  const scaled = scaledObjective(input, weights, floor, scale);
  let estimate: Float64Array;
  if (solve) {
    const solution = await solve(buildQp(scaled));
    if (!solution.optimal) throw new Error(`OD estimation: the QP solver ended with status ${solution.status}`);
    const solved = solution.x.subarray(0, pairs);
    estimate = toEstimate(solved, scale, input.upper);
    const polished = polishActiveSet(scaled, solved);
    if (polished) {
      const candidate = toEstimate(polished, scale, input.upper);
      if (odObjective(input, candidate, weights, floor) <= odObjective(input, estimate, weights, floor))
        estimate = candidate;
    }
  } else {
    const polished = polishActiveSet(scaled, scaled.pairTarget);
    if (!polished)
      throw new Error('OD estimation: the active-set method did not settle; pass a QP solver (HiGHS) instead');
    estimate = toEstimate(polished, scale, input.upper);
  }
  const modeled = modeledCounts(input.proportions, estimate, counts);
  const residual = new Float64Array(counts);
  const residualPercent = new Float64Array(counts);
  for (let c = 0; c < counts; c++) {
    residual[c] = modeled[c]! - observed[c]!;
    residualPercent[c] = observed[c]! > 0 ? (100 * residual[c]!) / observed[c]! : NaN;
  }
  let totalAbsolute = 0;
  let totalPrior = 0;
  const changes: PairChange[] = [];
  for (let p = 0; p < pairs; p++) {
    totalAbsolute += Math.abs(estimate[p]! - prior[p]!);
    totalPrior += prior[p]!;
    changes.push({
      pair: p,
      prior: prior[p]!,
      estimate: estimate[p]!,
      relativeChange: (estimate[p]! - prior[p]!) / Math.max(prior[p]!, floor),
    });
  }
  changes.sort((a, b) => Math.abs(b.relativeChange) - Math.abs(a.relativeChange) || a.pair - b.pair);
  return {
    estimate,
    modeled,
    residual,
    residualPercent,
    objective: odObjective(input, estimate, weights, floor),
    deviation: {
      totalAbsolute,
      percent: totalPrior > 0 ? (100 * totalAbsolute) / totalPrior : 0,
      largest: changes.slice(0, input.largestCount ?? 10),
    },
    weights,
    priorFloor: floor,
  };
}
