import type { Network } from '../model/types.js';
import type { RankedRoute } from '../routing/router.js';
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
  private readonly entries = new Map<string, ReliabilitySummary>();
  private hits = 0;
  private misses = 0;

  constructor(private readonly network: Network) {}

  summaryOf(route: RankedRoute, settings: ReliabilitySettings): ReliabilitySummary {
    const key = memoKey(route, settings);
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Re-inserting keeps the Map in least-recently-used order, so the oldest entry is the first key.
      this.entries.delete(key);
      this.entries.set(key, known);
      this.hits++;
      return known;
    }
    this.misses++;
    const summary = routeReliability(this.network, route, settings);
    this.entries.set(key, summary);
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
    return summary;
  }

  /** Lookups answered from memory and simulated, since the start: how much the memo saves on a workload. */
  stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size };
  }
}

function memoKey(route: RankedRoute, settings: ReliabilitySettings): string {
  const steps = route.steps.map((step) => (step.kind === 'leg' ? step.link : `${step.kind}@${step.node}`));
  const { samples, seed, borderCorrelation, deadlineH } = settings;
  return `${route.unit}|${samples}|${seed}|${borderCorrelation}|${deadlineH ?? ''}|${steps.join('>')}`;
}
