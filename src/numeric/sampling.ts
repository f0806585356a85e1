import type { SeededRandom } from './random.js';
import { SOBOL_DIRECTIONS } from './sobol-directions.js';

export const DESIGNS = ['lhs', 'sobol'] as const;
export type Design = (typeof DESIGNS)[number];

/** Dimensions the Sobol design can fill: the direction-number table plus the first (van der Corput) dimension. */
export const SOBOL_MAX_DIMENSIONS = SOBOL_DIRECTIONS.length + 1;

/**
 * n points of the unit hypercube [0, 1)^d, row-major (point i, dimension j at i·d + j), by the design asked for.
 * Both are deterministic in the generator's seed: the same seed gives the same points on every machine.
 */
export function designPoints(design: Design, n: number, d: number, random: SeededRandom): Float64Array {
  return design === 'lhs' ? latinHypercube(n, d, random) : sobolPoints(n, d, random);
}

/**
 * Latin hypercube: each dimension's n values fall one in each of the n equal strata [k/n, (k+1)/n), at a uniform
 * position inside it, and the strata are matched across dimensions by independent random permutations (McKay,
 * Beckman and Conover 1979). Every marginal is stratified; the joint is not.
 */
export function latinHypercube(n: number, d: number, random: SeededRandom): Float64Array {
  const points = new Float64Array(n * d);
  const strata = new Uint32Array(n);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < n; k++) strata[k] = k;
    // Fisher–Yates: a uniform permutation of the strata.
    for (let k = n - 1; k > 0; k--) {
      const m = Math.floor(random.next() * (k + 1));
      const t = strata[k]!;
      strata[k] = strata[m]!;
      strata[m] = t;
    }
    for (let i = 0; i < n; i++) points[i * d + j] = (strata[i]! + random.next()) / n;
  }
  return points;
}

const BITS = 32;

/** Direction numbers v_1 … v_32 of each dimension, as 32-bit integers (Bratley and Fox's recurrence). */
function directionNumbers(d: number): Uint32Array[] {
  if (d > SOBOL_MAX_DIMENSIONS)
    throw new RangeError(`the Sobol design has direction numbers for ${SOBOL_MAX_DIMENSIONS} inputs; asked for ${d}`);
  const all: Uint32Array[] = [];
  for (let j = 0; j < d; j++) {
    const v = new Uint32Array(BITS + 1);
    if (j === 0) {
      for (let k = 1; k <= BITS; k++) v[k] = 2 ** (BITS - k);
    } else {
      const [s, a, ...m] = SOBOL_DIRECTIONS[j - 1]!;
      for (let k = 1; k <= Math.min(s!, BITS); k++) v[k] = (m[k - 1]! * 2 ** (BITS - k)) >>> 0;
      for (let k = s! + 1; k <= BITS; k++) {
        let x = (v[k - s!]! ^ (v[k - s!]! >>> s!)) >>> 0;
        for (let l = 1; l < s!; l++) if ((a! >>> (s! - 1 - l)) & 1) x = (x ^ v[k - l]!) >>> 0;
        v[k] = x;
      }
    }
    all.push(v);
  }
  return all;
}

/**
 * The first n points of the Sobol sequence (Joe–Kuo direction numbers, Gray-code order), randomized by a digital
 * shift: each dimension's 32 bits are XORed with a random word drawn from `random`. The shift keeps the sequence's
 * stratification (every elementary interval of a (t, m, s)-net holds its share of points) while making the points
 * depend on the seed, and it moves the first point off the origin.
 */
export function sobolPoints(n: number, d: number, random?: SeededRandom): Float64Array {
  const v = directionNumbers(d);
  // Without a generator, the unshifted sequence (the published one, for checking against references).
  const shift = Uint32Array.from({ length: d }, () =>
    random === undefined ? 0 : Math.floor(random.next() * 2 ** BITS),
  );
  const x = new Uint32Array(d);
  const points = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      // Gray code: point i differs from point i − 1 by the direction number of the lowest zero bit of i − 1.
      let c = 1;
      for (let value = i - 1; value & 1; value >>>= 1) c++;
      for (let j = 0; j < d; j++) x[j] = (x[j]! ^ v[j]![c]!) >>> 0;
    }
    for (let j = 0; j < d; j++) points[i * d + j] = ((x[j]! ^ shift[j]!) >>> 0) / 2 ** BITS;
  }
  return points;
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation, relative error below 1.2e-9
 * (far below the spread of any input it turns a design point into).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a normal quantile needs 0 < p < 1, got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const e = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((e[0]! * q + e[1]!) * q + e[2]!) * q + e[3]!) * q + 1);
    if (p > 1 - low) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  return x;
}

/** The standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
