import type { DemandResponse } from './demand-response.js';
import type { EquilibriumOptions } from './equilibrium.js';
import {
  logitAssignment,
  pairTradeCosts,
  type ChoiceParameters,
  type LogitResult,
  type TradeCostWeights,
  type WarmStart,
} from './logit.js';
import type { CorridorProblem, OdPair } from './problem.js';
import type { RouteSets } from './route-sets.js';
import type { Commodity } from './types.js';

/**
 * A pair's level of service in the reference run, what its demand response is measured from: its composite trade
 * cost σ · USD/value + η · days over its routes (logit.ts, `compositeTradeCost`), in log points of trade.
 */
export interface ReferenceService {
  tradeCost: number;
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
  warmStart?: WarmStart;
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
 * Logit assignment with elastic demand: each pair's tonnes are its grown demand × exp(−Δ trade cost), the trade cost
 * of a route σ · USD/value + η · days (see demand-response.ts) and the pair's the logsum of its routes' (logit.ts,
 * `compositeTradeCost`), Δ against the reference run; with one route that is exp(−σ ΔUSD/value − η Δdays). The route flows are logit shares at the costs those
 * tonnes produce. Demand and route flows move together in one method of successive averages (a combined
 * distribution–assignment model), so the run costs about what a fixed-demand logit run costs. The problem's pair
 * tonnes are left at the final demand, so the report reads them as the scenario's demand.
 */
export function elasticLogit(problem: CorridorProblem, options: ElasticOptions): ElasticResult {
  const pairs = problem.pairs;
  const grownMt = Float64Array.from(pairs, (pair) => pair.mt);
  const values = pairValues(problem, options.valueUsdPerT);
  const reference = options.reference;
  const responsive =
    reference !== undefined && (options.response.costElasticity > 0 || options.response.timeSemiElasticityPerDay > 0);
  const refCost = new Float64Array(pairs.length);
  const hasReference = new Uint8Array(pairs.length);
  if (responsive)
    pairs.forEach((pair, p) => {
      const ref = reference.get(pairKey(pair));
      if (ref === undefined || !Number.isFinite(ref.tradeCost)) return;
      refCost[p] = ref.tradeCost;
      hasReference[p] = 1;
    });
  const result = logitAssignment(problem, {
    ...options.choice,
    routes: options.routes,
    gap: options.gap,
    maxIterations: options.maxIterations,
    ...(options.sets === undefined ? {} : { sets: options.sets }),
    ...(options.warmStart === undefined ? {} : { warmStart: options.warmStart }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(responsive
      ? {
          demand: {
            grownMt,
            ...tradeCostWeights(options.response, values),
            factor: (p: number, cost: number) => (hasReference[p] === 1 ? Math.exp(refCost[p]! - cost) : 1),
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

/** Each pair's cargo value (USD/t). */
function pairValues(problem: CorridorProblem, valueUsdPerT: ReadonlyMap<Commodity, number>): Float64Array {
  return Float64Array.from(problem.pairs, (pair) => pairValue(pair, valueUsdPerT));
}

/** The demand response's weights of a route's USD and hours: σ / cargo value and η / 24 (see demand-response.ts). */
function tradeCostWeights(response: DemandResponse, values: Float64Array): TradeCostWeights {
  return {
    usdWeight: values.map((value) => response.costElasticity / value),
    hourWeight: response.timeSemiElasticityPerDay / 24,
  };
}

/** The reference level of service of every pair of a logit run (the base year's, for the demand response). */
export function referenceService(
  problem: CorridorProblem,
  result: LogitResult,
  options: Pick<ElasticOptions, 'choice' | 'response' | 'valueUsdPerT'>,
): Map<string, ReferenceService> {
  const weights = tradeCostWeights(options.response, pairValues(problem, options.valueUsdPerT));
  const costs = pairTradeCosts(problem, result, options.choice, weights);
  const map = new Map<string, ReferenceService>();
  problem.pairs.forEach((pair, p) => map.set(pairKey(pair), { tradeCost: costs[p]! }));
  return map;
}
