import { AndersonMixer } from '../numeric/anderson.js';
import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import type { EquilibriumOptions, EquilibriumResult } from './equilibrium.js';
import { classCosts, delayHours, type CorridorProblem } from './problem.js';
import {
  buildRouteSets,
  lnPathSizes,
  loadCrossings,
  loadRoutes,
  routeCrossings,
  routeSums,
  sameRoute,
  type RouteSets,
} from './route-sets.js';

/** The choice model's parameters: utility of a route = −θ · generalized USD/t + β_PS · ln(path size). */
export interface ChoiceParameters {
  /** Dispersion per USD/t: a route dearer by Δ gets e^(−θΔ) times the share of the other. */
  theta: number;
  /** Weight of ln(path size); 1 is the textbook path-size logit, 0 the plain logit. */
  pathSize: number;
}

/**
 * Elastic demand inside the assignment: a pair's tonnes are `grownMt[p]` × `factor(p, tradeCost)`, tradeCost the
 * pair's composite trade cost over its network routes (see `compositeTradeCost` and elastic-demand.ts).
 */
export interface DemandModel extends TradeCostWeights {
  grownMt: Float64Array;
  factor(pair: number, tradeCost: number): number;
}

/**
 * How the demand response weighs a route: trade cost = usdWeight[p] · USD/t + hourWeight · hours/t (log points of
 * trade, e.g. σ / cargo value and η / 24).
 */
export interface TradeCostWeights {
  usdWeight: Float64Array;
  hourWeight: number;
}

/**
 * A pair's composite trade cost over its network routes `first … end−1`: the logsum of the route choice,
 * −(1/λ) ln Σ exp(−λ t_r + β ln PS_r), t_r the route's trade cost and λ = θ / usdWeight the choice's dispersion
 * on that scale (the minimum when usdWeight is 0). Unlike the share-weighted mean it never falls when a route gets
 * dearer or slower (a dear route losing its share lowered the mean, so a sanctions premium could induce trade),
 * and with one route it is that route's trade cost.
 */
export function compositeTradeCost(
  first: number,
  end: number,
  routeUsd: Float64Array,
  routeHours: Float64Array,
  lnPs: Float64Array,
  choice: ChoiceParameters,
  usdWeight: number,
  hourWeight: number,
): number {
  let best = Infinity;
  for (let r = first; r < end; r++) best = Math.min(best, usdWeight * routeUsd[r]! + hourWeight * routeHours[r]!);
  if (!(usdWeight > 0) || !(choice.theta > 0) || !Number.isFinite(best)) return best;
  const lambda = choice.theta / usdWeight;
  let sum = 0;
  for (let r = first; r < end; r++) {
    const t = usdWeight * routeUsd[r]! + hourWeight * routeHours[r]!;
    sum += Math.exp(-lambda * (t - best) + choice.pathSize * lnPs[r]!);
  }
  return best - Math.log(sum) / lambda;
}

export interface LogitOptions extends ChoiceParameters {
  demand?: DemandModel;
  /** Distinct network routes per pair (the outside option comes on top). */
  routes: number;
  /** Route sets to reuse (e.g. the calibration's); built from the problem when absent. */
  sets?: RouteSets;
  /** A solved run over the same sets to start from instead of the free-flow shares (fewer iterations). */
  warmStart?: WarmStart;
  gap?: number;
  maxIterations?: number;
  onProgress?: EquilibriumOptions['onProgress'];
}

/**
 * Where an earlier run on the same network and pairs ended: its route sets, route flows and each pair's tonnes
 * before the demand response (grown). A run started from it gives each of its routes that run's flow on the same
 * route (none for a route that run did not have), scaled by the pair's own grown tonnes over that run's; a run with
 * the same inputs so starts at the fixed point it would have reached and stops at the first check.
 */
export interface WarmStart {
  sets: RouteSets;
  routeFlow: Float64Array;
  pairMt: Float64Array;
}

export interface LogitResult extends EquilibriumResult {
  method: 'logit';
  sets: RouteSets;
  /** Tonnes per route (Mt/yr), indexed like the sets. */
  routeFlow: Float64Array;
}

/**
 * Logit shares of one pair's routes from their costs: e^(V_r − V_max) normalized, V_r = −θ c_r + β ln PS_r.
 * Writes shares × tonnes into `out`.
 */
function pairShares(
  first: number,
  end: number,
  cost: Float64Array,
  lnPs: Float64Array,
  choice: ChoiceParameters,
  tonnes: number,
  out: Float64Array,
): void {
  let best = -Infinity;
  for (let r = first; r < end; r++) {
    const v = -choice.theta * cost[r]! + choice.pathSize * lnPs[r]!;
    out[r] = v;
    if (v > best) best = v;
  }
  let sum = 0;
  for (let r = first; r < end; r++) {
    const w = Number.isFinite(out[r]!) ? Math.exp(out[r]! - best) : 0;
    out[r] = w;
    sum += w;
  }
  for (let r = first; r < end; r++) out[r] = (out[r]! / sum) * tonnes;
}

/** Self-regulated averaging's increments of the step denominator (the values Liu et al. 2009 recommend). */
const SRA_GROWTH = 1.5;
const SRA_CREEP = 0.3;
/** Steps the Anderson mixing remembers: 3 took the fewest iterations on sweep samples (5 and 8 more). */
const ANDERSON_DEPTH = 3;

/**
 * Stochastic user equilibrium with path-size logit route choice over fixed route sets, by successive averages on
 * route flows (self-regulated steps): route costs at the current volumes, logit shares, and a step towards them.
 * Stops when the relative change of route flows is at or below `gap`. Flows change smoothly with costs (no
 * all-or-nothing flips), which is why it is the forecasting default; UE stays the capacity stress test.
 */
export function logitAssignment(problem: CorridorProblem, options: LogitOptions): LogitResult {
  const gapTarget = options.gap ?? DEFAULT_GAP;
  const maxIterations = options.maxIterations ?? DEFAULT_SCENARIO_ITERATIONS;
  const sets = options.sets ?? buildRouteSets(problem, options.routes);
  const { pairStart, routeCount } = sets;
  const classCount = problem.classes.length;
  const freeFlow = problem.classes.map((_, c) =>
    classCosts(problem, c, undefined, new Float64Array(problem.edgeCount)),
  );
  const routeClass = new Uint16Array(routeCount);
  for (let p = 0; p < problem.pairs.length; p++)
    routeClass.fill(problem.pairs[p]!.cls, pairStart[p]!, pairStart[p + 1]!);
  const lnPs = lnPathSizes(sets, (r) => freeFlow[routeClass[r]!]!, new Float64Array(routeCount));
  const routeCost = new Float64Array(routeCount);
  const flows = new Float64Array(routeCount);
  const target = new Float64Array(routeCount);

  // Only the edges with a capacity have costs that change with volume (66 of 2,607 on the bundled network): an
  // iteration loads and prices those and adds their delay to each route's free-flow cost and hours.
  const { edgeStart, edges } = sets;
  const freeCost = new Float64Array(routeCount);
  for (let r = 0; r < routeCount; r++) {
    const cost = freeFlow[routeClass[r]!]!;
    let sum = 0;
    for (let k = edgeStart[r]!; k < edgeStart[r + 1]!; k++) sum += cost[edges[k]!]!;
    freeCost[r] = sum;
  }
  const crossings = routeCrossings(sets, problem.edgeCount, (e) => problem.capacity[e]! < Infinity);
  const crossed = crossings.edges;
  const crossedVolume = new Float64Array(crossed.length);
  const crossedDelay = new Float64Array(crossed.length);
  const valueOfTime = Float64Array.from(problem.classes, (c) => c.valueOfTime);

  const demand = options.demand;
  const routeUsd = demand === undefined ? undefined : routeSums(sets, problem.usd, new Float64Array(routeCount));
  const freeHours = demand === undefined ? undefined : routeSums(sets, problem.hours, new Float64Array(routeCount));
  const routeHours = demand === undefined ? undefined : new Float64Array(routeCount);
  /** Shares and tonnes at free flow, or at the volumes in `crossedVolume`. */
  const evaluate = (loaded: boolean) => {
    if (loaded)
      for (let j = 0; j < crossed.length; j++) crossedDelay[j] = delayHours(problem, crossed[j]!, crossedVolume[j]!);
    else crossedDelay.fill(0);
    const { start, slot } = crossings;
    for (let r = 0; r < routeCount; r++) {
      let delay = 0;
      for (let k = start[r]!; k < start[r + 1]!; k++) delay += crossedDelay[slot[k]!]!;
      routeCost[r] = delay === 0 ? freeCost[r]! : freeCost[r]! + valueOfTime[routeClass[r]!]! * delay;
      if (routeHours !== undefined) routeHours[r] = delay === 0 ? freeHours![r]! : freeHours![r]! + delay;
    }
    for (let p = 0; p < problem.pairs.length; p++) {
      const first = pairStart[p]!;
      const end = pairStart[p + 1]!;
      pairShares(first, end, routeCost, lnPs, options, 1, target);
      let mt = problem.pairs[p]!.mt;
      if (demand !== undefined) {
        // The outside option (the pair's last route) is not the corridor's level of service.
        const cost = compositeTradeCost(
          first,
          end - 1,
          routeUsd!,
          routeHours!,
          lnPs,
          options,
          demand.usdWeight[p]!,
          demand.hourWeight,
        );
        mt = Number.isFinite(cost) ? demand.grownMt[p]! * demand.factor(p, cost) : demand.grownMt[p]!;
      }
      for (let r = first; r < end; r++) target[r] = target[r]! * mt;
    }
  };
  const warm = fitsWarmStart(options.warmStart, problem, demand);
  if (warm === undefined) {
    evaluate(false);
    flows.set(target);
  } else startFrom(warm, sets, problem, demand, flows);
  let iteration = 0;
  let gap = Infinity;
  let previousGap = Infinity;
  let stepDenominator = 1;
  const classGaps = new Array<number>(classCount).fill(0);
  const change = new Float64Array(classCount);
  const residual = new Float64Array(routeCount);
  const mixer = new AndersonMixer(routeCount, ANDERSON_DEPTH);
  let mixed = false;
  const mass = new Float64Array(classCount);
  for (;;) {
    crossedVolume.fill(0);
    loadCrossings(crossings, flows, crossedVolume);
    evaluate(true);
    change.fill(0);
    mass.fill(0);
    for (let r = 0; r < routeCount; r++) {
      const c = routeClass[r]!;
      change[c] = change[c]! + Math.abs(target[r]! - flows[r]!);
      mass[c] = mass[c]! + flows[r]!;
    }
    let totalChange = 0;
    let totalMass = 0;
    for (let c = 0; c < classCount; c++) {
      classGaps[c] = mass[c]! > 0 ? change[c]! / mass[c]! : 0;
      totalChange += change[c]!;
      totalMass += mass[c]!;
    }
    gap = totalMass > 0 ? totalChange / totalMass : 0;
    options.onProgress?.({ iteration, gap });
    if (gap <= gapTarget || iteration >= maxIterations) break;
    if (mixed && gap > previousGap) {
      // The mixed step made the change worse: back to the point before it, and a plain shorter step from there.
      stepDenominator += SRA_GROWTH;
      mixer.retreat(flows, 1 / stepDenominator);
      mixed = false;
      iteration++;
      continue;
    }
    // Self-regulated averaging (Liu, Ban, Ran and Mirchandani 2009): the step shrinks fast while the route-flow
    // change grows and slowly while it falls, which converges like MSA near the fixed point but needs far fewer
    // iterations when congestion makes plain 1/(k+1) steps overshoot and crawl.
    stepDenominator += gap > previousGap ? SRA_GROWTH : SRA_CREEP;
    previousGap = gap;
    for (let r = 0; r < routeCount; r++) residual[r] = target[r]! - flows[r]!;
    // Anderson mixing of that step with the last ones: where the averaging crawls (its steps shrink while the
    // change falls steadily) it cancels the slow part of the change, and it is undone whenever it does not help.
    mixed = mixer.step(flows, residual, 1 / stepDenominator);
    for (let r = 0; r < routeCount; r++) if (flows[r]! < 0) flows[r] = 0;
    iteration++;
  }
  const volume = loadRoutes(sets, flows, new Float64Array(problem.edgeCount));
  const classVolume = problem.classes.map(() => new Float64Array(problem.edgeCount));
  for (let r = 0; r < routeCount; r++) {
    const into = classVolume[routeClass[r]!]!;
    for (let k = edgeStart[r]!; k < edgeStart[r + 1]!; k++) into[edges[k]!]! += flows[r]!;
  }
  return {
    method: 'logit',
    solver: 'logit-msa',
    algorithm: 'msa',
    iterations: iteration,
    gap,
    classGaps,
    converged: gap <= gapTarget,
    volume,
    classVolume,
    sets,
    routeFlow: flows,
  };
}

/** The warm start when it has these pairs and every pair it must scale had tonnes in it; else undefined. */
function fitsWarmStart(
  warm: WarmStart | undefined,
  problem: CorridorProblem,
  demand: DemandModel | undefined,
): WarmStart | undefined {
  if (warm === undefined || warm.pairMt.length !== problem.pairs.length) return undefined;
  if (warm.sets.pairStart.length !== problem.pairs.length + 1) return undefined;
  for (let p = 0; p < problem.pairs.length; p++) {
    const mt = demand === undefined ? problem.pairs[p]!.mt : demand.grownMt[p]!;
    if (mt !== warm.pairMt[p] && !(warm.pairMt[p]! > 0)) return undefined;
  }
  return warm;
}

/** Route flows from a warm start: the flow of the same route there, scaled to the pair's tonnes. */
function startFrom(
  warm: WarmStart,
  sets: RouteSets,
  problem: CorridorProblem,
  demand: DemandModel | undefined,
  flows: Float64Array,
): void {
  const same = warm.sets === sets;
  for (let p = 0; p < problem.pairs.length; p++) {
    const mt = demand === undefined ? problem.pairs[p]!.mt : demand.grownMt[p]!;
    const scale = mt === warm.pairMt[p] ? 1 : mt / warm.pairMt[p]!;
    const first = warm.sets.pairStart[p]!;
    const end = warm.sets.pairStart[p + 1]!;
    for (let r = sets.pairStart[p]!; r < sets.pairStart[p + 1]!; r++) {
      let flow = 0;
      if (same) flow = warm.routeFlow[r]!;
      else
        for (let q = first; q < end; q++)
          if (sameRoute(sets, r, warm.sets, q)) {
            flow = warm.routeFlow[q]!;
            break;
          }
      flows[r] = scale === 1 ? flow : flow * scale;
    }
  }
}

/** The composite trade cost of every pair at a logit run's final volumes (NaN for a pair with no network route). */
export function pairTradeCosts(
  problem: CorridorProblem,
  result: LogitResult,
  choice: ChoiceParameters,
  weights: TradeCostWeights,
): Float64Array {
  const { sets, volume } = result;
  const edgeHours = new Float64Array(problem.edgeCount);
  for (let e = 0; e < problem.edgeCount; e++) edgeHours[e] = problem.hours[e]! + delayHours(problem, e, volume[e]!);
  const routeUsd = routeSums(sets, problem.usd, new Float64Array(sets.routeCount));
  const routeHours = routeSums(sets, edgeHours, new Float64Array(sets.routeCount));
  const routeClass = new Uint16Array(sets.routeCount);
  for (let p = 0; p < problem.pairs.length; p++)
    routeClass.fill(problem.pairs[p]!.cls, sets.pairStart[p]!, sets.pairStart[p + 1]!);
  const freeFlow = problem.classes.map((_, c) =>
    classCosts(problem, c, undefined, new Float64Array(problem.edgeCount)),
  );
  const lnPs = lnPathSizes(sets, (r) => freeFlow[routeClass[r]!]!, new Float64Array(sets.routeCount));
  return Float64Array.from(problem.pairs, (_, p) => {
    const cost = compositeTradeCost(
      sets.pairStart[p]!,
      sets.pairStart[p + 1]! - 1,
      routeUsd,
      routeHours,
      lnPs,
      choice,
      weights.usdWeight[p]!,
      weights.hourWeight,
    );
    return Number.isFinite(cost) ? cost : Number.NaN;
  });
}
