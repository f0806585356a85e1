import { cholesky, choleskyInverse, choleskySolve, diagonalRoots } from './dense.js';
import { EstimationInputError, requireFinite, requireLength, requireNonNegative } from './errors.js';

/**
 * Levenberg–Marquardt for small weighted nonlinear least-squares problems with a black-box model (e.g. a logit
 * dispersion and corridor constants fitted to counts by running the assignment): minimize Σ_i w_i (y_i − f_i(θ))²
 * within bounds, with a finite-difference Jacobian. See docs/estimation.md.
 */
export interface LeastSquaresProblem {
  /** Writes the modeled values f(θ) into `out` (one per observation). Must not keep `theta`. */
  model: (theta: Float64Array, out: Float64Array) => void;
  observed: Float64Array;
  /** Weight w_i ≥ 0 of each observation (default 1), e.g. 1/y_i² for relative errors. */
  weights?: Float64Array;
  initial: Float64Array;
  /** Bounds per parameter (±Infinity for none). */
  lower?: Float64Array;
  upper?: Float64Array;
  names?: readonly string[];
}

export interface LeastSquaresOptions {
  /** Accepted steps at most (default 200). */
  maxIterations?: number;
  /** Central differences (default: two model runs per parameter, error O(h²)) or forward (one run, O(h)). */
  differences?: 'central' | 'forward';
  /**
   * Finite-difference step relative to max(|θ_j|, typical_j): default ε^(1/3) ≈ 6e-6 for central, ε^(1/2) ≈ 1.5e-8
   * for forward differences (ε the machine epsilon), the steps that balance truncation against rounding.
   */
  relativeStep?: number;
  /** Scale of each parameter for the step when θ_j is near 0 (default |initial_j|, or 1 if that is 0). */
  typical?: Float64Array;
  /** Stop when a step changes the weighted SSR or θ by at most this, relatively (default 1e-12). */
  tolerance?: number;
}

export interface LeastSquaresResult {
  theta: Float64Array;
  /** sqrt(diag(s² (JᵀWJ)⁻¹)), s² = weighted SSR/(n − k); NaN when n ≤ k. */
  standardErrors: Float64Array;
  /** Row-major k×k s² (JᵀWJ)⁻¹. */
  covariance: Float64Array;
  modeled: Float64Array;
  /** modeled − observed, per observation. */
  residual: Float64Array;
  /** Σ w_i (y_i − f_i)². */
  weightedSsr: number;
  /** 1 − weighted SSR / Σ w_i (y_i − ȳ_w)², ȳ_w the weighted mean. */
  rSquared: number;
  /** sqrt(Σ (y_i − f_i)² / n), unweighted, in the observations' unit. */
  rmse: number;
  /** Whether each parameter ended at one of its bounds (its SE is then conditional on the bound). */
  atBound: boolean[];
  iterations: number;
  /** Model runs, the Jacobians' included. */
  evaluations: number;
  converged: boolean;
}

function validate(problem: LeastSquaresProblem): void {
  const n = problem.observed.length;
  const k = problem.initial.length;
  if (k < 1) throw new EstimationInputError('initial must have at least one parameter');
  if (n < 1) throw new EstimationInputError('observed must have at least one value');
  requireFinite('observed', problem.observed);
  requireFinite('initial', problem.initial);
  if (problem.weights) {
    requireLength('weights', problem.weights, n, 'one per observed value');
    requireNonNegative('weights', problem.weights);
  }
  if (problem.names && problem.names.length !== k)
    throw new EstimationInputError(`names has ${problem.names.length} entries but there are ${k} parameters`);
  if (problem.lower) requireLength('lower', problem.lower, k, 'one per parameter');
  if (problem.upper) requireLength('upper', problem.upper, k, 'one per parameter');
  for (let j = 0; j < k; j++) {
    const lo = problem.lower?.[j] ?? -Infinity;
    const hi = problem.upper?.[j] ?? Infinity;
    if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi)
      throw new EstimationInputError(`bounds of parameter ${problem.names?.[j] ?? j} are invalid: [${lo}, ${hi}]`);
    if (!(problem.initial[j]! >= lo && problem.initial[j]! <= hi))
      throw new EstimationInputError(`initial[${j}] = ${problem.initial[j]} is outside its bounds [${lo}, ${hi}]`);
  }
}

/** Fits θ; throws EstimationInputError on bad input and SingularMatrixError when a parameter is not identified. */
export function fitLeastSquares(problem: LeastSquaresProblem, options: LeastSquaresOptions = {}): LeastSquaresResult {
  validate(problem);
  const y = problem.observed;
  const n = y.length;
  const k = problem.initial.length;
  const w = problem.weights ?? new Float64Array(n).fill(1);
  const lower = problem.lower ?? new Float64Array(k).fill(-Infinity);
  const upper = problem.upper ?? new Float64Array(k).fill(Infinity);
  const central = (options.differences ?? 'central') === 'central';
  const relativeStep = options.relativeStep ?? (central ? Math.cbrt(Number.EPSILON) : Math.sqrt(Number.EPSILON));
  const typical = options.typical ?? Float64Array.from(problem.initial, (v) => (v !== 0 ? Math.abs(v) : 1));
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  let evaluations = 0;
  const run = (theta: Float64Array, out: Float64Array) => {
    evaluations++;
    problem.model(theta.slice(), out);
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(out[i]!))
        throw new EstimationInputError(
          `the model returned ${out[i]} for observation ${i} at θ = [${theta.join(', ')}]`,
        );
  };
  const ssrOf = (f: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i]! * (y[i]! - f[i]!) ** 2;
    return s;
  };
  const jacobian = new Float64Array(n * k);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const fillJacobian = (theta: Float64Array, f: Float64Array) => {
    const probe = theta.slice();
    for (let j = 0; j < k; j++) {
      const h = relativeStep * Math.max(Math.abs(theta[j]!), typical[j]!);
      const up = theta[j]! + h <= upper[j]!;
      const down = theta[j]! - h >= lower[j]!;
      // One-sided next to a bound, so the model never runs outside the box.
      let hi = theta[j]!;
      let lo = theta[j]!;
      if (central && up && down) {
        hi += h;
        lo -= h;
      } else if (up) hi += h;
      else lo -= h;
      probe[j] = hi;
      if (hi !== theta[j]) run(probe, plus);
      else plus.set(f);
      probe[j] = lo;
      if (lo !== theta[j]) run(probe, minus);
      else minus.set(f);
      probe[j] = theta[j]!;
      for (let i = 0; i < n; i++) jacobian[i * k + j] = (plus[i]! - minus[i]!) / (hi - lo);
    }
  };
  const normal = (f: Float64Array) => {
    const a = new Float64Array(k * k);
    const g = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      const r = y[i]! - f[i]!;
      for (let p = 0; p < k; p++) {
        const jp = wi * jacobian[i * k + p]!;
        g[p]! += jp * r;
        for (let q = 0; q < k; q++) a[p * k + q]! += jp * jacobian[i * k + q]!;
      }
    }
    return { a, g };
  };

  let theta = Float64Array.from(problem.initial);
  let f = new Float64Array(n);
  run(theta, f);
  let ssr = ssrOf(f);
  let mu = 1e-3;
  let iterations = 0;
  let converged = false;
  const trialF = new Float64Array(n);
  while (iterations < maxIterations && !converged) {
    fillJacobian(theta, f);
    const { a, g } = normal(f);
    for (let j = 0; j < k; j++)
      if (!(a[j * k + j]! > 0)) cholesky(a, k, problem.names, 'JᵀWJ (the model does not depend on a parameter)');
    let accepted = false;
    while (!accepted) {
      const damped = a.slice();
      for (let j = 0; j < k; j++) damped[j * k + j]! *= 1 + mu;
      const step = choleskySolve(cholesky(damped, k, problem.names, 'the damped JᵀWJ'), k, g);
      const trial = Float64Array.from(theta, (v, j) => Math.min(upper[j]!, Math.max(lower[j]!, v + step[j]!)));
      let change = 0;
      let size = 0;
      for (let j = 0; j < k; j++) {
        change += (trial[j]! - theta[j]!) ** 2;
        size += theta[j]! ** 2;
      }
      if (Math.sqrt(change) <= tolerance * (Math.sqrt(size) + tolerance)) {
        // The (projected) step has vanished: nothing left to gain at working precision.
        converged = true;
        break;
      }
      run(trial, trialF);
      const trialSsr = ssrOf(trialF);
      if (trialSsr < ssr) {
        converged = ssr - trialSsr <= tolerance * ssr || Math.sqrt(change) <= tolerance * (Math.sqrt(size) + tolerance);
        theta = trial;
        f = trialF.slice();
        ssr = trialSsr;
        mu = Math.max(mu / 10, 1e-12);
        accepted = true;
        iterations++;
      } else {
        mu *= 10;
        if (mu > 1e16) {
          converged = true;
          break;
        }
      }
    }
  }
  fillJacobian(theta, f);
  const { a } = normal(f);
  const inverse = choleskyInverse(cholesky(a, k, problem.names, 'JᵀWJ at the estimate'), k);
  const s2 = n > k ? ssr / (n - k) : NaN;
  const covariance = inverse.map((v) => v * s2);
  let wSum = 0;
  let wMean = 0;
  for (let i = 0; i < n; i++) {
    wSum += w[i]!;
    wMean += w[i]! * y[i]!;
  }
  wMean /= wSum;
  let total = 0;
  let squares = 0;
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    total += w[i]! * (y[i]! - wMean) ** 2;
    residual[i] = f[i]! - y[i]!;
    squares += residual[i]! ** 2;
  }
  return {
    theta,
    standardErrors: diagonalRoots(covariance, k),
    covariance,
    modeled: f,
    residual,
    weightedSsr: ssr,
    rSquared: total > 0 ? 1 - ssr / total : NaN,
    rmse: Math.sqrt(squares / n),
    atBound: Array.from(theta, (v, j) => v === lower[j] || v === upper[j]),
    iterations,
    evaluations,
    converged,
  };
}
