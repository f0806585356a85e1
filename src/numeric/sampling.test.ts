import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { latinHypercube, normalCdf, normalQuantile, SOBOL_MAX_DIMENSIONS, sobolPoints } from './sampling.js';

/** Kolmogorov–Smirnov distance between a sample and a distribution function. */
function ksDistance(values: number[], cdf: (x: number) => number): number {
  const sorted = [...values].sort((a, b) => a - b);
  let worst = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    worst = Math.max(worst, Math.abs(f - i / sorted.length), Math.abs(f - (i + 1) / sorted.length));
  });
  return worst;
}

const column = (points: Float64Array, d: number, j: number) =>
  Array.from({ length: points.length / d }, (_, i) => points[i * d + j]!);

/** How many points of a column fall in each of n equal strata of [0, 1). */
const strataCounts = (values: number[], n: number) => {
  const counts = new Array<number>(n).fill(0);
  for (const value of values) counts[Math.floor(value * n)]!++;
  return counts;
};

describe('Latin hypercube', () => {
  it('puts exactly one point in each of the n strata of every dimension', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.integer(), (n, d, seed) => {
        const points = latinHypercube(n, d, seededRandom(seed));
        for (let j = 0; j < d; j++) expect(strataCounts(column(points, d, j), n)).toEqual(new Array(n).fill(1));
      }),
    );
  });

  it('pairs the strata independently: two dimensions are not in lockstep', () => {
    const n = 200;
    const points = latinHypercube(n, 2, seededRandom(7));
    const a = column(points, 2, 0);
    const b = column(points, 2, 1);
    const ma = a.reduce((s, x) => s + x, 0) / n;
    const mb = b.reduce((s, x) => s + x, 0) / n;
    let cov = 0;
    for (let i = 0; i < n; i++) cov += (a[i]! - ma) * (b[i]! - mb);
    // Correlation of independent uniforms over 200 points: standard error 1/√200 ≈ 0.07.
    expect(Math.abs(cov / n / (1 / 12))).toBeLessThan(0.25);
  });

  it('turned into normals by the quantile function, its marginals follow the normal distribution', () => {
    const n = 500;
    const points = latinHypercube(n, 3, seededRandom('marginals'));
    for (let j = 0; j < 3; j++) {
      const normals = column(points, 3, j).map(normalQuantile);
      // Stratified: the distance to Φ is at most 1/n plus the quantile's own error, far below random sampling's.
      expect(ksDistance(normals, normalCdf)).toBeLessThan(1 / n + 1e-6);
    }
  });

  it('is the same for the same seed and different for another', () => {
    expect(latinHypercube(20, 4, seededRandom(1))).toEqual(latinHypercube(20, 4, seededRandom(1)));
    expect(latinHypercube(20, 4, seededRandom(1))).not.toEqual(latinHypercube(20, 4, seededRandom(2)));
  });
});

describe('Sobol sequence', () => {
  it('matches the published sequence (SciPy qmc.Sobol, unscrambled, Joe–Kuo 6.21201) point by point', () => {
    const points = sobolPoints(1024, SOBOL_MAX_DIMENSIONS);
    const at = (i: number) =>
      Array.from({ length: SOBOL_MAX_DIMENSIONS }, (_, j) => points[i * SOBOL_MAX_DIMENSIONS + j]! * 1024);
    expect(sobolPoints(8, 3)).toEqual(
      Float64Array.from([
        0, 0, 0, 0.5, 0.5, 0.5, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.375, 0.375, 0.625, 0.875, 0.875, 0.125, 0.625,
        0.125, 0.875, 0.125, 0.625, 0.375,
      ]),
    );
    // Point 37 and point 1000 in all 80 dimensions, ×1024 (from scipy.stats.qmc.Sobol(d=80, scramble=False)).
    expect(at(37).map(Math.floor)).toEqual([
      944, 656, 592, 944, 784, 304, 176, 816, 624, 176, 16, 80, 592, 880, 112, 496, 816, 432, 48, 144, 976, 80, 560,
      656, 304, 368, 816, 400, 528, 112, 368, 144, 624, 368, 880, 752, 912, 688, 976, 80, 80, 656, 80, 848, 688, 176,
      496, 272, 528, 976, 432, 272, 336, 304, 240, 976, 592, 1008, 368, 304, 80, 400, 656, 848, 624, 400, 880, 528, 16,
      432, 976, 912, 656, 240, 880, 304, 976, 464, 816, 400,
    ]);
    expect(at(1000).map(Math.floor)).toEqual([
      225, 99, 531, 693, 287, 929, 47, 921, 513, 71, 87, 261, 165, 393, 147, 379, 737, 353, 1015, 743, 535, 563, 973,
      553, 597, 929, 41, 1003, 61, 349, 151, 149, 303, 607, 821, 789, 869, 851, 315, 491, 935, 261, 983, 719, 861, 95,
      893, 941, 1023, 491, 361, 529, 771, 449, 129, 913, 465, 81, 905, 585, 457, 617, 265, 457, 133, 509, 573, 61, 197,
      877, 157, 261, 933, 245, 189, 917, 543, 547, 867, 123,
    ]);
  });

  it('shifted by a seed, still has one point in each of the 2^m strata of every dimension', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: SOBOL_MAX_DIMENSIONS }),
        fc.integer(),
        (m, d, seed) => {
          const n = 2 ** m;
          const points = sobolPoints(n, d, seededRandom(seed));
          for (let j = 0; j < d; j++) expect(strataCounts(column(points, d, j), n)).toEqual(new Array(n).fill(1));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('has uniform marginals and, for 2^m points, every pair of dimensions fills the 2^(m/2) × 2^(m/2) grid evenly in the first dimensions', () => {
    const points = sobolPoints(256, 4, seededRandom(3));
    for (let j = 0; j < 4; j++) expect(ksDistance(column(points, 4, j), (x) => x)).toBeLessThanOrEqual(1 / 256 + 1e-12);
    // Dimensions 1 and 2 form a (0, 8, 2)-net: each of the 16 × 16 cells holds exactly one point.
    const cells = new Set<number>();
    for (let i = 0; i < 256; i++) cells.add(Math.floor(points[i * 4]! * 16) * 16 + Math.floor(points[i * 4 + 1]! * 16));
    expect(cells.size).toBe(256);
  });

  it('refuses more inputs than it has direction numbers for', () => {
    expect(() => sobolPoints(4, SOBOL_MAX_DIMENSIONS + 1)).toThrow(/direction numbers for 80 inputs/);
  });
});

describe('normal quantile', () => {
  it('matches reference values (SciPy norm.ppf) to 1e-8', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 7);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 8);
  });

  it('is the inverse of the distribution function', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
      }),
    );
  });
});
