import { z } from 'zod';
import {
  countryCell,
  enumCell,
  numberCell,
  optionalNumberCell,
  slugCell,
  slugListCell,
  textCell,
  yesNoCell,
} from '../model/cells.js';
import { checkEstimatedFields, provenance, provenanceColumns, withoutUndefined } from '../model/schemas.js';
import { LINK_STATUSES } from '../model/vocabulary.js';
import {
  ENERGY_COMMODITIES,
  ENERGY_POINT_KINDS,
  SWAP_STATUSES,
  type EnergyLink,
  type EnergyPoint,
  type Swap,
} from './types.js';

/**
 * One schema per file of a network's energy/ folder, keyed by the column names of docs/energy.md; built from the
 * same cells and provenance columns as the freight files, so errors read the same.
 */

const pointShape = {
  id: slugCell(),
  name: textCell(),
  country: countryCell(),
  kind: enumCell(ENERGY_POINT_KINDS),
  lat: numberCell({ min: -90, max: 90, unit: 'degrees latitude' }),
  lon: numberCell({ min: -180, max: 180, unit: 'degrees longitude' }),
  ...provenanceColumns,
};
export const POINT_COLUMNS = Object.keys(pointShape);

export const pointRow = z
  .object(pointShape)
  .superRefine(checkEstimatedFields(POINT_COLUMNS))
  .transform((row): EnergyPoint =>
    withoutUndefined({
      id: row.id,
      name: row.name,
      country: row.country,
      kind: row.kind,
      lat: row.lat,
      lon: row.lon,
      ...provenance(row),
    }),
  );

const linkCommon = {
  id: slugCell(),
  name: textCell(),
  from: slugCell(),
  to: slugCell(),
  km: optionalNumberCell({ above: 0, unit: 'km' }),
  status: enumCell(LINK_STATUSES),
  opening_year: optionalNumberCell({ integer: true, min: 1900, max: 2100 }),
  ...provenanceColumns,
};

const pipelineShape = {
  ...linkCommon,
  commodity: enumCell(['gas', 'oil'] as const),
  capacity: optionalNumberCell({ above: 0, unit: 'bcm/yr for gas, Mt/yr for oil' }),
  reserved: optionalNumberCell({ min: 0, unit: 'bcm/yr for gas, Mt/yr for oil' }),
  diameter_in: optionalNumberCell({ above: 0, unit: 'inches' }),
  bidirectional: yesNoCell(false),
};
export const PIPELINE_COLUMNS = [
  'id',
  'name',
  'from',
  'to',
  'commodity',
  'capacity',
  'reserved',
  'km',
  'diameter_in',
  'status',
  'opening_year',
  'bidirectional',
  'sources',
  'confidence',
  'estimated_fields',
  'notes',
];

const sameEnds = (row: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (row.from === row.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must differ from from' });
};

/** A reservation is part of a published capacity. */
const reservedWithin =
  (capacityColumn: string, reservedColumn: string) => (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const capacity = row[capacityColumn] as number | undefined;
    const reserved = row[reservedColumn] as number | undefined;
    if (reserved === undefined) return;
    if (capacity === undefined)
      ctx.addIssue({ code: 'custom', path: [reservedColumn], message: `needs a ${capacityColumn} to be part of` });
    else if (reserved > capacity)
      ctx.addIssue({
        code: 'custom',
        path: [reservedColumn],
        message: `expected ≤ ${capacityColumn} (${capacity}), got ${reserved}`,
      });
  };

/** The fields every energy link has, from a parsed pipeline or interconnector row. */
const linkBase = (row: {
  id: string;
  name: string;
  from: string;
  to: string;
  km?: number | undefined;
  status: EnergyLink['status'];
  opening_year?: number | undefined;
  bidirectional: boolean;
  sources: string[];
  confidence: EnergyLink['confidence'];
  estimated_fields: string[];
  notes?: string | undefined;
}) => ({
  id: row.id,
  name: row.name,
  from: row.from,
  to: row.to,
  km: row.km,
  status: row.status,
  openingYear: row.opening_year,
  bidirectional: row.bidirectional,
  ...provenance(row),
});

export const pipelineRow = z
  .object(pipelineShape)
  .superRefine(checkEstimatedFields(PIPELINE_COLUMNS))
  .superRefine(sameEnds)
  .superRefine(reservedWithin('capacity', 'reserved'))
  .transform((row): EnergyLink =>
    withoutUndefined({
      ...linkBase(row),
      commodity: row.commodity,
      capacity: row.capacity,
      reserved: row.reserved,
      diameterIn: row.diameter_in,
    }),
  );

const interconnectorShape = {
  ...linkCommon,
  capacity_mw: optionalNumberCell({ above: 0, unit: 'MW' }),
  reserved_mw: optionalNumberCell({ min: 0, unit: 'MW' }),
  voltage_kv: optionalNumberCell({ above: 0, unit: 'kV' }),
  bidirectional: yesNoCell(true),
};
export const INTERCONNECTOR_COLUMNS = [
  'id',
  'name',
  'from',
  'to',
  'capacity_mw',
  'reserved_mw',
  'voltage_kv',
  'km',
  'status',
  'opening_year',
  'bidirectional',
  'sources',
  'confidence',
  'estimated_fields',
  'notes',
];

export const interconnectorRow = z
  .object(interconnectorShape)
  .superRefine(checkEstimatedFields(INTERCONNECTOR_COLUMNS))
  .superRefine(sameEnds)
  .superRefine(reservedWithin('capacity_mw', 'reserved_mw'))
  .transform((row): EnergyLink =>
    withoutUndefined({
      ...linkBase(row),
      commodity: 'power' as const,
      capacity: row.capacity_mw,
      reserved: row.reserved_mw,
      voltageKv: row.voltage_kv,
    }),
  );

const nonEmptyList = () =>
  slugListCell().refine((list) => list.length > 0, { error: "required: a ';'-separated list of point ids" });

const swapShape = {
  id: slugCell(),
  name: textCell(),
  supplier: countryCell(),
  host: countryCell(),
  recipient: countryCell(),
  intake_commodity: enumCell(ENERGY_COMMODITIES),
  intake_from: nonEmptyList(),
  intake_to: nonEmptyList(),
  delivery_commodity: enumCell(ENERGY_COMMODITIES),
  delivery_from: nonEmptyList(),
  delivery_to: nonEmptyList(),
  volume: optionalNumberCell({ above: 0, unit: 'intake per year: bcm/yr, Mt/yr or MW' }),
  volume_low: optionalNumberCell({ above: 0, unit: 'intake per year: bcm/yr, Mt/yr or MW' }),
  exchange_rate: optionalNumberCell({ above: 0, unit: 'delivery units per intake unit' }),
  fee_pct: optionalNumberCell({ min: 0, max: 100, unit: 'percent of the intake' }),
  fee_musd_per_unit: optionalNumberCell({ min: 0, unit: 'million USD per intake unit' }),
  start_year: optionalNumberCell({ integer: true, min: 1900, max: 2100 }),
  end_year: optionalNumberCell({ integer: true, min: 1900, max: 2100 }),
  status: enumCell(SWAP_STATUSES),
  ...provenanceColumns,
};
export const SWAP_COLUMNS = Object.keys(swapShape);

export const swapRow = z
  .object(swapShape)
  .superRefine(checkEstimatedFields(SWAP_COLUMNS))
  .superRefine((row, ctx) => {
    if (row.volume_low !== undefined && (row.volume === undefined || row.volume_low > row.volume))
      ctx.addIssue({
        code: 'custom',
        path: ['volume_low'],
        message: `expected ≤ volume (${row.volume ?? 'blank'}), got ${row.volume_low}`,
      });
    if (row.start_year !== undefined && row.end_year !== undefined && row.end_year < row.start_year)
      ctx.addIssue({
        code: 'custom',
        path: ['end_year'],
        message: `expected ≥ start_year (${row.start_year}), got ${row.end_year}`,
      });
    if (row.intake_commodity !== row.delivery_commodity && row.exchange_rate === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['exchange_rate'],
        message: `required when the legs carry different commodities (${row.intake_commodity}, ${row.delivery_commodity})`,
      });
  })
  .transform((row): Swap =>
    withoutUndefined({
      id: row.id,
      name: row.name,
      supplier: row.supplier,
      host: row.host,
      recipient: row.recipient,
      intake: { commodity: row.intake_commodity, from: row.intake_from, to: row.intake_to },
      delivery: { commodity: row.delivery_commodity, from: row.delivery_from, to: row.delivery_to },
      volume: row.volume,
      volumeLow: row.volume_low,
      exchangeRate: row.exchange_rate ?? 1,
      feePct: row.fee_pct,
      feeMusdPerUnit: row.fee_musd_per_unit,
      startYear: row.start_year,
      endYear: row.end_year,
      status: row.status,
      ...provenance(row),
    }),
  );
