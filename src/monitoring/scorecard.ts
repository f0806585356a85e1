import {
  commitmentStatus,
  projectStatus,
  type Commitment,
  type CommitmentStatus,
  type Month,
  type Project,
  type ProjectStatus,
} from './projects.js';
import { cagr, isCalendarYear, monthIndex, periodMonths, targetProgress, type TradeRecord } from './trade.js';
import { targetsInTonnes, type PairValue, type TargetInTonnes } from './trade-value.js';

/**
 * The source documents' three tests of success, on one page: "whether trade volumes move beyond the current
 * sub-$400 million level, whether port and corridor projects receive funding, and whether freight flows on
 * Kazakhstan–Turkmenistan–Iran routes increase in line with corridor capacity targets". Pure: the figures come in,
 * the verdicts go out; `today` decides what is overdue.
 */

/** met: reached; on-track: growing at least as fast as needed; behind: slower; no-trend: one figure only. */
export type Pace = 'met' | 'on-track' | 'behind' | 'no-trend' | 'no-figure';

export interface TargetRow {
  target: TradeRecord;
  latest?: TradeRecord;
  reached?: number;
  requiredGrowth?: number;
  recentGrowth?: number;
  status: Pace;
}

export interface LevelRow {
  /** The "sub-$400 million" bound of the source. */
  level: TradeRecord;
  latest?: TradeRecord;
  /** The newest part-year figure, scaled to twelve months (an estimate: seasonality ignored). */
  annualized?: { record: TradeRecord; usd: number };
  status: 'beyond' | 'below' | 'no-figure';
}

export interface FlowRow {
  target: TradeRecord;
  /** The observed figure the target is compared with (the latest full year). */
  observed?: TradeRecord;
  /** The model's figure for each measure judged against the target, in the base year (region.yaml definitions). */
  modelled: { measure: string; year: number; mt: number; reached: number }[];
  observedReached?: number;
  requiredGrowth?: number;
  status: Pace;
}

export interface Scorecard {
  asOf: string;
  trade: { level?: LevelRow; targets: TargetRow[]; inTonnes: TargetInTonnes[] };
  projects: { projects: ProjectStatus[]; commitments: CommitmentStatus[] };
  flows: FlowRow[];
}

export interface ScorecardInputs {
  tradeRecords: readonly TradeRecord[];
  projects: readonly Project[];
  commitments: readonly Commitment[];
  /** Trade targets measured in tonnes are compared with this indicator's figures (KTI at Bolashak). */
  flowIndicator: string;
  /** The corridor model's base-year figure of each throughput measure, when it ran. */
  modelled: readonly { measure: string; year: number; mt: number }[];
  pairValues: readonly PairValue[];
  today: Month;
  /** The trade indicator the sub-$400 M level is about. */
  levelIndicator: string;
}

const pace = (reached: number | undefined, required: number | undefined, recent: number | undefined): Pace =>
  reached === undefined
    ? 'no-figure'
    : reached >= 1
      ? 'met'
      : required === undefined || recent === undefined
        ? 'no-trend'
        : recent >= required
          ? 'on-track'
          : 'behind';

export function buildScorecard(inputs: ScorecardInputs): Scorecard {
  const progress = targetProgress(inputs.tradeRecords);
  const usdTargets = progress.filter((p) => p.target.unit === 'usd');
  const targets: TargetRow[] = usdTargets.map((p) => ({
    target: p.target,
    ...(p.latest === undefined ? {} : { latest: p.latest }),
    ...(p.reached === undefined ? {} : { reached: p.reached }),
    ...(p.requiredGrowth === undefined ? {} : { requiredGrowth: p.requiredGrowth }),
    ...(p.recentGrowth === undefined ? {} : { recentGrowth: p.recentGrowth.rate }),
    status: pace(p.reached, p.requiredGrowth, p.recentGrowth?.rate),
  }));

  const flows: FlowRow[] = progress
    .filter((p) => p.target.unit === 't')
    .map((p) => {
      const observed = latestFullYear(inputs.tradeRecords, inputs.flowIndicator);
      const row: FlowRow = {
        target: p.target,
        modelled: inputs.modelled.map((m) => ({ ...m, reached: (m.mt * 1e6) / p.target.value })),
        status: 'no-figure',
      };
      if (observed !== undefined) {
        row.observed = observed;
        row.observedReached = observed.value / p.target.value;
        const required = cagr(observed.value, p.target.value, p.target.period.end.year - observed.period.end.year);
        if (required !== undefined) row.requiredGrowth = required;
        const previous = fullYears(inputs.tradeRecords, inputs.flowIndicator).at(-2);
        const recent =
          previous === undefined
            ? undefined
            : cagr(previous.value, observed.value, observed.period.end.year - previous.period.end.year);
        row.status = pace(row.observedReached, row.requiredGrowth, recent);
      }
      return row;
    });

  return {
    asOf: inputs.today.text,
    trade: {
      ...levelRow(inputs.tradeRecords, inputs.levelIndicator),
      targets,
      inTonnes: targetsInTonnes(usdTargets, inputs.pairValues),
    },
    projects: {
      projects: inputs.projects.map((project) => projectStatus(project, inputs.today)),
      commitments: [...inputs.commitments]
        .map((commitment) => commitmentStatus(commitment, inputs.today))
        .sort((a, b) => a.monthsLeft - b.monthsLeft),
    },
    flows,
  };
}

const fullYears = (records: readonly TradeRecord[], indicator: string): TradeRecord[] =>
  records
    .filter(
      (r) =>
        r.kind === 'figure' &&
        r.indicator === indicator &&
        isCalendarYear(r.period) &&
        (r.qualifier === 'exact' || r.qualifier === 'approx'),
    )
    .sort((a, b) => a.period.start.year - b.period.start.year);

const latestFullYear = (records: readonly TradeRecord[], indicator: string): TradeRecord | undefined =>
  fullYears(records, indicator).at(-1);

function levelRow(records: readonly TradeRecord[], indicator: string): { level?: LevelRow } {
  const level = records
    .filter((r) => r.kind === 'figure' && r.indicator === indicator && r.qualifier === 'below')
    .sort((a, b) => monthIndex(a.period.end) - monthIndex(b.period.end))
    .at(-1);
  if (level === undefined) return {};
  const latest = latestFullYear(records, indicator);
  const partial = records
    .filter(
      (r) =>
        r.kind === 'figure' &&
        r.indicator === indicator &&
        r.unit === 'usd' &&
        !isCalendarYear(r.period) &&
        r.confidence !== 'estimate' &&
        (r.qualifier === 'exact' || r.qualifier === 'approx') &&
        (latest === undefined || monthIndex(r.period.end) > monthIndex(latest.period.end)),
    )
    .sort((a, b) => monthIndex(a.period.end) - monthIndex(b.period.end))
    .at(-1);
  const annualized =
    partial === undefined ? undefined : { record: partial, usd: (partial.value * 12) / periodMonths(partial.period) };
  const newest = annualized?.usd ?? latest?.value;
  const row: LevelRow = {
    level,
    ...(latest === undefined ? {} : { latest }),
    ...(annualized === undefined ? {} : { annualized }),
    status: newest === undefined ? 'no-figure' : newest > level.value ? 'beyond' : 'below',
  };
  return { level: row };
}
