import type { Network } from '../model/types.js';
import { onTimeProbability, simulateTransitTime, type TransitTimeDistribution } from './monte-carlo.js';
import { routeStepDistributions, spreadParameters } from './route-steps.js';
import type { RankedRoute } from '../routing/router.js';

export interface ReliabilitySettings {
  samples: number;
  seed: number;
  borderCorrelation: number;
  deadlineH?: number;
}

/** What `route` shows when not asked otherwise: enough samples for stable P50/P90 in a few milliseconds. */
export const ROUTE_RELIABILITY_DEFAULTS: ReliabilitySettings = { samples: 10_000, seed: 1, borderCorrelation: 0 };

export type ReliabilitySummary = Omit<TransitTimeDistribution, 'sortedTotalsH'> & {
  onTimeProbability?: number;
  deadlineH?: number;
};

export function routeReliability(
  network: Network,
  route: RankedRoute,
  settings: ReliabilitySettings,
  /** Monitored dwell hours by border node, resampled instead of the fitted lognormal where present. */
  observedDwellH?: ReadonlyMap<string, Float64Array>,
): ReliabilitySummary {
  const steps = routeStepDistributions(network, route, {
    spread: spreadParameters(network),
    ...(observedDwellH === undefined ? {} : { observedDwellH }),
  });
  const { sortedTotalsH: _sorted, ...summary } = simulateTransitTime(steps, {
    samples: settings.samples,
    seed: settings.seed,
    correlation: settings.borderCorrelation,
  });
  if (settings.deadlineH === undefined) return summary;
  const distribution = { ...summary, sortedTotalsH: _sorted };
  return {
    ...summary,
    deadlineH: settings.deadlineH,
    onTimeProbability: onTimeProbability(distribution, settings.deadlineH),
  };
}
