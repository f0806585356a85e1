import type { CheckpointVisit } from './types.js';

/** Fewer observations than this say more about the sample than about the border. */
export const MIN_DWELL_OBSERVATIONS = 30;

export interface ObservedDwell {
  /** Dwell hours (departure − arrival) at each node with enough observations, ascending. */
  hoursByNode: Map<string, Float64Array>;
  /** Observation counts of every node seen, including those below the minimum. */
  countsByNode: Map<string, number>;
  /** How many of the visits used came from synthetic shipments. */
  syntheticVisits: number;
}

/**
 * Monitored dwell times per checkpoint node, for the reliability simulation to resample instead of the fitted
 * lognormal. Nodes with fewer than `minObservations` visits are left to the fitted distribution.
 */
export function observedDwell(
  visits: readonly CheckpointVisit[],
  minObservations = MIN_DWELL_OBSERVATIONS,
): ObservedDwell {
  const byNode = new Map<string, number[]>();
  let syntheticVisits = 0;
  for (const visit of visits) {
    const hours = (visit.departure.ms - visit.arrival.ms) / 3_600_000;
    if (!(hours >= 0)) continue;
    const list = byNode.get(visit.node);
    if (list) list.push(hours);
    else byNode.set(visit.node, [hours]);
    if (visit.synthetic) syntheticVisits++;
  }
  const hoursByNode = new Map<string, Float64Array>();
  const countsByNode = new Map<string, number>();
  for (const [node, hours] of byNode) {
    countsByNode.set(node, hours.length);
    if (hours.length >= minObservations) hoursByNode.set(node, Float64Array.from(hours).sort());
  }
  return { hoursByNode, countsByNode, syntheticVisits };
}
