import * as highsModule from 'highs';
import type { Highs } from 'highs';
import type { QpProblem, QpSolution, QpSolver } from '../corridor/estimation/qp.js';

// As in highs-solver.ts: at run time the ES build's default export is the loader.
const highsLoader = (highsModule as unknown as { default: () => Promise<Highs> }).default;
let instance: Promise<Highs> | undefined;

const finite = (values: Float64Array, infinity: number) =>
  Float64Array.from(values, (v) => (v === Infinity ? infinity : v === -Infinity ? -infinity : v));

/**
 * HiGHS's active-set QP solver (npm `highs`, WebAssembly) behind the core's QpSolver interface, through the
 * structured model API so coefficients are passed exactly rather than printed as text.
 */
export const highsQpSolver: QpSolver = async (problem: QpProblem): Promise<QpSolution> => {
  instance ??= highsLoader();
  const highs = await instance;
  const n = problem.columns;
  const m = problem.rows.lower.length;
  const model = highs.createModel({
    numCols: n,
    numRows: m,
    colCost: problem.linear,
    colLower: finite(problem.lower, highs.infinity),
    colUpper: finite(problem.upper, highs.infinity),
    rowLower: finite(problem.rows.lower, highs.infinity),
    rowUpper: finite(problem.rows.upper, highs.infinity),
    matrix: {
      format: 'csr',
      numRows: m,
      numCols: n,
      starts: problem.rows.starts,
      indices: problem.rows.indices,
      values: problem.rows.values,
    },
    hessian: { format: 'triangular', dimension: n, ...problem.hessian },
  });
  try {
    // The default regularization (1e-7) biases the solution by about that much; the core's problems are strictly
    // convex, so none is needed and the active-set solution is then exact to rounding.
    model.options.set({ output_flag: false, qp_regularization_value: 0, qp_nullspace_limit: Math.max(4000, n) });
    model.run();
    const status = model.getModelStatus();
    const optimal = status === highs.constants.modelStatus.optimal;
    return {
      optimal,
      status: String(Object.entries(highs.constants.modelStatus).find(([, code]) => code === status)?.[0] ?? status),
      x: optimal ? Float64Array.from(model.getSolution().colValue) : new Float64Array(n),
      objective: optimal ? model.getObjectiveValue() : NaN,
    };
  } finally {
    model.dispose();
  }
};
