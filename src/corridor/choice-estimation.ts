import { networkIndex } from '../model/network-index.js';
import { countWeights } from './count-weights.js';
import { fitLeastSquares } from './estimation/least-squares.js';
import { logitAssignment, type ChoiceParameters, type LogitResult } from './logit.js';
import type { CorridorProblem } from './problem.js';
import type { RouteSets } from './route-sets.js';
import type { ShareObservation } from './types.js';

/** A market's observed and modeled share of one element. */
export interface ShareFit {
  id: string;
  use: ShareObservation['use'];
  observedShare: number;
  modeledShare: number;
}

export interface ChoiceEstimate {
  /** θ per USD/t, its standard error (delta method from ln θ) and the value it started from. */
  theta: number;
  thetaStandardError: number;
  thetaStart: number;
  shares: ShareFit[];
  rSquared: number;
  rmse: number;
  converged: boolean;
  evaluations: number;
}

/**
 * Assumed standard error of a published share (5 percentage points): the shares are read off press figures for
 * parts of a year, so none is better than that. It scales the least-squares weights, and so the SE of θ.
 */
export const SHARE_STANDARD_ERROR = 0.05;

/** Per share row: 1 on the pairs of its market (origin country, destination country, commodity), else 0. */
function marketMembership(problem: CorridorProblem, shares: readonly ShareObservation[]): Uint8Array[] {
  const { nodeById } = networkIndex(problem.graph.network);
  return shares.map((share) =>
    Uint8Array.from(problem.pairs, (pair) => {
      const from = nodeById.get(pair.fromId)?.country ?? '';
      const to = nodeById.get(pair.toId)?.country ?? '';
      const commodityFits = share.commodity === undefined || (pair.byCommodity[share.commodity] ?? 0) > 0;
      return share.originCountries.includes(from) && share.destinationCountries.includes(to) && commodityFits ? 1 : 0;
    }),
  );
}

/**
 * Share of each market's served tonnes whose route passes the element (a route counts once however many of the
 * element's edges it uses); the outside option is not served. NaN when the market carries nothing.
 */
export function modeledShares(
  problem: CorridorProblem,
  result: LogitResult,
  shares: readonly ShareObservation[],
  membership: readonly Uint8Array[] = marketMembership(problem, shares),
): Float64Array {
  const { sets, routeFlow } = result;
  return Float64Array.from(shares, (share, i) => {
    const weights = countWeights(problem, share.element);
    if (weights === undefined) return Number.NaN;
    let market = 0;
    let through = 0;
    for (let p = 0; p < problem.pairs.length; p++) {
      if (membership[i]![p] === 0) continue;
      for (let r = sets.pairStart[p]!; r < sets.pairStart[p + 1]! - 1; r++) {
        const flow = routeFlow[r]!;
        market += flow;
        if (passes(sets, r, weights)) through += flow;
      }
    }
    return market > 0 ? through / market : Number.NaN;
  });
}

function passes(sets: RouteSets, route: number, weights: Float64Array): boolean {
  for (let k = sets.edgeStart[route]!; k < sets.edgeStart[route + 1]!; k++)
    if (weights[sets.edges[k]!]! > 0) return true;
  return false;
}

export interface ChoiceEstimationOptions {
  start: ChoiceParameters;
  routes: number;
  gap: number;
  maxIterations: number;
}

/**
 * Estimates the logit dispersion θ from published market shares by weighted least squares (Levenberg–Marquardt on
 * ln θ, so θ stays positive; the path-size weight is held at its set value): each trial θ runs the logit
 * assignment on the base-year problem at its current matrix and compares the modeled shares with the `fit` rows.
 * `validation` rows are modeled and reported only.
 */
export function estimateChoice(
  problem: CorridorProblem,
  shares: readonly ShareObservation[],
  options: ChoiceEstimationOptions,
): ChoiceEstimate | undefined {
  const usable = shares.filter((share) => countWeights(problem, share.element) !== undefined);
  const membership = marketMembership(problem, usable);
  const fitted = usable.map((share, i) => ({ share, i })).filter(({ share }) => share.use === 'fit');
  if (fitted.length === 0) return undefined;
  let sets: RouteSets | undefined;
  const run = (theta: number) => {
    const result = logitAssignment(problem, {
      theta,
      pathSize: options.start.pathSize,
      routes: options.routes,
      gap: options.gap,
      maxIterations: options.maxIterations,
      ...(sets === undefined ? {} : { sets }),
    });
    sets = result.sets;
    return modeledShares(problem, result, usable, membership);
  };
  const fit = fitLeastSquares(
    {
      model: (parameters, out) => {
        const modeled = run(Math.exp(parameters[0]!));
        fitted.forEach(({ i }, k) => (out[k] = Number.isFinite(modeled[i]!) ? modeled[i]! : 0));
      },
      observed: Float64Array.from(fitted, ({ share }) => share.observedShare),
      weights: new Float64Array(fitted.length).fill(1 / SHARE_STANDARD_ERROR ** 2),
      initial: Float64Array.of(Math.log(options.start.theta)),
      lower: Float64Array.of(Math.log(1e-3)),
      upper: Float64Array.of(Math.log(10)),
      names: ['ln theta'],
    },
    // The model is an iterative assignment converged to a gap, so its shares carry noise of about the gap: a
    // finite-difference step of 5% in ln θ keeps the derivative above that noise.
    { differences: 'central', relativeStep: 0.05, typical: Float64Array.of(1), maxIterations: 30, tolerance: 1e-6 },
  );
  const theta = Math.exp(fit.theta[0]!);
  const final = run(theta);
  // With one observation the residual variance is undefined; the assumed share error then stands in for it.
  const lnSe = Number.isFinite(fit.standardErrors[0]!)
    ? fit.standardErrors[0]!
    : Math.sqrt(fit.covariance[0]! || Number.NaN);
  return {
    theta,
    thetaStandardError: theta * lnSe,
    thetaStart: options.start.theta,
    shares: usable.map((share, i) => ({
      id: share.id,
      use: share.use,
      observedShare: share.observedShare,
      modeledShare: final[i]!,
    })),
    rSquared: fit.rSquared,
    rmse: fit.rmse,
    converged: fit.converged,
    evaluations: fit.evaluations + 1,
  };
}
