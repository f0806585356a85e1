import { localYearMonth } from './timestamp.js';
import type { PeriodKind } from './vocabulary.js';

/**
 * Reporting periods, labeled `2025-03` (month) or `2025-Q1` (quarter). A visit belongs to the period of its
 * local date at the checkpoint, as a corridor secretariat collecting records there would count it.
 */
export function periodOf(ms: number, offsetMin: number, kind: PeriodKind): string {
  const { year, month } = localYearMonth(ms, offsetMin);
  return kind === 'month' ? `${year}-${String(month).padStart(2, '0')}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The period right before a label (`2025-01` → `2024-12`, `2025-Q1` → `2024-Q4`). */
export function previousPeriod(label: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (!month) throw new RangeError(`not a period label: ${label}`);
  const year = Number(month[1]);
  const m = Number(month[2]);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
