/** The standard normal quantile at 0.9: a lognormal's p90 is exp(mu + Z90 · sigma). */
export const Z90 = 1.2815515655446004;

export interface Lognormal {
  mu: number;
  sigma: number;
}

/**
 * The lognormal whose median and 90th percentile are the given ones: median = e^mu, p90 = e^(mu + Z90·sigma).
 * Dwell times are skewed to the right (a few very bad days), which a lognormal captures with two published figures.
 */
export function lognormalFromMedianP90(median: number, p90: number): Lognormal {
  if (!(median > 0)) throw new RangeError(`a lognormal needs a median > 0, got ${median}`);
  if (!(p90 >= median)) throw new RangeError(`the 90th percentile (${p90}) must be ≥ the median (${median})`);
  return { mu: Math.log(median), sigma: Math.log(p90 / median) / Z90 };
}
