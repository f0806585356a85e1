import type { Lognormal } from './lognormal.js';
import { quantileOfSorted } from '../numeric/quantile.js';
import { SeededRandom } from '../numeric/random.js';

/** How long one step of a route may take. `deterministicH` is the figure the route planner used. */
export type StepDistribution = { label: string; deterministicH: number } & (
  | { kind: 'fixed' }
  | {
      kind: 'lognormal';
      lognormal: Lognormal;
      /** Joins the chain of correlated steps (border crossings). */ correlated: boolean;
    }
  | { kind: 'uniform'; minH: number; maxH: number }
  | { kind: 'empirical'; /** Observed hours, e.g. monitored dwell times at a border. */ observationsH: Float64Array }
);

export interface SimulationOptions {
  samples: number;
  seed: number;
  /** Correlation of the normal draws of consecutive correlated steps (a bad week at one border, bad at the next). */
  correlation?: number;
  /** Multiplies every spread: 1 as fitted, 0 collapses each step to its deterministic time. */
  varianceScale?: number;
}

export interface StepContribution {
  label: string;
  deterministicH: number;
  meanH: number;
  /** Mean time of this step over the simulated journeys whose total is near the P90; these add up to the P90. */
  atP90H: number;
}

export interface TransitTimeDistribution {
  samples: number;
  deterministicH: number;
  meanH: number;
  stdevH: number;
  p50H: number;
  p90H: number;
  p95H: number;
  minH: number;
  maxH: number;
  /** Steps by how much they push the P90 above their deterministic time, largest first. */
  contributions: StepContribution[];
  /** Every simulated total, ascending: for on-time probabilities and charts. */
  sortedTotalsH: Float64Array;
}

const FIXED = 0;
const LOGNORMAL = 1;
const UNIFORM = 2;
const EMPIRICAL = 3;

/** The share of simulated journeys around the P90 whose steps are averaged for the P90 contributions. */
const P90_WINDOW = 0.02;

/**
 * Monte Carlo distribution of a route's total transit time. The steps are laid out as struct-of-arrays and every
 * draw is written into one preallocated array (steps × samples), which also serves the sensitivity analysis.
 */
export function simulateTransitTime(
  steps: readonly StepDistribution[],
  options: SimulationOptions,
): TransitTimeDistribution {
  const sampleCount = Math.floor(options.samples);
  if (!(sampleCount >= 1)) throw new RangeError(`samples must be ≥ 1, got ${options.samples}`);
  const correlation = options.correlation ?? 0;
  if (!(correlation >= 0 && correlation < 1)) throw new RangeError(`correlation must be in [0, 1), got ${correlation}`);
  const scale = options.varianceScale ?? 1;
  if (!(scale >= 0)) throw new RangeError(`varianceScale must be ≥ 0, got ${scale}`);

  const stepCount = steps.length;
  const kind = new Uint8Array(stepCount);
  const first = new Float64Array(stepCount);
  const second = new Float64Array(stepCount);
  const correlated = new Uint8Array(stepCount);
  const observations: (Float64Array | undefined)[] = new Array(stepCount);
  steps.forEach((step, i) => {
    switch (step.kind) {
      case 'fixed':
        kind[i] = FIXED;
        first[i] = step.deterministicH;
        break;
      case 'lognormal':
        kind[i] = LOGNORMAL;
        first[i] = step.lognormal.mu;
        second[i] = step.lognormal.sigma * scale;
        correlated[i] = step.correlated ? 1 : 0;
        break;
      case 'uniform': {
        kind[i] = UNIFORM;
        const middle = (step.minH + step.maxH) / 2;
        const halfWidth = ((step.maxH - step.minH) / 2) * scale;
        first[i] = middle - halfWidth;
        second[i] = 2 * halfWidth;
        break;
      }
      case 'empirical':
        if (step.observationsH.length === 0) throw new RangeError(`step "${step.label}" has no observations`);
        kind[i] = scale === 0 ? FIXED : EMPIRICAL;
        first[i] = step.deterministicH;
        observations[i] = step.observationsH;
        break;
    }
  });

  const random = new SeededRandom(options.seed);
  const draws = new Float64Array(stepCount * sampleCount);
  const totals = new Float64Array(sampleCount);
  const innovation = Math.sqrt(1 - correlation * correlation);
  for (let s = 0; s < sampleCount; s++) {
    let total = 0;
    let chained = false;
    let previousZ = 0;
    for (let i = 0; i < stepCount; i++) {
      let value: number;
      switch (kind[i]) {
        case LOGNORMAL: {
          let z = random.normal();
          if (correlated[i] === 1) {
            if (chained) z = correlation * previousZ + innovation * z;
            previousZ = z;
            chained = true;
          }
          value = Math.exp(first[i]! + second[i]! * z);
          break;
        }
        case UNIFORM:
          value = first[i]! + second[i]! * random.next();
          break;
        case EMPIRICAL: {
          const observed = observations[i]!;
          value = observed[Math.floor(random.next() * observed.length)]!;
          break;
        }
        default:
          value = first[i]!;
      }
      draws[i * sampleCount + s] = value;
      total += value;
    }
    totals[s] = total;
  }

  const sorted = totals.slice().sort();
  const quantile = (q: number): number => quantileOfSorted(sorted, q);
  let sum = 0;
  for (let s = 0; s < sampleCount; s++) sum += totals[s]!;
  const meanH = sum / sampleCount;
  let squares = 0;
  for (let s = 0; s < sampleCount; s++) squares += (totals[s]! - meanH) ** 2;
  const p90H = quantile(0.9);
  return {
    samples: sampleCount,
    deterministicH: steps.reduce((total, step) => total + step.deterministicH, 0),
    meanH,
    stdevH: Math.sqrt(squares / Math.max(1, sampleCount - 1)),
    p50H: quantile(0.5),
    p90H,
    p95H: quantile(0.95),
    minH: sorted[0]!,
    maxH: sorted[sampleCount - 1]!,
    contributions: p90Contributions(steps, draws, totals, quantile(0.9 - P90_WINDOW), quantile(0.9 + P90_WINDOW), p90H),
    sortedTotalsH: sorted,
  };
}

/**
 * Euler allocation of the P90: each step's mean over the journeys whose total lies near the P90, rescaled so
 * the contributions add up to the P90 exactly. A step whose contribution exceeds its deterministic time is one
 * that makes bad journeys bad.
 */
function p90Contributions(
  steps: readonly StepDistribution[],
  draws: Float64Array,
  totals: Float64Array,
  low: number,
  high: number,
  p90H: number,
): StepContribution[] {
  const sampleCount = totals.length;
  const inWindow = new Uint8Array(sampleCount);
  let windowCount = 0;
  for (let s = 0; s < sampleCount; s++) {
    if (totals[s]! >= low && totals[s]! <= high) {
      inWindow[s] = 1;
      windowCount++;
    }
  }
  const raw = steps.map((_, i) => {
    let all = 0;
    let near = 0;
    const base = i * sampleCount;
    for (let s = 0; s < sampleCount; s++) {
      const value = draws[base + s]!;
      all += value;
      if (inWindow[s] === 1) near += value;
    }
    return { mean: all / sampleCount, near: windowCount > 0 ? near / windowCount : all / sampleCount };
  });
  const nearSum = raw.reduce((total, entry) => total + entry.near, 0);
  const rescale = nearSum > 0 ? p90H / nearSum : 0;
  return steps
    .map((step, i) => ({
      label: step.label,
      deterministicH: step.deterministicH,
      meanH: raw[i]!.mean,
      atP90H: raw[i]!.near * rescale,
    }))
    .sort((a, b) => b.atP90H - b.deterministicH - (a.atP90H - a.deterministicH));
}

/** Share of simulated journeys that arrive within the deadline. */
export function onTimeProbability(distribution: TransitTimeDistribution, deadlineH: number): number {
  const sorted = distribution.sortedTotalsH;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= deadlineH) low = mid + 1;
    else high = mid;
  }
  return low / sorted.length;
}
