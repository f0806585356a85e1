import { costResponseFactor, type DemandResponse } from './demand-response.js';
import type { EquilibriumOptions } from './equilibrium.js';
import { logitAssignment, pairLevelOfService, type ChoiceParameters, type LogitResult } from './logit.js';
import type { CorridorProblem, OdPair } from './problem.js';
import type { RouteSets } from './route-sets.js';
import type { Commodity } from './types.js';

/** A pair's level of service in the reference run: what its demand response is measured from. */
export interface ReferenceService {
  usdPerT: number;
  hoursPerT: number;
}

export const pairKey = (pair: Pick<OdPair, 'fromId' | 'toId' | 'cls'>) => `${pair.fromId}|${pair.toId}|${pair.cls}`;

export interface ElasticOptions {
  choice: ChoiceParameters;
  routes: number;
  gap: number;
  maxIterations: number;
  response: DemandResponse;
  valueUsdPerT: ReadonlyMap<Commodity, number>;
  sets?: RouteSets;
  /** Per pair key; pairs without a reference (or no reference at all) keep their grown demand. */
  reference: ReadonlyMap<string, ReferenceService> | undefined;
  onProgress?: EquilibriumOptions['onProgress'];
}

/** What the demand response did: tonnes before it (base year × growth) and after, per pair and in total. */
export interface DemandResponseResult {
  grownMt: Float64Array;
  finalMt: Float64Array;
  /** Σ (final − grown): tonnes the corridor's costs created (+) or suppressed (−) against the base year. */
  inducedMt: number;
}

export interface ElasticResult extends LogitResult {
  demandResponse: DemandResponseResult;
}

/** Mean cargo value of a pair's commodities, weighted by tonnes. */
function pairValue(pair: OdPair, values: ReadonlyMap<Commodity, number>): number {
  let mt = 0;
  let value = 0;
  for (const [commodity, t] of Object.entries(pair.byCommodity) as [Commodity, number][]) {
    mt += t;
    value += t * (values.get(commodity) ?? 0);
  }
  return mt > 0 ? value / mt : 1;
}

/**
 * Logit assignment with elastic demand: each pair's tonnes are its grown demand × exp(−σ ΔUSD/value − η Δdays)
 * (see demand-response.ts), Δ against the reference run, and the route flows are logit shares at the costs those
 * tonnes produce. Demand and route flows move together in one method of successive averages (a combined
 * distribution–assignment model), so the run costs about what a fixed-demand logit run costs. The problem's pair
 * tonnes are left at the final demand, so the report reads them as the scenario's demand.
 */
export function elasticLogit(problem: CorridorProblem, options: ElasticOptions): ElasticResult {
  const pairs = problem.pairs;
  const grownMt = Float64Array.from(pairs, (pair) => pair.mt);
  const values = Float64Array.from(pairs, (pair) => pairValue(pair, options.valueUsdPerT));
  const reference = options.reference;
  const responsive =
    reference !== undefined && (options.response.costElasticity > 0 || options.response.timeSemiElasticityPerDay > 0);
  const refUsd = new Float64Array(pairs.length);
  const refHours = new Float64Array(pairs.length);
  const hasReference = new Uint8Array(pairs.length);
  if (responsive)
    pairs.forEach((pair, p) => {
      const ref = reference.get(pairKey(pair));
      if (ref === undefined) return;
      refUsd[p] = ref.usdPerT;
      refHours[p] = ref.hoursPerT;
      hasReference[p] = 1;
    });
  const result = logitAssignment(problem, {
    ...options.choice,
    routes: options.routes,
    gap: options.gap,
    maxIterations: options.maxIterations,
    ...(options.sets === undefined ? {} : { sets: options.sets }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(responsive
      ? {
          demand: {
            grownMt,
            factor: (p: number, usd: number, hours: number) =>
              hasReference[p] === 1
                ? costResponseFactor(options.response, values[p]!, usd - refUsd[p]!, hours - refHours[p]!)
                : 1,
          },
        }
      : {}),
  });
  const { pairStart } = result.sets;
  const finalMt = new Float64Array(pairs.length);
  for (let p = 0; p < pairs.length; p++) {
    for (let r = pairStart[p]!; r < pairStart[p + 1]!; r++) finalMt[p] = finalMt[p]! + result.routeFlow[r]!;
    scalePair(pairs[p]!, finalMt[p]!);
  }
  let inducedMt = 0;
  for (let p = 0; p < pairs.length; p++) inducedMt += finalMt[p]! - grownMt[p]!;
  return { ...result, demandResponse: { grownMt, finalMt, inducedMt } };
}

/** Sets a pair's tonnes, keeping its commodity mix. */
export function scalePair(pair: OdPair, mt: number): void {
  const ratio = pair.mt > 0 ? mt / pair.mt : 0;
  for (const commodity of Object.keys(pair.byCommodity) as Commodity[])
    pair.byCommodity[commodity] = pair.byCommodity[commodity]! * ratio;
  pair.mt = mt;
}

/** The reference level of service of every pair of a logit run (the base year's, for the demand response). */
export function referenceService(problem: CorridorProblem, result: LogitResult): Map<string, ReferenceService> {
  const service = pairLevelOfService(problem, result);
  const map = new Map<string, ReferenceService>();
  problem.pairs.forEach((pair, p) =>
    map.set(pairKey(pair), { usdPerT: service.usdPerT[p]!, hoursPerT: service.hoursPerT[p]! }),
  );
  return map;
}
