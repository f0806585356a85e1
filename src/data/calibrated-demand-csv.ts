import { writeFileSync } from 'node:fs';
import { toCsv } from '../render/csv.js';
import { DEMAND_COLUMNS } from '../corridor/schemas.js';
import type { DemandRow } from '../corridor/types.js';
import { SHARE_STANDARD_ERROR, type ChoiceEstimate } from '../corridor/choice-estimation.js';
import { PARAMETER_COLUMNS } from '../model/schemas.js';

/** The file `caravan calibrate --write` writes and the loader reads as the base-year matrix. */
export const CALIBRATED_DEMAND_FILE = 'calibrated-od.csv';

/** The choice parameters `caravan calibrate --write` estimates, in parameters.csv's columns (they override it). */
export const ESTIMATES_FILE = 'estimates.csv';

/** Writes a fitted matrix in demand.csv's columns (6 decimals: below a tonne a year). */
export function writeCalibratedDemand(path: string, rows: readonly DemandRow[]): void {
  const body = rows.map((row) => [
    row.from,
    row.to,
    row.commodity,
    String(row.year),
    row.mtPerYr.toFixed(6),
    row.sources.join(';'),
    row.confidence,
    row.estimatedFields.join(';'),
    row.notes ?? '',
  ]);
  writeFileSync(path, toCsv([DEMAND_COLUMNS, ...body]));
}

/** Writes the estimated choice parameters as parameters.csv rows; the loader reads them before parameters.csv. */
export function writeEstimates(path: string, choice: ChoiceEstimate): void {
  const fit = choice.shares
    .map(
      (share) =>
        `${share.id} (${share.use}) ${share.observedShare.toFixed(2)} observed, ${share.modeledShare.toFixed(2)} modeled`,
    )
    .join('; ');
  writeFileSync(
    path,
    toCsv([
      PARAMETER_COLUMNS,
      [
        'logit_theta_per_usd',
        choice.theta.toPrecision(6),
        'per USD per tonne',
        'caravan-corridor-assumptions',
        'derived',
        `Estimated by caravan calibrate from shares.csv by weighted least squares (Levenberg–Marquardt on ln θ, share error ${SHARE_STANDARD_ERROR}): θ = ${choice.theta.toPrecision(4)}, SE ${choice.thetaStandardError.toPrecision(2)} (start ${choice.thetaStart}); ${fit}.`,
      ],
    ]),
  );
}
