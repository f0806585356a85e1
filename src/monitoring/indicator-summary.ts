import type { CorridorIndicator, IndicatorReport, NodeIndicator, Trend } from './indicators.js';

/**
 * What a reader of `caravan indicators` wants first (CPMM's "key results"): in the latest period, the slowest and
 * the costliest border crossings, each corridor's trip time with its change on the previous period, TFI3 and
 * speeds, and the series getting worse and better fastest. Border crossings are the nodes of kind
 * `border_crossing`; when the report has none (a node filter, a network without them), every checkpoint counts.
 */
export interface IndicatorSummary {
  period: string;
  previous?: string;
  /** Visit-weighted over the crossings of the period: CPMM's TFI1 (mean hours) and TFI2 (mean USD). */
  tfi1MeanH?: number;
  tfi2MeanUsd?: number;
  slowest: NodeIndicator[];
  costliest: NodeIndicator[];
  corridors: CorridorIndicator[];
  worsening: Trend[];
  improving: Trend[];
}

export function summarizeIndicators(report: IndicatorReport, top = 3): IndicatorSummary | undefined {
  const period = report.periods.at(-1);
  if (period === undefined) return undefined;
  const inPeriod = report.nodes.filter((row) => row.period === period);
  const borders = inPeriod.filter((row) => row.kind === 'border_crossing');
  const crossings = borders.length > 0 ? borders : inPeriod;
  const visits = crossings.reduce((sum, row) => sum + row.visits, 0);
  const weighted = (value: (row: NodeIndicator) => number) =>
    visits === 0 ? undefined : crossings.reduce((sum, row) => sum + row.visits * value(row), 0) / visits;
  const tfi1 = weighted((row) => row.dwellH.mean);
  const tfi2 = weighted((row) => row.costUsdPerVisit.total);
  // Times and costs: a rising median is getting worse.
  const trends = report.trends.filter((trend) => trend.slopePerPeriod !== 0);
  return {
    period,
    ...(report.periods.length > 1 ? { previous: report.periods.at(-2)! } : {}),
    ...(tfi1 === undefined ? {} : { tfi1MeanH: tfi1 }),
    ...(tfi2 === undefined ? {} : { tfi2MeanUsd: tfi2 }),
    slowest: [...crossings].sort((a, b) => b.dwellH.median - a.dwellH.median).slice(0, top),
    costliest: [...crossings].sort((a, b) => b.costUsdPerVisit.total - a.costUsdPerVisit.total).slice(0, top),
    corridors: report.corridors
      .filter((row) => row.period === period)
      .sort((a, b) => b.shipments - a.shipments)
      .slice(0, 6),
    worsening: trends
      .filter((trend) => trend.slopePerPeriod > 0)
      .sort((a, b) => relativeSlope(b) - relativeSlope(a))
      .slice(0, top),
    improving: trends
      .filter((trend) => trend.slopePerPeriod < 0)
      .sort((a, b) => relativeSlope(a) - relativeSlope(b))
      .slice(0, top),
  };
}

/** Slope as a share of the series' first value, so long and short series compare. */
const relativeSlope = (trend: Trend): number => (trend.first > 0 ? trend.slopePerPeriod / trend.first : 0);
