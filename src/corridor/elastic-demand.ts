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
  outerIterations: number;
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

const MAX_OUTER = 30;
const OUTER_TOLERANCE = 1e-4;

/**
 * Logit assignment with elastic demand: each pair's tonnes are its grown demand × exp(−σ ΔUSD/value − η Δdays)
 * (see demand-response.ts), Δ against the reference run, and the route flows are logit shares at the costs those
 * tonnes produce. Solved by successive averages on the demand between full logit runs on fixed route sets, until
 * no pair's demand moves by more than 1e-4 of its grown level. The problem's pair tonnes are left at the final
 * demand, so the report reads them as the scenario's demand.
 */
export function elasticLogit(problem: CorridorProblem, options: ElasticOptions): ElasticResult {
  const pairs = problem.pairs;
  const grownMt = Float64Array.from(pairs, (pair) => pair.mt);
  const values = Float64Array.from(pairs, (pair) => pairValue(pair, options.valueUsdPerT));
  const reference = options.reference;
  const logit = (sets: RouteSets | undefined) =>
    logitAssignment(problem, {
      ...options.choice,
      routes: options.routes,
      gap: options.gap,
      maxIterations: options.maxIterations,
      ...(sets === undefined ? {} : { sets }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
  let result = logit(undefined);
  let outer = 0;
  const responsive =
    reference !== undefined && (options.response.costElasticity > 0 || options.response.timeSemiElasticityPerDay > 0);
  while (responsive && outer < MAX_OUTER) {
    const service = pairLevelOfService(problem, result);
    let moved = 0;
    const step = 1 / (outer + 2);
    for (let p = 0; p < pairs.length; p++) {
      const ref = reference.get(pairKey(pairs[p]!));
      if (ref === undefined || grownMt[p] === 0) continue;
      const factor = costResponseFactor(
        options.response,
        values[p]!,
        service.usdPerT[p]! - ref.usdPerT,
        service.hoursPerT[p]! - ref.hoursPerT,
      );
      const target = grownMt[p]! * factor;
      const pair = pairs[p]!;
      const next = pair.mt + step * (target - pair.mt);
      moved = Math.max(moved, Math.abs(target - pair.mt) / grownMt[p]!);
      scalePair(pair, next);
    }
    outer++;
    if (moved <= OUTER_TOLERANCE) break;
    result = logit(result.sets);
  }
  const finalMt = Float64Array.from(pairs, (pair) => pair.mt);
  let inducedMt = 0;
  for (let p = 0; p < pairs.length; p++) inducedMt += finalMt[p]! - grownMt[p]!;
  return { ...result, demandResponse: { grownMt, finalMt, inducedMt, outerIterations: outer } };
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
