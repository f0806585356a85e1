import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../numeric/random.js';
import { latinHypercube } from '../../numeric/sampling.js';
import { standardizedRegression } from './sensitivity.js';

/** The outputs of `f` at each row of a row-major sample of d inputs. */
const evaluate = (points: Float64Array, d: number, f: (x: Float64Array) => number) =>
  Float64Array.from({ length: points.length / d }, (_, k) => f(points.subarray(k * d, (k + 1) * d)));

/** Ordinary least squares with an intercept by Gauss–Jordan elimination on the raw inputs, then scaled: the slow way. */
function slowSrc(points: Float64Array, d: number, y: Float64Array): number[] {
  const n = y.length;
  const m = d + 1;
  const a = Array.from({ length: m }, () => new Array<number>(m + 1).fill(0));
  for (let k = 0; k < n; k++) {
    const row = [1, ...points.subarray(k * d, (k + 1) * d)];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) a[i]![j]! += row[i]! * row[j]!;
      a[i]![m]! += row[i]! * y[k]!;
    }
  }
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= m; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const sd = (values: number[]) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0));
  };
  const sy = sd([...y]);
  return Array.from({ length: d }, (_, j) => {
    const column = Array.from({ length: n }, (_, k) => points[k * d + j]!);
    return ((a[j + 1]![m]! / a[j + 1]![j + 1]!) * sd(column)) / sy;
  });
}

describe('standardized regression coefficients', () => {
  it('on a linear function of independent inputs, SRC² are its Sobol indices a_i²σ_i² / Σ a_j²σ_j² and R² is 1', () => {
    const a = [4, 2, 1, 0];
    const points = latinHypercube(2000, 4, seededRandom(11));
    const y = evaluate(points, 4, (x) => a.reduce((s, ai, i) => s + ai * x[i]!, 3));
    const { coefficients, rSquared } = standardizedRegression(points, 4, y);
    const total = a.reduce((s, ai) => s + ai * ai, 0);
    // Within the sampling error of 2,000 points (the inputs' sample correlations are about ±0.02).
    a.forEach((ai, i) => expect(Math.abs(coefficients[i]! ** 2 - (ai * ai) / total)).toBeLessThan(0.03));
    expect(rSquared).toBeCloseTo(1, 6);
  });

  it('ranks the inputs of a linear model with noise by their known indices; the noise shows in R²', () => {
    // y = 3 x1 − 1.5 x2 + 0.5 x3 + e, x ~ U(0, 1), e ~ N(0, 0.5²): V = (9 + 2.25 + 0.25) / 12 + 0.25.
    const random = seededRandom('noise');
    const points = latinHypercube(4000, 3, seededRandom(5));
    const y = evaluate(points, 3, (x) => 3 * x[0]! - 1.5 * x[1]! + 0.5 * x[2]! + 0.5 * random.normal());
    const v = 11.5 / 12 + 0.25;
    const { coefficients, rSquared } = standardizedRegression(points, 3, y);
    expect(coefficients[0]).toBeCloseTo(Math.sqrt(9 / 12 / v), 1);
    expect(coefficients[1]).toBeCloseTo(-Math.sqrt(2.25 / 12 / v), 1);
    expect(coefficients[2]).toBeCloseTo(Math.sqrt(0.25 / 12 / v), 1);
    expect(rSquared).toBeCloseTo(11.5 / 12 / v, 1);
  });

  it('on the Ishigami function, finds x1 and misses the non-linear x2: a low R² says so', () => {
    // Ishigami (a = 7, b = 0.1) on [−π, π]³: first-order indices S1 = 0.314, S2 = 0.442, S3 = 0.
    const points = latinHypercube(4000, 3, seededRandom(9)).map((u) => Math.PI * (2 * u - 1));
    const y = evaluate(
      points,
      3,
      (x) => Math.sin(x[0]!) + 7 * Math.sin(x[1]!) ** 2 + 0.1 * x[2]! ** 4 * Math.sin(x[0]!),
    );
    const { coefficients, rSquared } = standardizedRegression(points, 3, y);
    expect(Math.abs(coefficients[0]!)).toBeGreaterThan(Math.abs(coefficients[1]!) * 5);
    expect(Math.abs(coefficients[2]!)).toBeLessThan(0.05);
    expect(rSquared).toBeLessThan(0.314 + 0.05);
  });

  it('agrees with ordinary least squares on the raw inputs, scaled afterwards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer(), (d, seed) => {
        const random = seededRandom(seed);
        const weights = Array.from({ length: d }, () => random.normal());
        const points = latinHypercube(40, d, random);
        const y = evaluate(points, d, (x) => weights.reduce((s, w, i) => s + w * x[i]! ** 2, 0) + random.normal());
        const fast = standardizedRegression(points, d, y).coefficients;
        slowSrc(points, d, y).forEach((value, j) => expect(fast[j]).toBeCloseTo(value, 6));
      }),
      { numRuns: 40 },
    );
  });

  it('gives an input that never varies no coefficient, and a constant output nothing', () => {
    const points = latinHypercube(50, 2, seededRandom(2));
    for (let k = 0; k < 50; k++) points[k * 2 + 1] = 4;
    const y = evaluate(points, 2, (x) => 2 * x[0]!);
    expect(standardizedRegression(points, 2, y).coefficients[1]).toBe(0);
    expect(standardizedRegression(points, 2, new Float64Array(50).fill(1)).rSquared).toBe(0);
  });
});
