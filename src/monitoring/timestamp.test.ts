import { describe, expect, it } from 'vitest';
import { periodOf, previousPeriod } from './period.js';
import { parseTimestamp } from './timestamp.js';

describe('timestamps with offsets', () => {
  it('reads ISO 8601 with an offset into an instant, keeping the local offset', () => {
    expect(parseTimestamp('2025-01-12T14:30+03:30')).toEqual({
      ms: Date.UTC(2025, 0, 12, 11, 0),
      offsetMin: 210,
      text: '2025-01-12T14:30:00+03:30',
    });
    expect(parseTimestamp('2025-01-12 09:00:00Z')?.text).toBe('2025-01-12T09:00:00+00:00');
  });

  it('refuses a time without offset and impossible dates', () => {
    for (const text of ['2025-01-12T14:30', '2025-02-30T10:00+05:00', '2025-01-12T24:00+05:00', '12/01/2025 10:00'])
      expect(parseTimestamp(text)).toBeUndefined();
  });

  it('refuses years outside 1970–2100 instead of re-dating 0000–0099 to the 1900s', () => {
    for (const text of ['0025-01-12T10:00+05:00', '0099-12-31T23:59Z', '1969-12-31T23:59Z', '2101-01-01T00:00Z'])
      expect(parseTimestamp(text), text).toBeUndefined();
    expect(parseTimestamp('1970-01-01T00:00Z')?.ms).toBe(0);
    expect(parseTimestamp('2100-12-31T23:59Z')?.text).toBe('2100-12-31T23:59:00+00:00');
  });

  it('buckets by the local date at the checkpoint', () => {
    // 31 March 21:00 UTC is already 1 April in Tehran (+03:30).
    const ms = Date.UTC(2025, 2, 31, 21, 0);
    expect(periodOf(ms, 0, 'month')).toBe('2025-03');
    expect(periodOf(ms, 210, 'month')).toBe('2025-04');
    expect(periodOf(ms, 210, 'quarter')).toBe('2025-Q2');
    expect(previousPeriod('2025-01')).toBe('2024-12');
    expect(previousPeriod('2025-Q1')).toBe('2024-Q4');
  });
});
