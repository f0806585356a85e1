import { describe, expect, it } from 'vitest';
import type { QpProblem } from '../corridor/estimation/qp.js';
import { highsQpSolver } from './highs-qp-solver.js';

describe('highsQpSolver', () => {
  it('solves a small convex QP exactly: min (x − 1)² + (y − 2)² with x + y ≤ 2', async () => {
    // ½ [x y] diag(2, 2) [x y]ᵀ − 2x − 4y; the constrained optimum is (0.5, 1.5).
    const problem: QpProblem = {
      columns: 2,
      linear: Float64Array.of(-2, -4),
      hessian: { starts: Int32Array.of(0, 1, 2), indices: Int32Array.of(0, 1), values: Float64Array.of(2, 2) },
      lower: Float64Array.of(0, 0),
      upper: Float64Array.of(Infinity, Infinity),
      rows: {
        starts: Int32Array.of(0, 2),
        indices: Int32Array.of(0, 1),
        values: Float64Array.of(1, 1),
        lower: Float64Array.of(-Infinity),
        upper: Float64Array.of(2),
      },
    };
    const solution = await highsQpSolver(problem);
    expect(solution.optimal).toBe(true);
    // With HiGHS's default regularization the answer is off by 2.5e-8; without it, exact to rounding.
    expect(solution.x[0]).toBeCloseTo(0.5, 12);
    expect(solution.x[1]).toBeCloseTo(1.5, 12);
    expect(solution.objective).toBeCloseTo(-4.5, 12);
  });

  it('reports an infeasible problem as not optimal', async () => {
    const solution = await highsQpSolver({
      columns: 1,
      linear: Float64Array.of(0),
      hessian: { starts: Int32Array.of(0, 1), indices: Int32Array.of(0), values: Float64Array.of(1) },
      lower: Float64Array.of(0),
      upper: Float64Array.of(1),
      rows: {
        starts: Int32Array.of(0, 1),
        indices: Int32Array.of(0),
        values: Float64Array.of(1),
        lower: Float64Array.of(3),
        upper: Float64Array.of(Infinity),
      },
    });
    expect(solution.optimal).toBe(false);
    expect(solution.status).toMatch(/infeasible/i);
  });
});
