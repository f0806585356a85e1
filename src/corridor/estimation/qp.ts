/**
 * A convex quadratic program, in the form HiGHS takes it, for an injected solver (the adapter in src/data wraps
 * HiGHS; tests may pass another):
 *
 *   minimize ½ xᵀQx + cᵀx   subject to  rowLower ≤ A x ≤ rowUpper,  lower ≤ x ≤ upper.
 *
 * Q is symmetric positive semidefinite, given by its lower triangle in compressed columns (column j holds rows ≥ j);
 * A is in compressed rows. Missing bounds are ±Infinity.
 */
export interface QpProblem {
  columns: number;
  linear: Float64Array;
  hessian: { starts: Int32Array; indices: Int32Array; values: Float64Array };
  lower: Float64Array;
  upper: Float64Array;
  rows: { starts: Int32Array; indices: Int32Array; values: Float64Array; lower: Float64Array; upper: Float64Array };
}

export interface QpSolution {
  /** True when the solver proved optimality; `x` is meaningless otherwise. */
  optimal: boolean;
  status: string;
  x: Float64Array;
  objective: number;
}

export type QpSolver = (problem: QpProblem) => Promise<QpSolution>;
