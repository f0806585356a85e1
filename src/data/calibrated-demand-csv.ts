import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { DEMAND_COLUMNS } from '../corridor/schemas.js';
import type { DemandRow } from '../corridor/types.js';

/** The file `caravan calibrate --write` writes and the loader reads as the base-year matrix. */
export const CALIBRATED_DEMAND_FILE = 'calibrated-od.csv';

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
  writeFileSync(path, stringify([DEMAND_COLUMNS, ...body]));
}
