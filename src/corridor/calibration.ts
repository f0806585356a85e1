import type { ChoiceEstimate } from './choice-estimation.js';
import { countWeights, weightedVolume } from './count-weights.js';
import { scalePair } from './elastic-demand.js';
import { estimateOdMatrix, type OdEstimationResult, type ProportionMatrix } from './estimation/od-estimation.js';
import type { QpSolver } from './estimation/qp.js';
import { logitAssignment, type ChoiceParameters, type LogitResult } from './logit.js';
import type { CorridorProblem } from './problem.js';
import type { Commodity, DemandRow, ObservedVolume } from './types.js';

export interface CalibrationOptions {
  choice: ChoiceParameters;
  routes: number;
  gap: number;
  maxIterations: number;
  /** λ of the GLS objective (calibration_prior_weight). */
  priorWeight: number;
  /** Rounds of assignment → estimation; the route shares move with the matrix, so the fit is redone on them. */
  rounds?: number;
}

export interface CountFit {
  id: string;
  use: ObservedVolume['use'];
  observedMt: number;
  priorMt: number;
  modeledMt: number;
  deviationPct: number;
  tolerancePct: number;
}

export interface CalibrationResult {
  /** The base-year matrix fitted to the counts, one row per pair and commodity. */
  demand: DemandRow[];
  counts: CountFit[];
  /** Σ |x − prior| and its share of the prior's tonnes. */
  deviation: { totalMt: number; percent: number; priorMt: number; estimateMt: number };
  rounds: number;
  /** The logit dispersion estimated from the published shares, when the dataset has any. */
  choice?: ChoiceEstimate;
}

/**
 * Count × pair proportions of a logit run: the share of each pair's tonnes that passes each count (a route's share
 * × how many of its edges the count weighs).
 */
export function routeProportions(
  problem: CorridorProblem,
  result: LogitResult,
  weights: Float64Array[],
): ProportionMatrix {
  const { sets, routeFlow } = result;
  const rowStarts = new Uint32Array(weights.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < weights.length; c++) {
    const w = weights[c]!;
    for (let p = 0; p < problem.pairs.length; p++) {
      const mt = problem.pairs[p]!.mt;
      if (!(mt > 0)) continue;
      let share = 0;
      for (let r = sets.pairStart[p]!; r < sets.pairStart[p + 1]!; r++) {
        const flow = routeFlow[r]!;
        if (flow === 0) continue;
        let hits = 0;
        for (let k = sets.edgeStart[r]!; k < sets.edgeStart[r + 1]!; k++) hits += w[sets.edges[k]!]!;
        share += (flow / mt) * hits;
      }
      if (share > 0) {
        columns.push(p);
        values.push(share);
      }
    }
    rowStarts[c + 1] = columns.length;
  }
  return { rowStarts, columns: Uint32Array.from(columns), values: Float64Array.from(values) };
}

/**
 * OD-matrix estimation on the base year (docs/demand.md): starting from the prior (the trade matrix), alternate a
 * logit assignment and a GLS estimation of the matrix on its route shares, min Σ_c w_c (ô_c − P_c·x)² +
 * λ Σ_p (x_p − prior_p)²/prior_p, x ≥ 0, with relative count weights. Counts marked `validation` are modeled and
 * reported but carry no weight. Each QP is solved by the estimator's own active-set method, or by an injected
 * solver (HiGHS) to cross-check it.
 */
export async function calibrateMatrix(
  problem: CorridorProblem,
  observed: readonly ObservedVolume[],
  year: number,
  options: CalibrationOptions,
  solve?: QpSolver,
): Promise<CalibrationResult> {
  const counts = observed.filter((row) => row.year === year && countWeights(problem, row.element) !== undefined);
  const weights = counts.map((row) => countWeights(problem, row.element)!);
  const observedMt = Float64Array.from(counts, (row) => row.observedMt);
  const fitWeights = Float64Array.from(counts, (row) =>
    row.use === 'fit' ? 1 / Math.max(row.observedMt, 1e-3) ** 2 : 0,
  );
  const prior = Float64Array.from(problem.pairs, (pair) => pair.mt);
  const rounds = options.rounds ?? 4;
  let result = logit(problem, options);
  const priorModeled = modeled(result, weights);
  let estimate: OdEstimationResult | undefined;
  for (let round = 0; round < rounds; round++) {
    estimate = await estimateOdMatrix(
      {
        prior,
        proportions: routeProportions(problem, result, weights),
        observed: observedMt,
        weights: fitWeights,
        lambda: options.priorWeight,
      },
      solve,
    );
    problem.pairs.forEach((pair, p) => scalePair(pair, estimate!.estimate[p]!));
    result = logit(problem, options, result);
  }
  const finalModeled = modeled(result, weights);
  let totalMt = 0;
  let priorMt = 0;
  let estimateMt = 0;
  problem.pairs.forEach((pair, p) => {
    totalMt += Math.abs(pair.mt - prior[p]!);
    priorMt += prior[p]!;
    estimateMt += pair.mt;
  });
  return {
    demand: problem.pairs.flatMap((pair, p) =>
      (Object.entries(pair.byCommodity) as [Commodity, number][])
        // Below a tonne a year a cell is the QP's rounding, not a flow.
        .filter(([, mt]) => mt >= 1e-6)
        .map(([commodity, mt]): DemandRow => ({
          from: pair.fromId,
          to: pair.toId,
          commodity,
          year,
          mtPerYr: mt,
          sources: [],
          confidence: 'derived',
          estimatedFields: [],
          notes: `Prior ${prior[p]!.toFixed(4)} Mt fitted to the counts (caravan calibrate).`,
        })),
    ),
    counts: counts.map((row, c) => ({
      id: row.id,
      use: row.use,
      observedMt: row.observedMt,
      priorMt: priorModeled[c]!,
      modeledMt: finalModeled[c]!,
      deviationPct: row.observedMt > 0 ? (100 * (finalModeled[c]! - row.observedMt)) / row.observedMt : 0,
      tolerancePct: row.tolerancePct,
    })),
    deviation: { totalMt, percent: priorMt > 0 ? (100 * totalMt) / priorMt : 0, priorMt, estimateMt },
    rounds,
  };
}

function logit(problem: CorridorProblem, options: CalibrationOptions, previous?: LogitResult): LogitResult {
  return logitAssignment(problem, {
    ...options.choice,
    routes: options.routes,
    gap: options.gap,
    maxIterations: options.maxIterations,
    ...(previous === undefined ? {} : { sets: previous.sets }),
  });
}

function modeled(result: LogitResult, weights: Float64Array[]): Float64Array {
  return Float64Array.from(weights, (w) => weightedVolume(w, result.volume));
}
