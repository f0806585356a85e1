import { quantileOfSorted } from '../numeric/quantile.js';
import { SeededRandom } from '../numeric/random.js';
import { lognormalFromMedianP90 } from '../reliability/lognormal.js';
import { simulateTransitTime, type StepDistribution } from '../reliability/monte-carlo.js';
import { time, writeResults } from './harness.js';

const SAMPLES = 100_000;

/** A 12-step rail route like Almaty → Bandar Abbas via Sarakhs: 6 legs, 4 borders, 2 changes. */
function twelveStepRoute(): StepDistribution[] {
  const leg = (hours: number): StepDistribution => ({
    label: `leg ${hours} h`,
    kind: 'lognormal',
    deterministicH: hours,
    lognormal: lognormalFromMedianP90(hours, hours * 1.3),
    correlated: false,
  });
  const border = (median: number, p90: number): StepDistribution => ({
    label: `border ${median} h`,
    kind: 'lognormal',
    deterministicH: median,
    lognormal: lognormalFromMedianP90(median, p90),
    correlated: true,
  });
  return [
    leg(26),
    border(10, 30),
    leg(18),
    border(16, 48),
    leg(24),
    border(36, 120),
    {
      label: 'gauge change',
      kind: 'lognormal',
      deterministicH: 24,
      lognormal: lognormalFromMedianP90(24, 48),
      correlated: false,
    },
    leg(40),
    border(8, 20),
    leg(30),
    { label: 'wait', kind: 'uniform', deterministicH: 12, minH: 0, maxH: 24 },
    leg(22),
  ];
}

/**
 * The obvious way, as a baseline: one object per simulated journey holding an array of step times, normals drawn one
 * call at a time, and a sort of the objects by total. Same model and quantiles, no typed arrays.
 */
function naiveSimulation(steps: StepDistribution[], samples: number, seed: number): { p50: number; p90: number } {
  const random = new SeededRandom(seed);
  const normal = () => random.normal();
  const journeys: { steps: number[]; total: number }[] = [];
  for (let s = 0; s < samples; s++) {
    const values = steps.map((step) => {
      if (step.kind === 'lognormal') return Math.exp(step.lognormal.mu + step.lognormal.sigma * normal());
      if (step.kind === 'uniform') return step.minH + (step.maxH - step.minH) * random.next();
      return step.deterministicH;
    });
    journeys.push({ steps: values, total: values.reduce((a, b) => a + b, 0) });
  }
  journeys.sort((a, b) => a.total - b.total);
  const totals = journeys.map((journey) => journey.total);
  return { p50: quantileOfSorted(totals, 0.5), p90: quantileOfSorted(totals, 0.9) };
}

export function runReliabilityBench(): string {
  const steps = twelveStepRoute();
  let p90 = 0;
  const caravan = time(() => {
    p90 = simulateTransitTime(steps, { samples: SAMPLES, seed: 1 }).p90H;
  });
  let naiveP90 = 0;
  const naive = time(() => {
    naiveP90 = naiveSimulation(steps, SAMPLES, 1).p90;
  });
  const ratio = naive.medianMs / caravan.medianMs;
  console.log(
    `reliability: ${SAMPLES.toLocaleString('en-US')} samples of a 12-step route in ${caravan.medianMs.toFixed(1)} ms ` +
      `(goal < 500 ms), ${ratio.toFixed(1)}× the naive object-per-journey baseline (${naive.medianMs.toFixed(1)} ms); ` +
      `P90 ${p90.toFixed(1)} h vs baseline ${naiveP90.toFixed(1)} h (same model, other random streams)`,
  );
  return writeResults('reliability', {
    samples: SAMPLES,
    steps: steps.length,
    goalMs: 500,
    caravan,
    baseline: { name: 'naive object-per-journey simulation, same process and run', ...naive },
    speedupVsBaseline: ratio,
    meetsGoal: caravan.medianMs < 500,
    includes: 'sampling, sorting, quantiles and the P90 contribution analysis',
  });
}
