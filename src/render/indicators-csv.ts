import type { CostBreakdown, IndicatorReport } from '../monitoring/indicators.js';
import type { Summary } from '../monitoring/stats.js';
import { toCsv } from './csv.js';
import { roundTo } from './format.js';

const CSV_COLUMNS = [
  'level',
  'period',
  'node',
  'from',
  'to',
  'corridor',
  'n',
  'median_h',
  'mean_h',
  'p90_h',
  'official_usd',
  'unofficial_usd',
  'total_usd',
  'usd_per_t',
  'usd_per_teu',
  'km',
  'swod_kmh',
  'swd_kmh',
  'median_change',
] as const;

/** What each figure is rounded to: tenths of hours, km and km/h, cents, and changes to a tenth of a percent. */
const CSV_STEPS: Partial<Record<(typeof CSV_COLUMNS)[number], number>> = {
  median_h: 0.1,
  mean_h: 0.1,
  p90_h: 0.1,
  official_usd: 0.01,
  unofficial_usd: 0.01,
  total_usd: 0.01,
  usd_per_t: 0.01,
  usd_per_teu: 0.01,
  km: 0.1,
  swod_kmh: 0.1,
  swd_kmh: 0.1,
  median_change: 0.001,
};

/** One flat CSV: a `level` column (node, section, corridor) and the figures of each row; costs are per visit or per shipment. */
export function indicatorsCsv(report: IndicatorReport): string {
  // A figure left undefined is an empty cell.
  const hoursColumns = (summary: Summary) => ({ median_h: summary.median, mean_h: summary.mean, p90_h: summary.p90 });
  const costColumns = (cost: CostBreakdown) => ({
    official_usd: cost.official,
    unofficial_usd: cost.unofficial,
    total_usd: cost.total,
  });
  const rows: Partial<Record<(typeof CSV_COLUMNS)[number], string | number | undefined>>[] = [
    ...report.nodes.map((row) => ({
      level: 'node',
      period: row.period,
      node: row.node,
      n: row.visits,
      ...hoursColumns(row.dwellH),
      ...costColumns(row.costUsdPerVisit),
      usd_per_t: row.totalUsdPerT,
      median_change: row.medianDwellChange,
    })),
    ...report.sections.map((row) => ({
      level: 'section',
      period: row.period,
      from: row.from,
      to: row.to,
      n: row.trips,
      ...hoursColumns(row.movingH),
      km: row.km,
      swod_kmh: row.swodKmh,
      swd_kmh: row.swdKmh,
      median_change: row.medianMovingChange,
    })),
    ...report.corridors.map((row) => ({
      level: 'corridor',
      period: row.period,
      corridor: row.corridor,
      n: row.shipments,
      ...hoursColumns(row.tripH),
      ...costColumns(row.costUsdPerShipment),
      usd_per_t: row.usdPerT,
      usd_per_teu: row.usdPerTeu,
      swod_kmh: row.swodKmh,
      swd_kmh: row.swdKmh,
      median_change: row.medianTripChange,
    })),
  ];
  const cell = (row: (typeof rows)[number], column: (typeof CSV_COLUMNS)[number]): string => {
    const value = row[column];
    const step = CSV_STEPS[column];
    return value === undefined
      ? ''
      : String(typeof value === 'number' && step !== undefined ? roundTo(value, step) : value);
  };
  return toCsv([[...CSV_COLUMNS], ...rows.map((row) => CSV_COLUMNS.map((column) => cell(row, column)))]);
}
