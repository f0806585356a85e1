import { describe, expect, it } from 'vitest';
import { quantile } from '../numeric/quantile.js';
import { relativeChange, slope, summarize } from './stats.js';

describe('summary statistics', () => {
  it('interpolates quantiles between closest ranks (type 7)', () => {
    expect(quantile([10, 14], 0.9)).toBeCloseTo(13.6, 12);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeUndefined();
  });

  it('summarizes a sample whatever its order', () => {
    const summary = summarize([3, 1, 2, 10])!;
    expect(summary).toMatchObject({ n: 4, mean: 4, median: 2.5 });
    expect(summary.p90).toBeCloseTo(3 + 0.7 * 7, 12);
  });

  it('fits a least-squares slope and a relative change', () => {
    expect(slope([1, 3, 5, 7])).toBeCloseTo(2, 12);
    expect(slope([4])).toBeUndefined();
    expect(relativeChange(12, 6)).toBe(-0.5);
    expect(relativeChange(0, 6)).toBeUndefined();
  });
});
