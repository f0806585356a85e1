import { formatQuantity } from './quantity.js';
import type { TradeRecord } from './trade.js';

/** The scorecard's verdicts in words, the same in `caravan scorecard` and the web app's Scorecard view. */
export const SCORECARD_STATUS_TEXT: Record<string, string> = {
  met: 'MET',
  'on-track': 'ON TRACK',
  behind: 'BEHIND',
  'no-trend': 'GAP (one figure, no trend)',
  'no-figure': 'NO FIGURE',
  beyond: 'BEYOND',
  below: 'BELOW',
  missed: 'MISSED',
  pending: 'PENDING',
  overdue: 'OVERDUE (no evidence)',
};

/** "≈$340.0 M (2024)": the figure with its qualifier and period. */
export const formatFigure = (r: Pick<TradeRecord, 'qualifier' | 'value' | 'unit' | 'period'>): string =>
  `${r.qualifier === 'approx' ? '≈' : r.qualifier === 'below' ? '<' : ''}${formatQuantity(r.value, r.unit)} (${r.period.text})`;
