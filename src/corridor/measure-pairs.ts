import { measureLinks } from '../model/measure.js';
import { CE_LINK } from './graph.js';
import type { LogitResult } from './logit.js';
import type { CorridorProblem } from './problem.js';
import type { RegionFacts } from '../model/region.js';

/**
 * Tonnes of each pair on each gateway measure of the region (counted as the measure counts them: every counted
 * crossing of a route), from a run's route flows. A busiest-section measure has no pair split (NaN). What the
 * diff splits a measure's change with: tonnes a pair gained or lost (induced) against tonnes that changed route
 * (diverted).
 */
export function pairMeasureTonnes(
  problem: CorridorProblem,
  result: LogitResult,
  region: RegionFacts | undefined,
): Float64Array[] {
  const { graph } = problem;
  const measures = region?.measures ?? [];
  const weights = measures.map((measure) => {
    if (measure.kind !== 'gateway') return undefined;
    const counted = new Map<number, { forward: boolean; backward: boolean }>();
    for (const link of measureLinks(graph.network, measure)) counted.set(link.index, link);
    const w = new Uint8Array(problem.edgeCount);
    for (let e = 0; e < graph.edgeCount; e++) {
      if (graph.kind[e] !== CE_LINK) continue;
      const link = counted.get(graph.ref[e]!);
      if (link !== undefined && (graph.forward[e] === 1 ? link.forward : link.backward)) w[e] = 1;
    }
    return w;
  });
  const { sets, routeFlow } = result;
  return problem.pairs.map((_, p) =>
    Float64Array.from(weights, (w) => {
      if (w === undefined) return Number.NaN;
      let mt = 0;
      for (let r = sets.pairStart[p]!; r < sets.pairStart[p + 1]!; r++) {
        let hits = 0;
        for (let k = sets.edgeStart[r]!; k < sets.edgeStart[r + 1]!; k++) hits += w[sets.edges[k]!]!;
        mt += routeFlow[r]! * hits;
      }
      return mt;
    }),
  );
}
