import { z } from 'zod';
import { enumCell, numberCell, parsedCell, slugCell, textCell } from '../model/cells.js';
import { issueAt, type InputIssue } from '../model/issues.js';
import { checkEstimatedFields, provenance, provenanceColumns } from '../model/schemas.js';
import { closestMatch } from '../model/text.js';
import type { RecordOrigin } from '../model/types.js';
import type { Confidence } from '../model/vocabulary.js';

/**
 * Trade and corridor-volume figures and the targets set for them (docs/shipments.md, "Trade and targets"). Each
 * row names its sources and says whether it is reported, derived or an estimate, like the network data.
 */

export const TRADE_KINDS = ['figure', 'target'] as const;
export type TradeKind = (typeof TRADE_KINDS)[number];

export const TRADE_UNITS = ['usd', 't'] as const;
export type TradeUnit = (typeof TRADE_UNITS)[number];

/** How the value relates to the quantity: exact as reported, approximate, or only a bound ("sub-$400 M"). */
export const QUALIFIERS = ['exact', 'approx', 'below', 'above'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const TRADE_COLUMNS = [
  'id',
  'kind',
  'indicator',
  'label',
  'period',
  'value',
  'unit',
  'qualifier',
  'sources',
  'confidence',
  'estimated_fields',
  'notes',
] as const;

/** Columns a file may leave out: blank or absent means the default. */
export const OPTIONAL_TRADE_COLUMNS: readonly string[] = ['qualifier', 'estimated_fields', 'notes'];

/** A span of whole months, inclusive. A calendar year is January to December. */
export interface Period {
  text: string;
  start: { year: number; month: number };
  end: { year: number; month: number };
}

export interface TradeRecord {
  id: string;
  kind: TradeKind;
  indicator: string;
  label: string;
  period: Period;
  value: number;
  unit: TradeUnit;
  qualifier: Qualifier;
  sources: string[];
  confidence: Confidence;
  estimatedFields: string[];
  notes?: string;
  origin?: RecordOrigin;
}

export const PERIOD_EXPECTED = 'a year (2024) or a span of months (2025-01/2025-09)';

export function parsePeriod(text: string): Period | undefined {
  const year = /^(\d{4})$/.exec(text);
  if (year) {
    const y = Number(year[1]);
    return { text, start: { year: y, month: 1 }, end: { year: y, month: 12 } };
  }
  const span = /^(\d{4})-(\d{2})\/(\d{4})-(\d{2})$/.exec(text);
  if (!span) return undefined;
  const start = { year: Number(span[1]), month: Number(span[2]) };
  const end = { year: Number(span[3]), month: Number(span[4]) };
  if (start.month < 1 || start.month > 12 || end.month < 1 || end.month > 12) return undefined;
  if (monthIndex(end) < monthIndex(start)) return undefined;
  return { text, start, end };
}

export const monthIndex = (m: { year: number; month: number }): number => m.year * 12 + m.month - 1;
export const periodMonths = (p: Period): number => monthIndex(p.end) - monthIndex(p.start) + 1;
/** A full calendar year: the kind of figure growth rates compare. */
export const isCalendarYear = (p: Period): boolean => p.start.month === 1 && periodMonths(p) === 12;

export const tradeRow = z
  .object({
    id: slugCell(),
    kind: enumCell(TRADE_KINDS),
    indicator: slugCell(),
    label: textCell(),
    period: parsedCell(PERIOD_EXPECTED, parsePeriod),
    value: numberCell({ above: 0 }),
    unit: enumCell(TRADE_UNITS),
    qualifier: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? 'exact' : value),
      enumCell(QUALIFIERS),
    ),
    ...provenanceColumns,
  })
  .superRefine(checkEstimatedFields(TRADE_COLUMNS))
  .superRefine((row, ctx) => {
    if (row.kind === 'target' && row.qualifier !== 'exact') {
      ctx.addIssue({ code: 'custom', path: ['qualifier'], message: 'a target is a single value: leave it blank' });
    }
  })
  .transform((row): TradeRecord => ({
    id: row.id,
    kind: row.kind,
    indicator: row.indicator,
    label: row.label,
    period: row.period,
    value: row.value,
    unit: row.unit,
    qualifier: row.qualifier,
    ...provenance(row),
  }));

export function tradeRecordToCells(record: TradeRecord): string[] {
  return [
    record.id,
    record.kind,
    record.indicator,
    record.label,
    record.period.text,
    String(record.value),
    record.unit,
    record.qualifier === 'exact' ? '' : record.qualifier,
    record.sources.join(';'),
    record.confidence,
    record.estimatedFields.join(';'),
    record.notes ?? '',
  ];
}

export function sameTradeRecord(a: TradeRecord, b: TradeRecord): boolean {
  return JSON.stringify(tradeRecordToCells(a)) === JSON.stringify(tradeRecordToCells(b));
}

/** Compound annual growth rate that takes `from` to `to` in `years` years (0.1 = 10 % a year). */
export function cagr(from: number, to: number, years: number): number | undefined {
  if (from <= 0 || to <= 0 || years <= 0) return undefined;
  return (to / from) ** (1 / years) - 1;
}

export interface TargetProgress {
  target: TradeRecord;
  /** The latest full-year figure of the target's indicator (exact or approximate, not a bound). */
  latest?: TradeRecord;
  /** Figures for shorter spans, or bounds, that end after `latest`: the news since the last full year. */
  newer: TradeRecord[];
  /** Target minus latest, in the target's unit. */
  gap?: number;
  /** Share of the target reached by the latest figure. */
  reached?: number;
  /** Years from the latest figure to the target year. */
  years?: number;
  requiredGrowth?: number;
  /** Growth a year between the two latest full-year figures. */
  recentGrowth?: { rate: number; from: TradeRecord; to: TradeRecord };
}

/**
 * Progress towards each target: the latest full-year figure of its indicator, the gap, the compound annual growth
 * rate needed to close the gap by the end of the target year, and the growth rate of the recent past to compare.
 */
export function targetProgress(records: readonly TradeRecord[]): TargetProgress[] {
  const figures = records.filter((record) => record.kind === 'figure');
  return records
    .filter((record) => record.kind === 'target')
    .sort((a, b) => a.indicator.localeCompare(b.indicator) || monthIndex(a.period.end) - monthIndex(b.period.end))
    .map((target) => {
      const own = figures.filter((figure) => figure.indicator === target.indicator && figure.unit === target.unit);
      const annual = own
        .filter(
          (figure) => isCalendarYear(figure.period) && (figure.qualifier === 'exact' || figure.qualifier === 'approx'),
        )
        .sort((a, b) => a.period.start.year - b.period.start.year);
      const latest = annual.at(-1);
      const newer = own
        .filter(
          (figure) =>
            figure !== latest &&
            (latest === undefined || monthIndex(figure.period.end) > monthIndex(latest.period.end)),
        )
        .sort((a, b) => monthIndex(a.period.end) - monthIndex(b.period.end));
      const progress: TargetProgress = { target, newer };
      if (latest === undefined) return progress;
      const years = target.period.end.year - latest.period.end.year;
      const required = cagr(latest.value, target.value, years);
      const previous = annual.at(-2);
      const recent =
        previous === undefined
          ? undefined
          : cagr(previous.value, latest.value, latest.period.end.year - previous.period.end.year);
      return {
        ...progress,
        latest,
        gap: target.value - latest.value,
        reached: latest.value / target.value,
        years,
        ...(required === undefined ? {} : { requiredGrowth: required }),
        ...(recent === undefined || previous === undefined
          ? {}
          : { recentGrowth: { rate: recent, from: previous, to: latest } }),
      };
    });
}

export interface TradeCheckResult {
  issues: InputIssue[];
  fresh: TradeRecord[];
  duplicates: number;
}

/**
 * Checks trade rows against the known sources and the records already held (bundled or stored): ids are unique,
 * a repeated id must repeat its record exactly (a duplicate) and never change it, sources must be known.
 */
export function checkTradeRecords(
  records: readonly TradeRecord[],
  context: { sourceIds: ReadonlySet<string>; existing: readonly TradeRecord[] },
): TradeCheckResult {
  const issues: TradeCheckResult['issues'] = [];
  const rejected = new Set<TradeRecord>();
  const report = (record: TradeRecord, field: string, message: string) => {
    issues.push(issueAt(record.origin, field, message));
    rejected.add(record);
  };
  const known = new Map(context.existing.map((record) => [record.id, record]));
  const fresh: TradeRecord[] = [];
  let duplicates = 0;
  for (const record of records) {
    record.sources.forEach((id, index) => {
      if (!context.sourceIds.has(id)) {
        const suggestion = closestMatch(id, context.sourceIds);
        report(
          record,
          `sources[${index}]`,
          `unknown source id "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; cite a source of ` +
            'data/monitoring/sources.csv, or `unlisted` and name the document in notes',
        );
      }
    });
    if (record.sources.includes('unlisted') && (record.notes ?? '').length < 10) {
      report(record, 'notes', 'required with the source `unlisted`: name the document (title, publisher, date)');
    }
    const earlier = known.get(record.id);
    if (earlier !== undefined) {
      if (sameTradeRecord(earlier, record)) duplicates++;
      else
        report(
          record,
          'id',
          `id "${record.id}" is already used by a different record (${earlier.origin?.file ?? 'bundled data'}` +
            `${earlier.origin?.line === undefined ? '' : `:${earlier.origin.line}`}); give a new figure a new id`,
        );
      continue;
    }
    known.set(record.id, record);
    fresh.push(record);
  }
  return { issues, fresh: fresh.filter((record) => !rejected.has(record)), duplicates };
}
