import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import type { EquilibriumOptions, EquilibriumResult } from './equilibrium.js';
import { classCosts, delayHours, type CorridorProblem } from './problem.js';
import { buildRouteSets, lnPathSizes, loadRoutes, routeSums, type RouteSets } from './route-sets.js';

/** The choice model's parameters: utility of a route = −θ · generalized USD/t + β_PS · ln(path size). */
export interface ChoiceParameters {
  /** Dispersion per USD/t: a route dearer by Δ gets e^(−θΔ) times the share of the other. */
  theta: number;
  /** Weight of ln(path size); 1 is the textbook path-size logit, 0 the plain logit. */
  pathSize: number;
}

/**
 * Elastic demand inside the assignment: a pair's tonnes are `grownMt[p]` × `factor(p, usd, hours)`, usd and hours
 * the mean of its network routes under the current logit shares (see elastic-demand.ts).
 */
export interface DemandModel {
  grownMt: Float64Array;
  factor(pair: number, usdPerT: number, hoursPerT: number): number;
}

export interface LogitOptions extends ChoiceParameters {
  demand?: DemandModel;
  /** Distinct network routes per pair (the outside option comes on top). */
  routes: number;
  /** Route sets to reuse (e.g. the calibration's); built from the problem when absent. */
  sets?: RouteSets;
  gap?: number;
  maxIterations?: number;
  onProgress?: EquilibriumOptions['onProgress'];
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
  const edgeCosts = problem.classes.map(() => new Float64Array(problem.edgeCount));
  const freeFlow = problem.classes.map((_, c) =>
    classCosts(problem, c, undefined, new Float64Array(problem.edgeCount)),
  );
  const routeClass = new Uint16Array(routeCount);
  for (let p = 0; p < problem.pairs.length; p++)
    routeClass.fill(problem.pairs[p]!.cls, pairStart[p]!, pairStart[p + 1]!);
  const lnPs = lnPathSizes(sets, (r) => freeFlow[routeClass[r]!]!, new Float64Array(routeCount));
  const routeCost = new Float64Array(routeCount);
  const classRouteCost = problem.classes.map(() => new Float64Array(routeCount));
  const flows = new Float64Array(routeCount);
  const target = new Float64Array(routeCount);
  const volume = new Float64Array(problem.edgeCount);

  const demand = options.demand;
  const routeUsd = demand === undefined ? undefined : routeSums(sets, problem.usd, new Float64Array(routeCount));
  const edgeHours = demand === undefined ? undefined : new Float64Array(problem.edgeCount);
  const routeHours = demand === undefined ? undefined : new Float64Array(routeCount);
  const evaluate = (current: Float64Array | undefined) => {
    for (let c = 0; c < classCount; c++)
      routeSums(sets, classCosts(problem, c, current, edgeCosts[c]!), classRouteCost[c]!);
    for (let r = 0; r < routeCount; r++) routeCost[r] = classRouteCost[routeClass[r]!]![r]!;
    if (demand !== undefined) {
      for (let e = 0; e < problem.edgeCount; e++)
        edgeHours![e] = problem.hours[e]! + (current === undefined ? 0 : delayHours(problem, e, current[e]!));
      routeSums(sets, edgeHours!, routeHours!);
    }
    for (let p = 0; p < problem.pairs.length; p++) {
      const first = pairStart[p]!;
      const end = pairStart[p + 1]!;
      pairShares(first, end, routeCost, lnPs, options, 1, target);
      let mt = problem.pairs[p]!.mt;
      if (demand !== undefined) {
        // The outside option (the pair's last route) is not the corridor's level of service.
        let served = 0;
        let usd = 0;
        let hours = 0;
        for (let r = first; r < end - 1; r++) {
          served += target[r]!;
          usd += target[r]! * routeUsd![r]!;
          hours += target[r]! * routeHours![r]!;
        }
        mt = served > 0 ? demand.grownMt[p]! * demand.factor(p, usd / served, hours / served) : demand.grownMt[p]!;
      }
      for (let r = first; r < end; r++) target[r] = target[r]! * mt;
    }
  };
  evaluate(undefined);
  flows.set(target);
  let iteration = 0;
  let gap = Infinity;
  let previousGap = Infinity;
  let stepDenominator = 1;
  const classGaps = new Array<number>(classCount).fill(0);
  const change = new Float64Array(classCount);
  const mass = new Float64Array(classCount);
  for (;;) {
    volume.fill(0);
    loadRoutes(sets, flows, volume);
    evaluate(volume);
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
    // Self-regulated averaging (Liu, Ban, Ran and Mirchandani 2009): the step shrinks fast while the route-flow
    // change grows and slowly while it falls, which converges like MSA near the fixed point but needs far fewer
    // iterations when congestion makes plain 1/(k+1) steps overshoot and crawl.
    stepDenominator += gap > previousGap ? SRA_GROWTH : SRA_CREEP;
    previousGap = gap;
    const step = 1 / stepDenominator;
    for (let r = 0; r < routeCount; r++) flows[r] = flows[r]! + step * (target[r]! - flows[r]!);
    iteration++;
  }
  volume.fill(0);
  loadRoutes(sets, flows, volume);
  const classVolume = problem.classes.map(() => new Float64Array(problem.edgeCount));
  const { edgeStart, edges } = sets;
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
    volume: volume.slice(),
    classVolume,
    sets,
    routeFlow: flows,
  };
}

/** Per pair: tonnes on network routes and their mean USD/t and hours/t at the run's volumes (outside option apart). */
export interface PairLevelOfService {
  servedMt: Float64Array;
  usdPerT: Float64Array;
  hoursPerT: Float64Array;
}

/** The level of service each pair gets from a logit run: what its demand responds to. */
export function pairLevelOfService(problem: CorridorProblem, result: LogitResult): PairLevelOfService {
  const { sets, routeFlow, volume } = result;
  const pairs = problem.pairs.length;
  const servedMt = new Float64Array(pairs);
  const usdPerT = new Float64Array(pairs);
  const hoursPerT = new Float64Array(pairs);
  const edgeHours = new Float64Array(problem.edgeCount);
  for (let e = 0; e < problem.edgeCount; e++) edgeHours[e] = problem.hours[e]! + delayHours(problem, e, volume[e]!);
  const routeUsd = routeSums(sets, problem.usd, new Float64Array(sets.routeCount));
  const routeHours = routeSums(sets, edgeHours, new Float64Array(sets.routeCount));
  for (let p = 0; p < pairs; p++) {
    const outside = sets.pairStart[p + 1]! - 1;
    let mt = 0;
    let usd = 0;
    let hours = 0;
    for (let r = sets.pairStart[p]!; r < outside; r++) {
      mt += routeFlow[r]!;
      usd += routeFlow[r]! * routeUsd[r]!;
      hours += routeFlow[r]! * routeHours[r]!;
    }
    servedMt[p] = mt;
    usdPerT[p] = mt > 0 ? usd / mt : problem.pairs[p]!.outsideUsd;
    hoursPerT[p] = mt > 0 ? hours / mt : 0;
  }
  return { servedMt, usdPerT, hoursPerT };
}
