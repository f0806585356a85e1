import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMultimodalGraph } from '../graph/multimodal.js';
import { Router } from '../routing/router.js';
import { randomNetwork } from '../test-support/random-network.js';
import { lognormalFromMedianP90 } from './lognormal.js';
import { onTimeProbability, simulateTransitTime, type StepDistribution } from './monte-carlo.js';
import { routeStepDistributions } from './route-steps.js';

const border = (label: string, median: number, p90: number): StepDistribution => ({
  label,
  kind: 'lognormal',
  deterministicH: median,
  lognormal: lognormalFromMedianP90(median, p90),
  correlated: true,
});

const stepArbitrary: fc.Arbitrary<StepDistribution> = fc.oneof(
  fc
    .double({ min: 0, max: 100, noNaN: true })
    .map((hours) => ({ label: 'fixed', kind: 'fixed' as const, deterministicH: hours })),
  fc
    .tuple(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true }))
    .map(([median, ratio]) => border('border', median, median * ratio)),
  fc.double({ min: 0, max: 200, noNaN: true }).map((interval) => ({
    label: 'wait',
    kind: 'uniform' as const,
    deterministicH: interval / 2,
    minH: 0,
    maxH: interval,
  })),
);

describe('simulateTransitTime', () => {
  it('gives the same numbers for the same seed, and other numbers for another seed', () => {
    const steps = [
      border('a', 10, 30),
      border('b', 6, 40),
      { label: 'run', kind: 'fixed' as const, deterministicH: 50 },
    ];
    const { sortedTotalsH: first, ...summary } = simulateTransitTime(steps, { samples: 5000, seed: 7 });
    const { sortedTotalsH: again, ...summaryAgain } = simulateTransitTime(steps, { samples: 5000, seed: 7 });
    expect(summaryAgain).toEqual(summary);
    expect(again).toEqual(first);
    expect(simulateTransitTime(steps, { samples: 5000, seed: 8 }).p90H).not.toBe(summary.p90H);
  });

  it('has monotone quantiles, contributions that add up to the P90, and a monotone on-time curve', () => {
    fc.assert(
      fc.property(
        fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (steps, seed, correlation) => {
          const result = simulateTransitTime(steps, { samples: 2000, seed, correlation });
          expect(result.minH).toBeLessThanOrEqual(result.p50H);
          expect(result.p50H).toBeLessThanOrEqual(result.p90H);
          expect(result.p90H).toBeLessThanOrEqual(result.p95H);
          expect(result.p95H).toBeLessThanOrEqual(result.maxH);
          const allocated = result.contributions.reduce((sum, step) => sum + step.atP90H, 0);
          expect(allocated).toBeCloseTo(result.p90H, 6);
          expect(onTimeProbability(result, result.minH - 1)).toBe(0);
          expect(onTimeProbability(result, result.maxH)).toBe(1);
          expect(onTimeProbability(result, result.p50H)).toBeLessThanOrEqual(onTimeProbability(result, result.p90H));
          expect(onTimeProbability(result, result.p90H)).toBeGreaterThanOrEqual(0.9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('equals the deterministic route time when every spread is zero', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }), (steps) => {
        const result = simulateTransitTime(steps, { samples: 200, seed: 1, varianceScale: 0 });
        const deterministic = steps.reduce((sum, step) => sum + step.deterministicH, 0);
        for (const value of [result.minH, result.p50H, result.p90H, result.p95H, result.maxH, result.meanH]) {
          expect(value).toBeCloseTo(deterministic, 9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reproduces the median and p90 it was fitted to within 1% on a large sample', () => {
    for (const [median, p90] of [
      [6, 24],
      [30, 96],
      [2, 2.5],
      [40.6, 120],
    ] as const) {
      const result = simulateTransitTime([border('b', median, p90)], { samples: 400_000, seed: 11 });
      expect(Math.abs(result.p50H / median - 1)).toBeLessThan(0.01);
      expect(Math.abs(result.p90H / p90 - 1)).toBeLessThan(0.01);
    }
  });

  it('makes bad weeks at consecutive borders coincide when correlated, widening the P90', () => {
    const steps = [border('a', 10, 40), border('b', 10, 40), border('c', 10, 40)];
    const independent = simulateTransitTime(steps, { samples: 100_000, seed: 3 });
    const correlated = simulateTransitTime(steps, { samples: 100_000, seed: 3, correlation: 0.8 });
    expect(correlated.p90H).toBeGreaterThan(independent.p90H * 1.05);
    // Correlation changes how steps combine, not the steps themselves: the mean total stays the same.
    expect(Math.abs(correlated.meanH / independent.meanH - 1)).toBeLessThan(0.02);
  });

  it('names the step that makes bad journeys bad', () => {
    const steps = [
      { label: 'rail', kind: 'fixed' as const, deterministicH: 100 },
      border('calm border', 5, 6),
      border('erratic border', 5, 60),
    ];
    const result = simulateTransitTime(steps, { samples: 50_000, seed: 5 });
    expect(result.contributions[0]!.label).toBe('erratic border');
  });
});

describe('routeStepDistributions', () => {
  it('plans to the route planner’s deterministic time on random networks', () => {
    fc.assert(
      fc.property(randomNetwork(), fc.nat(), fc.nat(), (network, a, b) => {
        const from = network.nodes[a % network.nodes.length]!.id;
        const to = network.nodes[b % network.nodes.length]!.id;
        fc.pre(from !== to);
        const [route] = new Router(compileMultimodalGraph(network, 't')).routes({ from, to, criterion: 'time' });
        if (route === undefined) return;
        const steps = routeStepDistributions(network, route, { spread: { handlingP90Ratio: 2, runningP90Ratio: 1.2 } });
        const deterministic = steps.reduce((sum, step) => sum + step.deterministicH, 0);
        expect(deterministic).toBeCloseTo(route.totals.hours, 6);
        const flat = simulateTransitTime(steps, { samples: 50, seed: 1, varianceScale: 0 });
        expect(flat.p90H).toBeCloseTo(route.totals.hours, 6);
      }),
      { numRuns: 150 },
    );
  });
});
