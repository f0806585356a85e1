import { cholesky, choleskySolve } from '../estimation/dense.js';

export interface RegressionSensitivity {
  /** One per input, in the inputs' order: the standardized regression coefficient (0 for an input that never varies). */
  coefficients: Float64Array;
  /** Share of the output's variance the linear fit explains; SRC² adds up to it when the inputs are independent. */
  rSquared: number;
}

/**
 * Standardized regression coefficients (SRC): the least-squares fit of the output on the inputs, all scaled to mean
 * 0 and standard deviation 1, so a coefficient is how many standard deviations the output moves per standard
 * deviation of that input, the others held fixed. For a model linear in independent inputs, SRC_i² is input i's
 * first-order Sobol index and R² = 1; a low R² says the ranking misses non-linear effects and interactions.
 *
 * `inputs` is row-major (sample k, input j at k·d + j).
 */
export function standardizedRegression(
  inputs: Float64Array,
  d: number,
  output: ArrayLike<number>,
): RegressionSensitivity {
  const n = output.length;
  const coefficients = new Float64Array(d);
  const yMean = mean(output, n);
  let yVar = 0;
  for (let k = 0; k < n; k++) yVar += (output[k]! - yMean) ** 2;
  if (n < 3 || !(yVar > 0)) return { coefficients, rSquared: 0 };
  // Columns that vary; a constant input (fixed in this sweep) has no coefficient.
  const columns: number[] = [];
  const means = new Float64Array(d);
  const scales = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let k = 0; k < n; k++) m += inputs[k * d + j]!;
    m /= n;
    let v = 0;
    for (let k = 0; k < n; k++) v += (inputs[k * d + j]! - m) ** 2;
    means[j] = m;
    scales[j] = Math.sqrt(v);
    if (scales[j]! > 1e-12 * Math.max(1, Math.abs(m))) columns.push(j);
  }
  const p = columns.length;
  if (p === 0) return { coefficients, rSquared: 0 };
  // Normal equations of the standardized problem: the inputs' correlation matrix and their correlations with y.
  const z = (k: number, c: number) => (inputs[k * d + columns[c]!]! - means[columns[c]!]!) / scales[columns[c]!]!;
  const yScale = Math.sqrt(yVar);
  const gram = new Float64Array(p * p);
  const right = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    const y = (output[k]! - yMean) / yScale;
    for (let a = 0; a < p; a++) {
      const za = z(k, a);
      right[a]! += za * y;
      for (let b = 0; b <= a; b++) gram[a * p + b]! += za * z(k, b);
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[b * p + a] = gram[a * p + b]!;
  // A whisper of ridge keeps inputs that are (nearly) collinear in a small sample from breaking the factorization.
  for (let a = 0; a < p; a++) gram[a * p + a]! += 1e-9;
  const beta = choleskySolve(cholesky(gram, p, undefined, 'the correlation matrix of the inputs'), p, right);
  let rSquared = 0;
  for (let c = 0; c < p; c++) {
    coefficients[columns[c]!] = beta[c]!;
    rSquared += beta[c]! * right[c]!;
  }
  return { coefficients, rSquared: Math.min(1, Math.max(0, rSquared)) };
}

function mean(values: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += values[k]!;
  return sum / n;
}
