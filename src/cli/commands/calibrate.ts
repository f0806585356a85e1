import { join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CalibrationResult } from '../../corridor/calibration.js';
import { calibrateSession } from '../../data/calibrate-dataset.js';
import {
  CALIBRATED_DEMAND_FILE,
  ESTIMATES_FILE,
  writeCalibratedDemand,
  writeEstimates,
} from '../../data/calibrated-demand-csv.js';
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
    .addOption(
      new Option(
        '--adopt-theta',
        `fit the matrix at the logit dispersion estimated from shares.csv, and write it to ${ESTIMATES_FILE} with --write`,
      ),
    )
    .addOption(
      new Option(
        '--qp <solver>',
        "QP solver of the matrix estimation: the estimator's exact active-set method, or HiGHS",
      )
        .choices(['active-set', 'highs'])
        .default('active-set'),
    )
    .addOption(jsonOption())
    .action(async (options: Record<string, unknown>) => {
      const session = corridorInputs(options, context);
      const adoptTheta = options['adoptTheta'] === true;
      const solver = options['qp'] === 'highs' ? 'highs' : 'active-set';
      const result = await calibrateSession(session, { adoptTheta, solver });
      if (options['write']) {
        const path = join(demandDirFor(options), CALIBRATED_DEMAND_FILE);
        writeCalibratedDemand(path, result.demand);
        context.io.stderr.write(`wrote ${result.demand.length} rows to ${path}\n`);
        if (adoptTheta && result.choice !== undefined) {
          const estimates = join(demandDirFor(options), ESTIMATES_FILE);
          writeEstimates(estimates, result.choice);
          context.io.stderr.write(`wrote the estimated logit dispersion to ${estimates}\n`);
        }
      }
      if (options['json']) writeJson(context.io.stdout, result);
      else writeText(context.io.stdout, renderCalibration(result, adoptTheta));
    });
}

const mt = (value: number) => formatNumber(value, 2);

export function renderCalibration(result: CalibrationResult, adopted = false): string {
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
  const choice = result.choice;
  const choiceLines =
    choice === undefined
      ? ['Logit dispersion: not estimated (no shares.csv rows for the base year).']
      : [
          `Logit dispersion θ estimated from ${choice.shares.filter((s) => s.use === 'fit').length} published shares: ${formatNumber(choice.theta, 4)} per USD/t (SE ${formatNumber(choice.thetaStandardError, 4)}; set value ${choice.thetaStart}); RMSE ${formatNumber(choice.rmse, 3)}. ${adopted ? 'Adopted: the matrix is fitted at it.' : 'Not adopted (--adopt-theta): the matrix is fitted at the set value.'}`,
          titled(
            'Shares',
            renderTable(
              ['share', 'use', 'observed', 'modeled'],
              choice.shares.map((s) => [
                s.id,
                s.use,
                formatNumber(s.observedShare, 2),
                formatNumber(s.modeledShare, 2),
              ]),
            ),
          ),
        ];
  return [
    ...choiceLines,
    '',
    `Base-year OD matrix fitted to the counts (${result.rounds} rounds of logit assignment and GLS estimation)`,
    `Prior ${mt(d.priorMt)} Mt/yr → fitted ${mt(d.estimateMt)} Mt/yr; cells moved ${mt(d.totalMt)} Mt in all (${formatNumber(d.percent, 1)}% of the prior).`,
    '',
    titled('Counts in the fit', renderTable(header, rows('fit'))),
    titled('Counts held back (validation)', renderTable(header, rows('validation'))),
  ].join('\n');
}
