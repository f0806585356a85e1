import type { Network } from '../model/types.js';
import type { RankedRoute } from '../routing/router.js';
import { SmallCache, type CacheStats } from '../routing/small-cache.js';
import {
  routeReliability,
  type ReliabilitySettings,
  type ReliabilitySummary,
} from '../reliability/route-reliability.js';

/** Routes remembered: the popular corridors of a session and then some, a few hundred kB at most. */
const CAPACITY = 500;

/**
 * Simulated transit times of routes already seen. A seeded simulation of the same steps gives the same numbers, and
 * it costs ~10 ms per route against well under 1 ms for the route search, so the route endpoint would otherwise spend
 * almost all its time re-simulating the same few corridors.
 */
export class ReliabilityMemo {
  private readonly entries = new SmallCache<ReliabilitySummary>(CAPACITY);

  constructor(private readonly network: Network) {}

  summaryOf(route: RankedRoute, settings: ReliabilitySettings): ReliabilitySummary {
    return this.entries.get(memoKey(route, settings), () => routeReliability(this.network, route, settings));
  }

  /** Lookups answered from memory and simulated: how much the memo saves on a workload. */
  stats(): CacheStats {
    return this.entries.stats();
  }
}

function memoKey(route: RankedRoute, settings: ReliabilitySettings): string {
  const steps = route.steps.map((step) => (step.kind === 'leg' ? step.link : `${step.kind}@${step.node}`));
  const { samples, seed, borderCorrelation, deadlineH } = settings;
  return `${route.unit}|${samples}|${seed}|${borderCorrelation}|${deadlineH ?? ''}|${steps.join('>')}`;
}
