import { SingularMatrixError } from './errors.js';

/**
 * Small dense symmetric linear algebra for the estimators (k×k normal and Hessian matrices, k a few dozen at most):
 * row-major Float64Array, Cholesky only, because every matrix inverted here is symmetric positive (semi)definite.
 */

/**
 * A pivot smaller than this fraction of its own diagonal entry means the column is (numerically) a combination of
 * the columns before it.
 */
const RELATIVE_PIVOT = 1e-10;

/**
 * Lower Cholesky factor L (row-major, upper part zero) of the symmetric positive-definite n×n matrix `a`, which is
 * not modified. Throws SingularMatrixError naming the first parameter whose pivot vanishes.
 */
export function cholesky(a: Float64Array, n: number, names?: readonly string[], what = 'the matrix'): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! * l[j * n + k]!;
    const diagonal = a[j * n + j]!;
    if (!(diagonal > 0) || !(d > RELATIVE_PIVOT * diagonal)) throw new SingularMatrixError(j, names?.[j], what);
    const root = Math.sqrt(d);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / root;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b for x, given the factor from `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** The inverse (row-major n×n) of the matrix whose Cholesky factor is `l`. */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  const unit = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    unit.fill(0);
    unit[j] = 1;
    const column = choleskySolve(l, n, unit);
    for (let i = 0; i < n; i++) inverse[i * n + j] = column[i]!;
  }
  return inverse;
}

/** The product of two row-major n×n matrices. */
export function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += aik * b[k * n + j]!;
    }
  return out;
}

/** A·B·A for symmetric n×n A and B (the sandwich covariance), row-major. */
export function sandwich(a: Float64Array, b: Float64Array, n: number): Float64Array {
  return multiply(multiply(a, b, n), a, n);
}

/** Square roots of the diagonal of a row-major n×n covariance matrix. */
export function diagonalRoots(c: Float64Array, n: number, scale = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(scale * c[i * n + i]!);
  return out;
}
