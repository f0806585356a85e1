import { calibrateMatrix, type CalibrationResult } from '../corridor/calibration.js';
import { estimateChoice } from '../corridor/choice-estimation.js';
import { demandForYear } from '../corridor/demand.js';
import { buildCorridorGraph } from '../corridor/graph.js';
import { buildProblem, commodityClasses } from '../corridor/problem.js';
import { priorDemand, type CorridorSession } from '../corridor/session.js';
import type { DemandRow } from '../corridor/types.js';
import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import { highsQpSolver } from './highs-qp-solver.js';

/** Calibrates the session's prior (never its already calibrated matrix) on the base-year network. */
export async function calibrateSession(
  session: CorridorSession,
  options: { adoptTheta?: boolean; solver?: 'active-set' | 'highs' } = {},
): Promise<CalibrationResult> {
  const { parameters, baseYear } = session;
  const prior = priorDemand(session.data);
  const graph = buildCorridorGraph(session.calibrated.network, baseYear, parameters.congestion);
  const classes = commodityClasses(session.data.commodities, 'commodity');
  const problem = buildProblem(graph, demandForYear(prior, baseYear), classes, parameters.outsideOptionFactor, graph);
  const start = { theta: parameters.logitThetaPerUsd, pathSize: parameters.logitPathSize };
  // θ first, on the prior's market mix (the shares are shares within markets, which the counts barely move), then
  // the matrix: at the estimated θ when asked to adopt it, else at the set θ (the estimate is reported either way).
  const choice = estimateChoice(
    problem,
    session.data.shares.filter((row) => row.year === baseYear),
    {
      start,
      routes: parameters.logitRoutes,
      gap: DEFAULT_GAP,
      maxIterations: DEFAULT_SCENARIO_ITERATIONS,
    },
  );
  const result = await calibrateMatrix(
    problem,
    session.data.observed,
    baseYear,
    {
      choice: choice === undefined || !options.adoptTheta ? start : { theta: choice.theta, pathSize: start.pathSize },
      routes: parameters.logitRoutes,
      gap: DEFAULT_GAP,
      maxIterations: DEFAULT_SCENARIO_ITERATIONS,
      priorWeight: parameters.calibrationPriorWeight,
    },
    options.solver === 'highs' ? highsQpSolver : undefined,
  );
  return {
    ...result,
    demand: withPriorSources(result.demand, prior),
    ...(choice === undefined ? {} : { choice }),
  };
}

/** A fitted cell keeps the sources of the prior cells it came from. */
function withPriorSources(rows: readonly DemandRow[], prior: readonly DemandRow[]): DemandRow[] {
  const sources = new Map<string, Set<string>>();
  for (const row of prior) {
    const key = `${row.from}|${row.to}|${row.commodity}`;
    const set = sources.get(key) ?? new Set<string>();
    row.sources.forEach((id) => set.add(id));
    sources.set(key, set);
  }
  return rows.map((row) => ({ ...row, sources: [...(sources.get(`${row.from}|${row.to}|${row.commodity}`) ?? [])] }));
}
