import { quantileOfSorted } from '../numeric/quantile.js';

/** Descriptive statistics of the indicator reports. Pure and total: an empty sample gives undefined. */

export interface Summary {
  n: number;
  mean: number;
  median: number;
  p90: number;
}

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: mean(sorted)!,
    median: quantileOfSorted(sorted, 0.5),
    p90: quantileOfSorted(sorted, 0.9),
  };
}

/** Least-squares slope of y over x = 0, 1, 2, …; undefined with fewer than two points. */
export function slope(values: readonly number[]): number | undefined {
  const n = values.length;
  if (n < 2) return undefined;
  const meanX = (n - 1) / 2;
  const meanY = mean(values)!;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

/** Relative change from `before` to `after` (0.1 = +10 %); undefined when there is no base to compare with. */
export function relativeChange(before: number | undefined, after: number | undefined): number | undefined {
  if (before === undefined || after === undefined || before === 0) return undefined;
  return after / before - 1;
}
