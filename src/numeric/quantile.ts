/**
 * The one sample quantile of Caravan: Hyndman–Fan type 7, linear interpolation between closest ranks, the default
 * of R, NumPy and spreadsheet PERCENTILE. With the n values sorted ascending as x[0] … x[n−1] and 0 ≤ q ≤ 1:
 * h = (n − 1)·q, Q(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). So Q(0) is the minimum, Q(1) the maximum and
 * Q(0.5) the usual median; at least ⌊h⌋ + 1 values lie at or below Q(q). Monitoring indicators and the reliability
 * simulation both report their P50/P90/P95 by it (docs/reliability.md).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

/** The type-7 q-quantile of values in any order; undefined for an empty sample. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  return quantileOfSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}
