import { join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { calibrateMatrix, type CalibrationResult } from '../../corridor/calibration.js';
import { buildCorridorGraph } from '../../corridor/graph.js';
import { buildProblem, commodityClasses } from '../../corridor/problem.js';
import { demandForYear } from '../../corridor/demand.js';
import { priorDemand, type CorridorSession } from '../../corridor/session.js';
import type { DemandRow } from '../../corridor/types.js';
import { CALIBRATED_DEMAND_FILE, writeCalibratedDemand } from '../../data/calibrated-demand-csv.js';
import { highsQpSolver } from '../../data/highs-qp-solver.js';
import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../../numeric/convergence.js';
import { formatNumber } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import type { CliContext } from '../io.js';
import { dataOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { corridorInputs, demandDirFor, demandOption } from './scenario.js';

export function registerCalibrate(program: Command, context: CliContext): void {
  program
    .command('calibrate')
    .description(
      'fit the base-year OD matrix (trade flows split over zones) to the published counts by GLS OD estimation',
    )
    .addOption(dataOption())
    .addOption(demandOption())
    .addOption(new Option('--write', `write the fitted matrix to the demand folder's ${CALIBRATED_DEMAND_FILE}`))
    .addOption(jsonOption())
    .action(async (options: Record<string, unknown>) => {
      const session = corridorInputs(options, context);
      const result = await calibrateSession(session);
      if (options['write']) {
        const path = join(demandDirFor(options), CALIBRATED_DEMAND_FILE);
        writeCalibratedDemand(path, result.demand);
        context.io.stderr.write(`wrote ${result.demand.length} rows to ${path}\n`);
      }
      if (options['json']) writeJson(context.io.stdout, result);
      else writeText(context.io.stdout, renderCalibration(result));
    });
}

/** Calibrates the session's prior (never its already calibrated matrix) on the base-year network. */
export async function calibrateSession(session: CorridorSession): Promise<CalibrationResult> {
  const { parameters, baseYear } = session;
  const prior = priorDemand(session.data);
  const graph = buildCorridorGraph(session.calibrated.network, baseYear, parameters.congestion);
  const classes = commodityClasses(session.data.commodities, 'commodity');
  const problem = buildProblem(graph, demandForYear(prior, baseYear), classes, parameters.outsideOptionFactor, graph);
  const result = await calibrateMatrix(
    problem,
    session.data.observed,
    baseYear,
    {
      choice: { theta: parameters.logitThetaPerUsd, pathSize: parameters.logitPathSize },
      routes: parameters.logitRoutes,
      gap: DEFAULT_GAP,
      maxIterations: DEFAULT_SCENARIO_ITERATIONS,
      priorWeight: parameters.calibrationPriorWeight,
    },
    highsQpSolver,
  );
  return { ...result, demand: withPriorSources(result.demand, prior) };
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

const mt = (value: number) => formatNumber(value, 2);

export function renderCalibration(result: CalibrationResult): string {
  const rows = (use: 'fit' | 'validation') =>
    result.counts
      .filter((row) => row.use === use)
      .map((row) => [
        row.id,
        mt(row.observedMt),
        mt(row.priorMt),
        mt(row.modeledMt),
        `${row.deviationPct >= 0 ? '+' : ''}${formatNumber(row.deviationPct, 1)}%`,
        use === 'fit' ? (Math.abs(row.deviationPct) <= row.tolerancePct ? 'yes' : 'NO') : '-',
      ]);
  const header = ['count', 'observed Mt', 'prior Mt', 'fitted Mt', 'deviation', 'within tolerance'];
  const d = result.deviation;
  return [
    `Base-year OD matrix fitted to the counts (${result.rounds} rounds of logit assignment and GLS estimation)`,
    `Prior ${mt(d.priorMt)} Mt/yr → fitted ${mt(d.estimateMt)} Mt/yr; cells moved ${mt(d.totalMt)} Mt in all (${formatNumber(d.percent, 1)}% of the prior).`,
    '',
    titled('Counts in the fit', renderTable(header, rows('fit'))),
    titled('Counts held back (validation)', renderTable(header, rows('validation'))),
  ].join('\n');
}
