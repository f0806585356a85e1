import { z } from 'zod';
import { enumCell, numberCell, parsedCell, slugCell } from '../model/cells.js';
import { issueAt, type InputIssue } from '../model/issues.js';
import { checkEstimatedFields, provenance, provenanceColumns } from '../model/schemas.js';
import { closestMatch } from '../model/text.js';
import type { RecordOrigin } from '../model/types.js';
import type { Confidence } from '../model/vocabulary.js';
import { slope } from './stats.js';
import { OBSERVATION_INDICATORS, type ObservationIndicator } from './observation-labels.js';
import { monthIndex, parsePeriod, PERIOD_EXPECTED, periodMonths, type Period } from './trade.js';

export { INDICATOR_LABELS, OBSERVATION_INDICATORS, type ObservationIndicator } from './observation-labels.js';

/**
 * Published corridor indicators (docs/shipments.md, "Observations"): the CAREC CPMM trade facilitation indicators
 * by year and scope, and operators' and port authorities' volumes. Every row is OBSERVED, never generated, and
 * names its sources like the trade figures. CPMM's definitions (CPMM annual reports, chapter 1):
 *
 * - TFI1: hours to clear a border-crossing point (BCP), entry to exit of both countries' posts, waiting included;
 * - TFI2: USD paid at a BCP, official fees and unofficial payments;
 * - TFI3: USD to travel a corridor section, normalised to 500 km and a 20-tonne load;
 * - TFI4: speed with delay (SWD), km/h over the elapsed time; SWOD, km/h over the moving time, beside it.
 */

/** The one unit each indicator is published in: a row in another unit is a mistake, not a conversion to make. */
export const INDICATOR_UNITS = {
  tfi1: 'h',
  tfi2: 'usd',
  tfi3: 'usd_per_500km_20t',
  swd: 'kmh',
  swod: 'kmh',
  volume: 't',
} as const satisfies Record<ObservationIndicator, string>;
const UNITS = [...new Set(Object.values(INDICATOR_UNITS))] as [string, ...string[]];

/** Higher is worse for times and costs, better for speeds and volumes: what "improved" means per indicator. */
export const HIGHER_IS_BETTER: Record<ObservationIndicator, boolean> = {
  tfi1: false,
  tfi2: false,
  tfi3: false,
  swd: true,
  swod: true,
  volume: true,
};

export const OBSERVATION_SCOPES = ['carec', 'corridor', 'country', 'bcp', 'port', 'section'] as const;
export const OBSERVATION_MODES = ['road', 'rail', 'sea', 'all'] as const;
/** CPMM's directions at a border: outbound = leaving the reporting country, inbound = entering it. */
export const DIRECTIONS = ['inbound', 'outbound', 'all'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const OBSERVATION_COLUMNS = [
  'id',
  'indicator',
  'scope',
  'scope_id',
  'mode',
  'direction',
  'period',
  'value',
  'unit',
  'sources',
  'confidence',
  'estimated_fields',
  'notes',
] as const;
export const OPTIONAL_OBSERVATION_COLUMNS: readonly string[] = ['direction', 'estimated_fields', 'notes'];

export interface Observation {
  id: string;
  indicator: ObservationIndicator;
  scope: (typeof OBSERVATION_SCOPES)[number];
  scopeId: string;
  mode: (typeof OBSERVATION_MODES)[number];
  direction: Direction;
  period: Period;
  value: number;
  unit: string;
  sources: string[];
  confidence: Confidence;
  estimatedFields: string[];
  notes?: string;
  origin?: RecordOrigin;
}

export const observationRow = z
  .object({
    id: slugCell(),
    indicator: enumCell(OBSERVATION_INDICATORS),
    scope: enumCell(OBSERVATION_SCOPES),
    scope_id: slugCell(),
    mode: enumCell(OBSERVATION_MODES),
    direction: z.preprocess(
      (value) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? 'all' : value),
      enumCell(DIRECTIONS),
    ),
    period: parsedCell(PERIOD_EXPECTED, parsePeriod),
    value: numberCell({ min: 0 }),
    unit: enumCell(UNITS),
    ...provenanceColumns,
  })
  .superRefine(checkEstimatedFields(OBSERVATION_COLUMNS))
  .superRefine((row, ctx) => {
    const expected = INDICATOR_UNITS[row.indicator];
    if (row.unit !== expected)
      ctx.addIssue({
        code: 'custom',
        path: ['unit'],
        message: `${row.indicator} is published in ${expected}, got "${row.unit}"`,
      });
  })
  .transform((row): Observation => ({
    id: row.id,
    indicator: row.indicator,
    scope: row.scope,
    scopeId: row.scope_id,
    mode: row.mode,
    direction: row.direction,
    period: row.period,
    value: row.value,
    unit: row.unit,
    ...provenance(row),
  }));

export function observationToCells(o: Observation): string[] {
  return [
    o.id,
    o.indicator,
    o.scope,
    o.scopeId,
    o.mode,
    o.direction,
    o.period.text,
    String(o.value),
    o.unit,
    o.sources.join(';'),
    o.confidence,
    o.estimatedFields.join(';'),
    o.notes ?? '',
  ];
}

const sameObservation = (a: Observation, b: Observation): boolean =>
  JSON.stringify(observationToCells(a)) === JSON.stringify(observationToCells(b));

/** The series an observation belongs to: one indicator, scope, mode and direction over the periods. */
export const seriesKey = (o: Observation): string => `${o.indicator}:${o.scope}:${o.scopeId}:${o.mode}:${o.direction}`;

export interface ObservationCheck {
  issues: InputIssue[];
  fresh: Observation[];
  duplicates: number;
}

/**
 * Checks observations against the known sources and those already held: ids are unique, a repeated id must
 * repeat its row exactly (counted as a duplicate, so that importing a file twice adds nothing), sources must be
 * known, and one series holds one figure per period.
 */
export function checkObservations(
  records: readonly Observation[],
  context: { sourceIds: ReadonlySet<string>; existing: readonly Observation[] },
): ObservationCheck {
  const issues: InputIssue[] = [];
  const rejected = new Set<Observation>();
  const report = (record: Observation, field: string, message: string) => {
    issues.push(issueAt(record.origin, field, message));
    rejected.add(record);
  };
  const byId = new Map(context.existing.map((o) => [o.id, o]));
  const bySlot = new Map(context.existing.map((o) => [`${seriesKey(o)}@${o.period.text}`, o]));
  const fresh: Observation[] = [];
  let duplicates = 0;
  for (const record of records) {
    record.sources.forEach((id, index) => {
      if (!context.sourceIds.has(id)) {
        const suggestion = closestMatch(id, context.sourceIds);
        report(
          record,
          `sources[${index}]`,
          `unknown source id "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; cite a source of ` +
            'data/monitoring/sources.csv or the network sources.csv',
        );
      }
    });
    const earlier = byId.get(record.id);
    if (earlier !== undefined) {
      if (sameObservation(earlier, record)) duplicates++;
      else
        report(
          record,
          'id',
          `id "${record.id}" is already used by a different observation (${where(earlier)}); give a new figure a new id`,
        );
      continue;
    }
    const slot = `${seriesKey(record)}@${record.period.text}`;
    const other = bySlot.get(slot);
    if (other !== undefined) {
      report(
        record,
        'period',
        `${record.indicator} of ${record.scope} ${record.scopeId} (${record.mode}, ${record.direction}) for ` +
          `${record.period.text} is already given by "${other.id}" (${where(other)})`,
      );
      continue;
    }
    byId.set(record.id, record);
    bySlot.set(slot, record);
    fresh.push(record);
  }
  return { issues, fresh: fresh.filter((o) => !rejected.has(o)), duplicates };
}

const where = (o: Observation): string =>
  `${o.origin?.file ?? 'bundled data'}${o.origin?.line === undefined ? '' : `:${o.origin.line}`}`;

export interface ObservationSeries {
  key: string;
  indicator: ObservationIndicator;
  scope: Observation['scope'];
  scopeId: string;
  mode: Observation['mode'];
  direction: Direction;
  /** Full-year figures, oldest first. */
  annual: Observation[];
  /** Figures for shorter spans (year to date, quarters), oldest first. */
  partial: Observation[];
  latest: Observation;
  /** Relative change of the latest full year on the one before it, when both exist and are consecutive. */
  change?: number;
  /** Least-squares change a year over the full-year figures, when there are at least three. */
  slopePerYear?: number;
  /** Whether the latest change is an improvement (lower times and costs, higher speeds and volumes); unset if none. */
  improved?: boolean;
}

/** Observations grouped into series, with the latest figure, the change on the year before and the trend. */
export function observationSeries(observations: readonly Observation[]): ObservationSeries[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = seriesKey(o);
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(o);
  }
  const series: ObservationSeries[] = [];
  for (const [key, list] of groups) {
    const byEnd = [...list].sort((a, b) => monthIndex(a.period.end) - monthIndex(b.period.end));
    const annual = byEnd.filter((o) => o.period.start.month === 1 && periodMonths(o.period) === 12);
    const partial = byEnd.filter((o) => !annual.includes(o));
    const first = list[0]!;
    const latest = annual.at(-1) ?? byEnd.at(-1)!;
    const previous = annual.at(-2);
    const entry: ObservationSeries = {
      key,
      indicator: first.indicator,
      scope: first.scope,
      scopeId: first.scopeId,
      mode: first.mode,
      direction: first.direction,
      annual,
      partial,
      latest,
    };
    if (previous !== undefined && previous.value > 0 && latest.period.start.year - previous.period.start.year === 1) {
      entry.change = latest.value / previous.value - 1;
      if (entry.change !== 0) entry.improved = HIGHER_IS_BETTER[first.indicator] ? entry.change > 0 : entry.change < 0;
    }
    const years = annual.map((o) => o.period.start.year);
    if (annual.length >= 3 && years.every((year, i) => year - years[0]! === i))
      entry.slopePerYear = slope(annual.map((o) => o.value))!;
    series.push(entry);
  }
  return series.sort(
    (a, b) =>
      OBSERVATION_INDICATORS.indexOf(a.indicator) - OBSERVATION_INDICATORS.indexOf(b.indicator) ||
      OBSERVATION_SCOPES.indexOf(a.scope) - OBSERVATION_SCOPES.indexOf(b.scope) ||
      a.key.localeCompare(b.key),
  );
}
