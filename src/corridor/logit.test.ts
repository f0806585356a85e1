import { describe, expect, it } from 'vitest';
import { seededRandom } from '../numeric/random.js';
import { compositeTradeCost } from './logit.js';

// The obvious definition: the logsum of exp(−λ t_r + β ln PS_r), λ = θ / usdWeight, summed without any shift.
function slowComposite(
  usd: number[],
  hours: number[],
  lnPs: number[],
  theta: number,
  beta: number,
  a: number,
  b: number,
): number {
  const lambda = theta / a;
  const sum = usd.reduce((s, u, r) => s + Math.exp(-lambda * (a * u + b * hours[r]!) + beta * lnPs[r]!), 0);
  return -Math.log(sum) / lambda;
}

const composite = (usd: number[], hours: number[], lnPs: number[], theta: number, beta: number, a: number, b: number) =>
  compositeTradeCost(
    0,
    usd.length,
    Float64Array.from(usd),
    Float64Array.from(hours),
    Float64Array.from(lnPs),
    { theta, pathSize: beta },
    a,
    b,
  );

describe('composite trade cost of a pair (the demand response’s level of service)', () => {
  const random = seededRandom(2026);
  const draw = (n: number, scale: number) => Array.from({ length: n }, () => random.next() * scale);
  /** min … min + spread − 1 routes with random USD, hours and ln(path size) ≤ 0. */
  const routes = (min: number, spread: number) => {
    const n = min + Math.floor(random.next() * spread);
    return { n, usd: draw(n, 300), hours: draw(n, 800), lnPs: draw(n, 1).map((x) => -x) };
  };

  it('is the logsum of the route choice, and one route’s trade cost when there is one route', () => {
    for (let seed = 0; seed < 50; seed++) {
      const { usd, hours, lnPs } = routes(1, 6);
      const a = 5 / (200 + random.next() * 3000);
      const b = Math.log(1.052) / 24;
      expect(composite(usd, hours, lnPs, 0.07, 1, a, b)).toBeCloseTo(slowComposite(usd, hours, lnPs, 0.07, 1, a, b), 9);
    }
    expect(composite([120], [200], [0], 0.07, 1, 0.005, 0.002)).toBeCloseTo(0.005 * 120 + 0.002 * 200, 12);
  });

  it('never falls when one route gets dearer or slower, where the share-weighted mean can', () => {
    for (let seed = 0; seed < 200; seed++) {
      const { n, usd, hours, lnPs } = routes(2, 5);
      const before = composite(usd, hours, lnPs, 0.07, 1, 0.005, 0.002);
      const r = Math.floor(random.next() * n);
      const dearer = usd.map((u, k) => (k === r ? u + random.next() * 50 : u));
      const slower = hours.map((h, k) => (k === r ? h + random.next() * 200 : h));
      expect(composite(dearer, hours, lnPs, 0.07, 1, 0.005, 0.002)).toBeGreaterThanOrEqual(before - 1e-12);
      expect(composite(usd, slower, lnPs, 0.07, 1, 0.005, 0.002)).toBeGreaterThanOrEqual(before - 1e-12);
    }
    // The case that made a sanctions premium induce trade: a cheap fast route and a slow one (a long sea detour).
    // Making the slow route dearer moves shares off it, so the mean transit time and the mean trade cost fall.
    const usd = [150, 160];
    const hours = [150, 800];
    const a = 0.005;
    const b = 0.002;
    const mean = (u: number[]) => {
      const w = u.map((x) => Math.exp(-0.07 * x));
      const total = w[0]! + w[1]!;
      return u.reduce((s, x, k) => s + (w[k]! / total) * (a * x + b * hours[k]!), 0);
    };
    expect(mean([150, 170])).toBeLessThan(mean(usd));
    expect(composite([150, 170], hours, [0, 0], 0.07, 1, a, b)).toBeGreaterThan(
      composite(usd, hours, [0, 0], 0.07, 1, a, b),
    );
  });

  it('is the cheapest route’s trade cost when the response ignores USD (no dispersion on that scale)', () => {
    expect(composite([100, 50], [100, 300], [0, 0], 0.07, 1, 0, 0.002)).toBeCloseTo(0.2, 12);
  });
});
