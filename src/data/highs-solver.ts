import * as highsModule from 'highs';
import type { LpSolution, LpSolver } from '../corridor/lp.js';

/** The part of the HiGHS API used here: the one-shot `solve` on CPLEX LP text. */
interface HighsApi {
  solve(
    lp: string,
    options?: Record<string, unknown>,
  ): {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, { Primal?: number }>;
    Rows?: { Name?: string; Dual?: number }[];
  };
}

// `highs` ships CommonJS typings beside an ES module build; at run time the ES build's default export is the loader.
const highsLoader = (highsModule as unknown as { default: () => Promise<HighsApi> }).default;
let instance: Promise<HighsApi> | undefined;

/**
 * The HiGHS solver (WebAssembly build, npm `highs`) behind the corridor model's LpSolver interface. The module is
 * loaded once per process; each call solves one model given as CPLEX LP text.
 */
export const highsSolver: LpSolver = async (lp: string): Promise<LpSolution> => {
  instance ??= highsLoader();
  const highs = await instance;
  const result = highs.solve(lp, { output_flag: false });
  const values = new Map<string, number>();
  const duals = new Map<string, number>();
  if (result.Status === 'Optimal') {
    for (const [name, column] of Object.entries(result.Columns)) values.set(name, column.Primal ?? 0);
    for (const row of result.Rows ?? [])
      if (row.Name !== undefined && row.Dual !== undefined) duals.set(row.Name, row.Dual);
  }
  return { status: result.Status, objective: result.ObjectiveValue, values, duals };
};
