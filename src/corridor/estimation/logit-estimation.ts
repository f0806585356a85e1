import { cholesky, choleskyInverse, choleskySolve, diagonalRoots, sandwich } from './dense.js';
import { EstimationInputError, requireFinite, requireLength, requireNonNegative } from './errors.js';

/**
 * Maximum-likelihood estimation of a multinomial logit with utilities linear in the parameters, V_a = β·z_a
 * (Ben-Akiva & Lerman 1985), by Newton–Raphson with a backtracking line search on the analytic gradient and
 * Hessian. Observations are individual choices or grouped shares with weights (tonnes); their alternatives vary in
 * number. See docs/estimation.md.
 */
export interface LogitData {
  /** Number of parameters K (attributes per alternative). */
  parameters: number;
  /** Parameter names for reports and errors. */
  names?: readonly string[];
  /** offsets[o] … offsets[o + 1] − 1 are the alternatives of observation o; length observations + 1. */
  offsets: Uint32Array;
  /** Attributes, row-major: attributes[a·K + k] is attribute k of alternative a. */
  attributes: Float64Array;
  /** The chosen alternative of each observation, counted within it (0 … J_o − 1). Give this or `shares`. */
  chosen?: Uint32Array;
  /** The observed share of each alternative; normalized within each observation. Give this or `chosen`. */
  shares?: Float64Array;
  /** Weight of each observation (e.g. tonnes of a grouped share); default 1. */
  weights?: Float64Array;
}

export interface LogitEstimationOptions {
  /** Starting β (default 0). */
  initial?: Float64Array;
  /** Newton iterations at most (default 100). */
  maxIterations?: number;
  /** Stop when the Newton decrement gᵀH⁻¹g is at most tolerance·(1 + |LL|) (default 1e-12). */
  tolerance?: number;
}

export interface LogitEstimate {
  beta: Float64Array;
  /** From the inverse of the information matrix (minus the Hessian of the log-likelihood). */
  standardErrors: Float64Array;
  /** Robust (sandwich) standard errors: H⁻¹ (Σ_o s_o s_oᵀ) H⁻¹ with s_o the weighted score of observation o. */
  robustStandardErrors: Float64Array;
  /** Row-major K×K inverse information matrix. */
  covariance: Float64Array;
  logLikelihood: number;
  /** Log-likelihood at β = 0 (equal shares). */
  nullLogLikelihood: number;
  /** 1 − LL(β)/LL(0). */
  rhoSquared: number;
  /** 1 − (LL(β) − K)/LL(0). */
  adjustedRhoSquared: number;
  iterations: number;
  converged: boolean;
}

export interface LogitEvaluation {
  logLikelihood: number;
  /** ∂LL/∂β. */
  gradient: Float64Array;
  /** Row-major −∂²LL/∂β∂βᵀ (the information matrix). */
  information: Float64Array;
  /** Row-major Σ_o (w_o g_o)(w_o g_o)ᵀ, the middle of the sandwich. */
  scoreOuter: Float64Array;
}

/** The shares as one array, normalized within each observation, from `chosen` or `shares`. */
function observedShares(data: LogitData): Float64Array {
  const observations = data.offsets.length - 1;
  const alternatives = data.offsets[observations]!;
  const out = new Float64Array(alternatives);
  if (data.chosen) {
    for (let o = 0; o < observations; o++) out[data.offsets[o]! + data.chosen[o]!] = 1;
    return out;
  }
  const shares = data.shares!;
  for (let o = 0; o < observations; o++) {
    let sum = 0;
    for (let a = data.offsets[o]!; a < data.offsets[o + 1]!; a++) sum += shares[a]!;
    if (!(sum > 0)) throw new EstimationInputError(`shares of observation ${o} must not all be 0`);
    for (let a = data.offsets[o]!; a < data.offsets[o + 1]!; a++) out[a] = shares[a]! / sum;
  }
  return out;
}

function validate(data: LogitData): void {
  const k = data.parameters;
  if (!Number.isInteger(k) || k < 1) throw new EstimationInputError(`parameters must be an integer ≥ 1, got ${k}`);
  if (data.names && data.names.length !== k)
    throw new EstimationInputError(`names has ${data.names.length} entries but there are ${k} parameters`);
  const observations = data.offsets.length - 1;
  if (observations < 1) throw new EstimationInputError('offsets must have at least two entries (one observation)');
  if (data.offsets[0] !== 0) throw new EstimationInputError(`offsets[0] must be 0, got ${data.offsets[0]}`);
  for (let o = 0; o < observations; o++)
    if (data.offsets[o + 1]! <= data.offsets[o]!)
      throw new EstimationInputError(`observation ${o} has no alternatives (offsets must increase)`);
  const alternatives = data.offsets[observations]!;
  requireLength('attributes', data.attributes, alternatives * k, `${alternatives} alternatives × ${k} parameters`);
  requireFinite('attributes', data.attributes);
  if ((data.chosen === undefined) === (data.shares === undefined))
    throw new EstimationInputError('give exactly one of chosen (individual choices) and shares (grouped data)');
  if (data.chosen) {
    requireLength('chosen', data.chosen, observations, 'one per observation');
    for (let o = 0; o < observations; o++)
      if (data.chosen[o]! >= data.offsets[o + 1]! - data.offsets[o]!)
        throw new EstimationInputError(
          `chosen[${o}] = ${data.chosen[o]} but observation ${o} has ${data.offsets[o + 1]! - data.offsets[o]!} alternatives`,
        );
  }
  if (data.shares) {
    requireLength('shares', data.shares, alternatives, 'one per alternative');
    requireNonNegative('shares', data.shares);
  }
  if (data.weights) {
    requireLength('weights', data.weights, observations, 'one per observation');
    requireNonNegative('weights', data.weights);
  }
}

/** Log-likelihood, gradient, information matrix and score outer product at β; `shares` normalized per observation. */
export function evaluateLogit(data: LogitData, beta: Float64Array, shares: Float64Array): LogitEvaluation {
  const k = data.parameters;
  const { offsets, attributes: z, weights } = data;
  const observations = offsets.length - 1;
  let maxAlternatives = 0;
  for (let o = 0; o < observations; o++) maxAlternatives = Math.max(maxAlternatives, offsets[o + 1]! - offsets[o]!);
  const probability = new Float64Array(maxAlternatives);
  const mean = new Float64Array(k);
  const score = new Float64Array(k);
  const gradient = new Float64Array(k);
  const information = new Float64Array(k * k);
  const scoreOuter = new Float64Array(k * k);
  let logLikelihood = 0;
  for (let o = 0; o < observations; o++) {
    const w = weights ? weights[o]! : 1;
    if (w === 0) continue;
    const first = offsets[o]!;
    const count = offsets[o + 1]! - first;
    let best = -Infinity;
    for (let i = 0; i < count; i++) {
      let v = 0;
      const row = (first + i) * k;
      for (let j = 0; j < k; j++) v += z[row + j]! * beta[j]!;
      probability[i] = v;
      if (v > best) best = v;
    }
    let sum = 0;
    for (let i = 0; i < count; i++) sum += Math.exp(probability[i]! - best);
    const logSum = best + Math.log(sum);
    // Attributes are taken relative to the observation's first alternative: the likelihood does not change, and an
    // attribute constant within the observation then adds exact zeros, so an unidentified parameter shows as a zero
    // pivot instead of rounding noise.
    const base = first * k;
    mean.fill(0);
    score.fill(0);
    for (let i = 0; i < count; i++) {
      const s = shares[first + i]!;
      if (s > 0) logLikelihood += w * s * (probability[i]! - logSum);
      const p = Math.exp(probability[i]! - logSum);
      probability[i] = p;
      const row = (first + i) * k;
      for (let j = 0; j < k; j++) {
        const d = z[row + j]! - z[base + j]!;
        mean[j]! += p * d;
        score[j]! += s * d;
      }
    }
    for (let j = 0; j < k; j++) score[j] = w * (score[j]! - mean[j]!);
    for (let i = 0; i < count; i++) {
      const row = (first + i) * k;
      const wp = w * probability[i]!;
      for (let a = 0; a < k; a++) {
        const da = z[row + a]! - z[base + a]! - mean[a]!;
        if (da === 0) continue;
        for (let b = 0; b <= a; b++) information[a * k + b]! += wp * da * (z[row + b]! - z[base + b]! - mean[b]!);
      }
    }
    for (let a = 0; a < k; a++) {
      gradient[a]! += score[a]!;
      for (let b = 0; b <= a; b++) scoreOuter[a * k + b]! += score[a]! * score[b]!;
    }
  }
  for (let a = 0; a < k; a++)
    for (let b = 0; b < a; b++) {
      information[b * k + a] = information[a * k + b]!;
      scoreOuter[b * k + a] = scoreOuter[a * k + b]!;
    }
  return { logLikelihood, gradient, information, scoreOuter };
}

const WHAT = 'the information matrix (minus the log-likelihood Hessian)';

/** Estimates β; throws EstimationInputError on bad input and SingularMatrixError if a parameter is not identified. */
export function estimateLogit(data: LogitData, options: LogitEstimationOptions = {}): LogitEstimate {
  validate(data);
  const k = data.parameters;
  const shares = observedShares(data);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  let beta = options.initial ? Float64Array.from(options.initial) : new Float64Array(k);
  if (beta.length !== k)
    throw new EstimationInputError(`initial has ${beta.length} entries but there are ${k} parameters`);
  let current = evaluateLogit(data, beta, shares);
  let iterations = 0;
  let converged = false;
  for (;;) {
    const factor = cholesky(current.information, k, data.names, WHAT);
    const step = choleskySolve(factor, k, current.gradient);
    let decrement = 0;
    for (let j = 0; j < k; j++) decrement += step[j]! * current.gradient[j]!;
    if (decrement <= tolerance * (1 + Math.abs(current.logLikelihood))) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) break;
    // Backtracking (Armijo): the log-likelihood is concave, so a full Newton step is usually accepted.
    let t = 1;
    let trial = beta;
    let next = current;
    for (let halving = 0; halving < 40; halving++, t /= 2) {
      trial = Float64Array.from(beta, (b, j) => b + t * step[j]!);
      next = evaluateLogit(data, trial, shares);
      if (next.logLikelihood >= current.logLikelihood + 1e-4 * t * decrement) break;
    }
    if (next.logLikelihood < current.logLikelihood) break;
    beta = trial;
    current = next;
    iterations++;
  }
  const covariance = choleskyInverse(cholesky(current.information, k, data.names, WHAT), k);
  const observations = data.offsets.length - 1;
  let nullLogLikelihood = 0;
  for (let o = 0; o < observations; o++)
    nullLogLikelihood -= (data.weights ? data.weights[o]! : 1) * Math.log(data.offsets[o + 1]! - data.offsets[o]!);
  const ll = current.logLikelihood;
  return {
    beta,
    standardErrors: diagonalRoots(covariance, k),
    robustStandardErrors: diagonalRoots(sandwich(covariance, current.scoreOuter, k), k),
    covariance,
    logLikelihood: ll,
    nullLogLikelihood,
    rhoSquared: nullLogLikelihood < 0 ? 1 - ll / nullLogLikelihood : NaN,
    adjustedRhoSquared: nullLogLikelihood < 0 ? 1 - (ll - k) / nullLogLikelihood : NaN,
    iterations,
    converged,
  };
}
