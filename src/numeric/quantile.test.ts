import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile, quantileOfSorted } from './quantile.js';

/**
 * Type 7 the slow, obvious way: the sorted values are points at positions k / (n − 1) on [0, 1], and the quantile
 * is the straight line between the two points either side of q, found by walking from the left.
 */
function slowType7(values: readonly number[], q: number): number {
  const x = [...values].sort((a, b) => a - b);
  if (x.length === 1) return x[0]!;
  const step = 1 / (x.length - 1);
  for (let k = 0; k < x.length - 1; k++) {
    const left = k * step;
    const right = (k + 1) * step;
    if (q <= right || k === x.length - 2) return x[k]! + ((q - left) / step) * (x[k + 1]! - x[k]!);
  }
  throw new Error('unreachable');
}

describe('quantile (Hyndman–Fan type 7)', () => {
  it('gives the values R and NumPy give', () => {
    // R: quantile(c(10, 14), 0.9) = 13.6; quantile(1:10, 0.9) = 9.1; quantile(c(3, 1, 2, 10), 0.5) = 2.5.
    expect(quantile([10, 14], 0.9)).toBeCloseTo(13.6, 12);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([3, 1, 2, 10], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeUndefined();
  });

  it('agrees with the slow definition on any sample and level, and is the minimum and maximum at 0 and 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const fast = quantile(values, q)!;
          const slow = slowType7(values, q);
          expect(Math.abs(fast - slow)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(slow)));
          // Numeric equality: the interpolation turns a −0 minimum into +0, the same number.
          expect(quantile(values, 0)! === Math.min(...values)).toBe(true);
          expect(quantile(values, 1)! === Math.max(...values)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads typed arrays as the sorted sample, and leaves at least ⌊(n − 1)q⌋ + 1 values at or below', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = Float64Array.from(values).sort();
          const value = quantileOfSorted(sorted, q);
          expect(value === quantile(values, q)).toBe(true);
          const atOrBelow = values.filter((v) => v <= value).length;
          expect(atOrBelow).toBeGreaterThanOrEqual(Math.floor((values.length - 1) * q) + 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
