import { z } from 'zod';
import { enumCell, numberCell, optionalNumberCell, parsedCell, show, slugCell, yesNoCell } from '../model/cells.js';
import { parseTimestamp, TIMESTAMP_EXPECTED } from './timestamp.js';
import type { CheckpointVisit } from './types.js';
import { DELAY_REASONS, SHIPMENT_MODES } from './vocabulary.js';

/** Columns of a shipments CSV file (docs/shipments.md), in the order `shipments generate` writes them. */
export const SHIPMENT_COLUMNS = [
  'shipment_id',
  'synthetic',
  'corridor',
  'mode',
  'cargo_t',
  'teu',
  'seq',
  'node',
  'arrival',
  'departure',
  'official_cost_usd',
  'unofficial_cost_usd',
  'delay_reason',
  'commodity',
] as const;

/** Columns a file may leave out: blank or absent means the default. */
export const OPTIONAL_SHIPMENT_COLUMNS: readonly string[] = ['synthetic', 'teu', 'commodity'];

/** Commodity ids as commodities.csv spells them: lower-case letters, digits, '_' and '-'. */
const COMMODITY_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const SHIPMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const SHIPMENT_ID_EXPECTED = "a shipment id of up to 64 letters, digits and '.', '_', '/', '-'";

const shipmentIdCell = () =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z
      .string()
      .min(1, { error: `required: expected ${SHIPMENT_ID_EXPECTED}` })
      .regex(SHIPMENT_ID, { error: (issue) => `expected ${SHIPMENT_ID_EXPECTED}, got ${show(issue.input)}` }),
  );

const timestampCell = () => parsedCell(TIMESTAMP_EXPECTED, parseTimestamp);

/** One row of a shipments CSV file, validated and turned into a checkpoint visit. */
export const shipmentRow = z
  .object({
    shipment_id: shipmentIdCell(),
    synthetic: yesNoCell(false),
    corridor: slugCell(),
    mode: enumCell(SHIPMENT_MODES),
    cargo_t: numberCell({ above: 0, unit: 'tonnes' }),
    teu: optionalNumberCell({ min: 0, integer: true, unit: 'TEU' }),
    seq: numberCell({ min: 0, integer: true }),
    node: slugCell(),
    arrival: timestampCell(),
    departure: timestampCell(),
    official_cost_usd: numberCell({ min: 0, unit: 'USD' }),
    unofficial_cost_usd: numberCell({ min: 0, unit: 'USD' }),
    delay_reason: enumCell(DELAY_REASONS),
    commodity: z.preprocess(
      (value) => (typeof value === 'string' ? value.trim() || undefined : value),
      z
        .string()
        .regex(COMMODITY_ID, {
          error: (issue) => `expected a commodity id of commodities.csv (grain, containers…), got ${show(issue.input)}`,
        })
        .optional(),
    ),
  })
  .superRefine((row, ctx) => {
    if (row.departure.ms < row.arrival.ms) {
      ctx.addIssue({
        code: 'custom',
        path: ['departure'],
        message: `expected a time at or after the arrival ${row.arrival.text}, got ${row.departure.text}`,
      });
    }
  })
  .transform((row): CheckpointVisit => ({
    shipmentId: row.shipment_id,
    corridor: row.corridor,
    mode: row.mode,
    cargoT: row.cargo_t,
    ...(row.teu === undefined ? {} : { teu: row.teu }),
    synthetic: row.synthetic,
    seq: row.seq,
    node: row.node,
    arrival: row.arrival,
    departure: row.departure,
    officialCostUsd: row.official_cost_usd,
    unofficialCostUsd: row.unofficial_cost_usd,
    delayReason: row.delay_reason,
    ...(row.commodity === undefined ? {} : { commodity: row.commodity }),
  }));

/** A visit as the cells of a CSV row, in SHIPMENT_COLUMNS order. */
export function visitToCells(visit: CheckpointVisit): string[] {
  return [
    visit.shipmentId,
    visit.synthetic ? 'yes' : 'no',
    visit.corridor,
    visit.mode,
    String(visit.cargoT),
    visit.teu === undefined ? '' : String(visit.teu),
    String(visit.seq),
    visit.node,
    visit.arrival.text,
    visit.departure.text,
    String(visit.officialCostUsd),
    String(visit.unofficialCostUsd),
    visit.delayReason,
    visit.commodity ?? '',
  ];
}
