import { existsSync } from 'node:fs';
import { runScenario } from '../../corridor/run.js';
import { baseYearScenario, compileScenario, type CorridorSession } from '../../corridor/session.js';
import { formatNumber, percent } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import { targetLevels } from '../../model/region.js';
import type { CliContext } from '../io.js';
import { corridorInputs, demandDirFor } from './scenario.js';

/** A throughput measure of the region in the calibrated base year, with the levels of its target series. */
export interface MeasureInBaseYear {
  measure: string;
  year: number;
  modeledMt: number;
  targets: { year: number; mt: number; reached: number }[];
}

/**
 * Each region measure as the calibrated corridor model carries it in the base year: the figure `scenario run
 * baseline` prints, by the same definition (region.yaml) and the same matrix, so both commands show one number.
 * Undefined when the network folder has no corridor data.
 */
export function measuresInBaseYear(
  options: { data?: string },
  context: CliContext,
  given?: CorridorSession,
): MeasureInBaseYear[] | undefined {
  if (given === undefined && !existsSync(demandDirFor(options))) return undefined;
  const session = given ?? corridorInputs(options, context);
  const scenario = baseYearScenario(session);
  const run = runScenario(session, compileScenario(session, scenario));
  const region = session.network.region;
  return run.report.targets.map((target, index) => {
    const measure = region?.measures[index];
    const levels = measure === undefined ? [] : targetLevels(region, measure.target);
    return {
      measure: target.measure,
      year: session.baseYear,
      modeledMt: target.throughputMt,
      targets: levels.map((level) => ({ ...level, reached: target.throughputMt / level.mt })),
    };
  });
}

export function renderMeasures(measures: readonly MeasureInBaseYear[]): string {
  const years = [...new Set(measures.flatMap((m) => m.targets.map((t) => t.year)))].sort();
  return titled(
    `Throughput measures in ${measures[0]?.year ?? ''} (calibrated corridor model, the definitions of region.yaml; the figures scenario runs print)`,
    renderTable(
      ['measure', 'Mt/yr', ...years.map((y) => `of ${y} target`)],
      measures.map((m) => [
        m.measure,
        formatNumber(m.modeledMt, 2),
        ...years.map((y) => {
          const t = m.targets.find((level) => level.year === y);
          return t === undefined ? '—' : `${percent(t.reached).replace('+', '')} of ${formatNumber(t.mt, 0)}`;
        }),
      ]),
    ),
  );
}
