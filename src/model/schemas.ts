import { z } from 'zod';
import {
  countryCell,
  enumCell,
  numberCell,
  numericEnumCell,
  optionalCountryCell,
  optionalNumberCell,
  optionalTextCell,
  slugCell,
  slugListCell,
  textCell,
  textListCell,
  waypointsCell,
  yesNoCell,
} from './cells.js';
import type { Corridor, EmissionFactor, Link, NetworkNode, Parameter, Source, TransferRule } from './types.js';
import {
  CONFIDENCE_LEVELS,
  EMISSION_CATEGORIES,
  GAUGES_MM,
  LINK_STATUSES,
  MODES,
  NODE_KINDS,
  TRANSFER_KINDS,
} from './vocabulary.js';

/**
 * One schema per record type, keyed by the column names of docs/data-format.md. Each validates a raw row (CSV
 * text or GeoJSON properties) and turns it into the typed domain record once, at the boundary.
 */

type Ctx = z.RefinementCtx;

/** The columns every sourced record ends with: which sources, how sure, which fields are estimates, notes. */
export const provenanceColumns = {
  sources: slugListCell().refine((list) => list.length > 0, { error: 'required: name at least one source id' }),
  confidence: enumCell(CONFIDENCE_LEVELS),
  estimated_fields: textListCell(),
  notes: optionalTextCell(),
};

/** The provenance columns of a parsed row as the fields of a domain record. */
export function provenance(row: {
  sources: string[];
  confidence: (typeof CONFIDENCE_LEVELS)[number];
  estimated_fields: string[];
  notes?: string | undefined;
}) {
  return {
    sources: row.sources,
    confidence: row.confidence,
    estimatedFields: row.estimated_fields,
    ...(row.notes === undefined ? {} : { notes: row.notes }),
  };
}

/** Columns named in `estimated_fields` must exist, or the label silently protects nothing. */
export function checkEstimatedFields(columns: readonly string[]) {
  return (row: { estimated_fields: string[] }, ctx: Ctx) => {
    row.estimated_fields.forEach((field, index) => {
      if (!columns.includes(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['estimated_fields', index],
          message: `"${field}" is not a column of this file; expected one of ${columns.join(', ')}`,
        });
      }
    });
  };
}

function requireFields(row: Record<string, unknown>, fields: readonly string[], why: string, ctx: Ctx): void {
  for (const field of fields) {
    if (row[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required ${why}` });
  }
}

function forbidFields(row: Record<string, unknown>, fields: readonly string[], why: string, ctx: Ctx): void {
  for (const field of fields) {
    if (row[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `not allowed ${why}` });
  }
}

/** Keys whose value may be undefined become optional keys that, when present, hold a value. */
type DefinedOnly<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops the keys a row left undefined, so an optional field is absent rather than present as undefined. */
export const withoutUndefined = <T extends object>(record: T): DefinedOnly<T> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as DefinedOnly<T>;

// ---------------------------------------------------------------------------------------------------------------

export const sourceRow = z
  .object({
    id: slugCell(),
    title: textCell(),
    publisher: textCell(),
    url: optionalTextCell().refine((url) => url === undefined || /^https?:\/\/\S+$/.test(url), {
      error: (issue) => `expected an http:// or https:// address, got "${String(issue.input)}"`,
    }),
    document: optionalTextCell(),
    year: numberCell({ integer: true, min: 1900, max: 2100 }),
    notes: optionalTextCell(),
  })
  .superRefine((row, ctx) => {
    if (row.url === undefined && row.document === undefined) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'required: give a url or a document' });
    }
  })
  .transform((row): Source => withoutUndefined({ ...row }));

export const corridorRow = z
  .object({
    id: slugCell(),
    name: textCell(),
    description: optionalTextCell(),
    sources: provenanceColumns.sources,
  })
  .transform((row): Corridor => withoutUndefined({ ...row }));

const BORDER_FIELDS = ['border_with', 'dwell_median_h', 'dwell_p90_h', 'crossing_usd_per_t', 'crossing_usd_per_teu'];
const HANDLING_FIELDS = ['handling_hours', 'handling_usd_per_t', 'handling_usd_per_teu'];

const nodeShape = {
  id: slugCell(),
  name: textCell(),
  country: countryCell(),
  kind: enumCell(NODE_KINDS),
  lat: numberCell({ min: -90, max: 90, unit: 'degrees latitude' }),
  lon: numberCell({ min: -180, max: 180, unit: 'degrees longitude' }),
  border_with: optionalCountryCell(),
  dwell_median_h: optionalNumberCell({ min: 0, unit: 'hours' }),
  dwell_p90_h: optionalNumberCell({ min: 0, unit: 'hours' }),
  crossing_usd_per_t: optionalNumberCell({ min: 0, unit: 'USD per tonne' }),
  crossing_usd_per_teu: optionalNumberCell({ min: 0, unit: 'USD per TEU' }),
  handling_hours: optionalNumberCell({ min: 0, unit: 'hours' }),
  handling_usd_per_t: optionalNumberCell({ min: 0, unit: 'USD per tonne' }),
  handling_usd_per_teu: optionalNumberCell({ min: 0, unit: 'USD per TEU' }),
  capacity_mt_per_yr: optionalNumberCell({ above: 0, unit: 'Mt per year' }),
  ...provenanceColumns,
};
export const NODE_COLUMNS = Object.keys(nodeShape);

export const nodeRow = z
  .object(nodeShape)
  .superRefine(checkEstimatedFields(NODE_COLUMNS))
  .superRefine((row, ctx) => {
    if (row.kind === 'border_crossing') {
      requireFields(row, BORDER_FIELDS, 'for a border_crossing', ctx);
      if (row.border_with !== undefined && row.border_with === row.country) {
        ctx.addIssue({ code: 'custom', path: ['border_with'], message: "must differ from the node's own country" });
      }
      if (row.dwell_median_h !== undefined && row.dwell_p90_h !== undefined && row.dwell_p90_h < row.dwell_median_h) {
        ctx.addIssue({
          code: 'custom',
          path: ['dwell_p90_h'],
          message: `expected ≥ dwell_median_h (${row.dwell_median_h}), got ${row.dwell_p90_h}`,
        });
      }
    } else {
      forbidFields(row, BORDER_FIELDS, `on a ${row.kind} node (only border_crossing nodes have them)`, ctx);
    }
    if (row.kind === 'port' || row.kind === 'terminal') {
      requireFields(row, HANDLING_FIELDS, `for a ${row.kind}`, ctx);
    } else {
      forbidFields(row, HANDLING_FIELDS, `on a ${row.kind} node (only port and terminal nodes have them)`, ctx);
    }
  })
  .transform((row): NetworkNode =>
    withoutUndefined({
      id: row.id,
      name: row.name,
      country: row.country,
      kind: row.kind,
      lat: row.lat,
      lon: row.lon,
      border:
        row.kind === 'border_crossing'
          ? {
              with: row.border_with as string,
              dwellMedianH: row.dwell_median_h as number,
              dwellP90H: row.dwell_p90_h as number,
              usdPerT: row.crossing_usd_per_t as number,
              usdPerTeu: row.crossing_usd_per_teu as number,
            }
          : undefined,
      handling:
        row.kind === 'port' || row.kind === 'terminal'
          ? {
              hours: row.handling_hours as number,
              usdPerT: row.handling_usd_per_t as number,
              usdPerTeu: row.handling_usd_per_teu as number,
            }
          : undefined,
      capacityMtPerYr: row.capacity_mt_per_yr,
      ...provenance(row),
    }),
  );

const linkShape = {
  id: slugCell(),
  from: slugCell(),
  to: slugCell(),
  mode: enumCell(MODES),
  km: numberCell({ above: 0, unit: 'km' }),
  gauge_mm: numericEnumCell(GAUGES_MM),
  speed_kmh: numberCell({ above: 0, max: 120, unit: 'km/h' }),
  tariff_usd_per_tkm: numberCell({ min: 0, unit: 'USD per tonne-km' }),
  tariff_usd_per_teu_km: numberCell({ min: 0, unit: 'USD per TEU-km' }),
  capacity_mt_per_yr: optionalNumberCell({ above: 0, unit: 'Mt per year' }),
  status: enumCell(LINK_STATUSES),
  opening_year: optionalNumberCell({ integer: true, min: 1850, max: 2100 }),
  bidirectional: yesNoCell(true),
  corridors: slugListCell(),
  service_interval_h: optionalNumberCell({ above: 0, unit: 'hours' }),
  geometry: waypointsCell(),
  ...provenanceColumns,
};
export const LINK_COLUMNS = Object.keys(linkShape);

export const linkRow = z
  .object(linkShape)
  .superRefine(checkEstimatedFields(LINK_COLUMNS))
  .superRefine((row, ctx) => {
    if (row.mode === 'rail') requireFields(row, ['gauge_mm'], 'for a rail link', ctx);
    else forbidFields(row, ['gauge_mm'], `on a ${row.mode} link (only rail links have a gauge)`, ctx);
    if (row.status !== 'operational') requireFields(row, ['opening_year'], `for a ${row.status} link`, ctx);
    if (row.mode !== 'sea' && row.mode !== 'ferry') {
      forbidFields(
        row,
        ['service_interval_h'],
        `on a ${row.mode} link (only sea and ferry links sail on a schedule)`,
        ctx,
      );
    }
    if (row.from === row.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must differ from "from" (${row.from})` });
    }
  })
  .transform((row): Link =>
    withoutUndefined({
      id: row.id,
      from: row.from,
      to: row.to,
      mode: row.mode,
      km: row.km,
      gaugeMm: row.gauge_mm,
      speedKmh: row.speed_kmh,
      tariffUsdPerTkm: row.tariff_usd_per_tkm,
      tariffUsdPerTeuKm: row.tariff_usd_per_teu_km,
      capacityMtPerYr: row.capacity_mt_per_yr,
      status: row.status,
      openingYear: row.opening_year,
      bidirectional: row.bidirectional,
      corridors: row.corridors,
      serviceIntervalH: row.service_interval_h,
      waypoints: row.geometry,
      ...provenance(row),
    }),
  );

const transferShape = {
  id: slugCell(),
  node: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z.union([z.literal('*'), slugCell()], { error: 'expected a node id or * for the default' }),
  ),
  kind: enumCell(TRANSFER_KINDS),
  from: textCell(),
  to: textCell(),
  hours: numberCell({ min: 0, unit: 'hours' }),
  usd_per_t: numberCell({ min: 0, unit: 'USD per tonne' }),
  usd_per_teu: numberCell({ min: 0, unit: 'USD per TEU' }),
  bidirectional: yesNoCell(true),
  ...provenanceColumns,
};
export const TRANSFER_COLUMNS = Object.keys(transferShape);

export const transferRow = z
  .object(transferShape)
  .superRefine(checkEstimatedFields(TRANSFER_COLUMNS))
  .superRefine((row, ctx) => {
    const allowed: readonly string[] = row.kind === 'mode_change' ? MODES : GAUGES_MM.map(String);
    const what = row.kind === 'mode_change' ? 'a mode' : 'a gauge in mm';
    for (const field of ['from', 'to'] as const) {
      if (!allowed.includes(row[field])) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `expected ${what} for a ${row.kind} (one of ${allowed.join(', ')}), got "${row[field]}"`,
        });
      }
    }
    if (row.from === row.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must differ from "from"' });
  })
  .transform((row): TransferRule =>
    withoutUndefined({
      id: row.id,
      node: row.node,
      kind: row.kind,
      from: row.from,
      to: row.to,
      hours: row.hours,
      usdPerT: row.usd_per_t,
      usdPerTeu: row.usd_per_teu,
      bidirectional: row.bidirectional,
      ...provenance(row),
    }),
  );

const emissionShape = {
  mode: enumCell(EMISSION_CATEGORIES),
  g_co2e_per_tkm: numberCell({ min: 0, unit: 'g CO2e per tonne-km' }),
  ...provenanceColumns,
};
export const EMISSION_COLUMNS = Object.keys(emissionShape);

export const emissionFactorRow = z
  .object(emissionShape)
  .superRefine(checkEstimatedFields(EMISSION_COLUMNS))
  .transform((row): EmissionFactor =>
    withoutUndefined({ mode: row.mode, gCo2ePerTkm: row.g_co2e_per_tkm, ...provenance(row) }),
  );

const parameterShape = {
  key: textCell().refine((key) => /^[a-z0-9_]+$/.test(key), {
    error: (issue) => `expected a key of lower-case letters, digits and '_', got "${String(issue.input)}"`,
  }),
  value: numberCell(),
  unit: textCell(),
  sources: provenanceColumns.sources,
  confidence: provenanceColumns.confidence,
  notes: optionalTextCell(),
};
export const PARAMETER_COLUMNS = Object.keys(parameterShape);

export const parameterRow = z.object(parameterShape).transform((row): Parameter => withoutUndefined({ ...row }));

export const SOURCE_COLUMNS = Object.keys(sourceRow.in.shape);
export const CORRIDOR_COLUMNS = ['id', 'name', 'description', 'sources'];
