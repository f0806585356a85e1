import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import { volumeDelay } from '../numeric/volume-delay.js';
import { assign, type AlgorithmName } from '../assign/assign.js';
import { toInputOrder } from '../assign/network.js';
import { SerialOracle } from '../assign/shortest-path.js';
import type { CorridorProblem } from './problem.js';
import { toCsrOrder } from './problem.js';

/** Where an assignment stands after an iteration: what a caller shows while a long run goes on. */
export interface EquilibriumProgress {
  iteration: number;
  /** Relative gap (UE) or relative change of route flows (logit), as in the result. */
  gap: number;
}

export interface EquilibriumOptions {
  algorithm?: AlgorithmName;
  gap?: number;
  maxIterations?: number;
  onProgress?: (progress: EquilibriumProgress) => void;
}

export interface EquilibriumResult {
  method: 'ue' | 'logit';
  /** Who solved it: the assignment engine (single class) or the corridor model's multiclass Frank–Wolfe/MSA. */
  solver: 'engine' | 'multiclass' | 'logit-msa';
  algorithm: string;
  iterations: number;
  /** Relative gap in generalized cost (UE) or relative change of path flows (logit). */
  gap: number;
  classGaps: number[];
  converged: boolean;
  /** Total tonnes (Mt/yr) per edge, input order. */
  volume: Float64Array;
  /** Per class, input order. */
  classVolume: Float64Array[];
}

/**
 * User equilibrium. With one class it is the assignment engine's `assign()` on the problem's engine network. With
 * several classes (values of time differ) it is a multiclass Frank–Wolfe (or MSA) on the same CSR: the costs of
 * class c are usd + vot_c · (hours + delay(V)), V the total volume. Dividing class c's costs by vot_c leaves its
 * route choice unchanged and makes the cost map symmetric, so equilibrium minimizes the convex function
 *   Z = Σ_a ∫₀^{V_a} delay_a(w) dw + Σ_c Σ_a (usd_a / vot_c + hours_a) · v_ca
 * and Frank–Wolfe with an exact line search on Z converges to it.
 */
export function userEquilibrium(problem: CorridorProblem, options: EquilibriumOptions = {}): EquilibriumResult {
  const gapTarget = options.gap ?? DEFAULT_GAP;
  const maxIterations = options.maxIterations ?? DEFAULT_SCENARIO_ITERATIONS;
  if (problem.classes.length === 1) {
    const result = assign(problem.network, problem.demand[0]!, {
      algorithm: options.algorithm ?? 'b',
      gap: gapTarget,
      maxIterations,
      ...(options.onProgress === undefined
        ? {}
        : { onProgress: ({ iteration, gap }) => options.onProgress!({ iteration, gap }) }),
    });
    return {
      method: 'ue',
      solver: 'engine',
      algorithm: result.algorithm,
      iterations: result.iteration,
      gap: result.gap,
      classGaps: [result.gap],
      converged: result.converged,
      volume: result.volume,
      classVolume: [result.volume],
    };
  }
  const algorithm = options.algorithm === 'msa' ? 'msa' : 'fw';
  return multiclassFrankWolfe(problem, algorithm, gapTarget, maxIterations, options.onProgress);
}

function multiclassFrankWolfe(
  problem: CorridorProblem,
  algorithm: 'fw' | 'msa',
  gapTarget: number,
  maxIterations: number,
  onProgress: EquilibriumOptions['onProgress'],
): EquilibriumResult {
  const net = problem.network;
  const n = net.linkCount;
  const classCount = problem.classes.length;
  const usd = toCsrOrder(net, problem.usd);
  const hours = toCsrOrder(net, problem.hours);
  const capacity = toCsrOrder(net, problem.capacity);
  const delayH = toCsrOrder(net, problem.delayH);
  const power = toCsrOrder(net, problem.power);
  const owner = toCsrOrder(net, problem.outsideClass);
  const blocked = problem.blocked.map((mask) => toCsrOrder(net, mask));
  const vot = problem.classes.map((c) => c.valueOfTime);
  const oracles = problem.demand.map((demand) => new SerialOracle(net, demand));
  const x = problem.classes.map(() => new Float64Array(n));
  const y = problem.classes.map(() => new Float64Array(n));
  const cost = problem.classes.map(() => new Float64Array(n));
  const total = new Float64Array(n);
  const direction = new Float64Array(n);
  const delay = (e: number, v: number) =>
    capacity[e]! < Infinity && v > 0 ? volumeDelay(delayH[e]!, v, capacity[e]!, power[e]!) : 0;
  const updateCosts = () => {
    for (let e = 0; e < n; e++) {
      const d = delay(e, total[e]!);
      for (let c = 0; c < classCount; c++) {
        const o = owner[e]!;
        cost[c]![e] = (o >= 0 && o !== c) || blocked[c]![e] === 1 ? Infinity : usd[e]! + vot[c]! * (hours[e]! + d);
      }
    }
  };
  const sumTotal = () => {
    total.fill(0);
    for (let c = 0; c < classCount; c++) for (let e = 0; e < n; e++) total[e]! += x[c]![e]!;
  };

  updateCosts();
  for (let c = 0; c < classCount; c++) oracles[c]!.allOrNothing(cost[c]!, x[c]!);
  let iteration = 0;
  let gap = Infinity;
  const classGaps = new Array<number>(classCount).fill(0);
  for (;;) {
    sumTotal();
    updateCosts();
    let tc = 0;
    let sp = 0;
    for (let c = 0; c < classCount; c++) {
      const xc = x[c]!;
      const cc = cost[c]!;
      let tcc = 0;
      for (let e = 0; e < n; e++) if (xc[e]! > 0) tcc += xc[e]! * cc[e]!;
      const spc = oracles[c]!.allOrNothing(cc, y[c]!);
      classGaps[c] = tcc > 0 ? (tcc - spc) / tcc : 0;
      tc += tcc;
      sp += spc;
    }
    gap = tc > 0 ? (tc - sp) / tc : 0;
    onProgress?.({ iteration, gap });
    if (gap <= gapTarget || iteration >= maxIterations) break;
    let step: number;
    if (algorithm === 'msa') {
      step = 1 / (iteration + 2);
    } else {
      // Exact line search on Z along y − x: dZ/dλ = L + Σ_a delay_a(V_a + λ D_a) D_a.
      let linear = 0;
      direction.fill(0);
      for (let c = 0; c < classCount; c++) {
        const xc = x[c]!;
        const yc = y[c]!;
        for (let e = 0; e < n; e++) {
          const d = yc[e]! - xc[e]!;
          if (d === 0) continue;
          direction[e]! += d;
          linear += d * (usd[e]! / vot[c]! + hours[e]!);
        }
      }
      const slope = (lambda: number) => {
        let s = linear;
        for (let e = 0; e < n; e++) {
          const d = direction[e]!;
          if (d !== 0 && capacity[e]! < Infinity) s += delay(e, total[e]! + lambda * d) * d;
        }
        return s;
      };
      if (slope(1) <= 0) step = 1;
      else if (slope(0) >= 0) step = 0;
      else {
        let lo = 0;
        let hi = 1;
        for (let k = 0; k < 50; k++) {
          const mid = (lo + hi) / 2;
          if (slope(mid) > 0) hi = mid;
          else lo = mid;
        }
        step = (lo + hi) / 2;
      }
      // A zero step would stall Frank–Wolfe on a flat face; fall back to the MSA step.
      if (step <= 0) step = 1 / (iteration + 2);
    }
    for (let c = 0; c < classCount; c++) {
      const xc = x[c]!;
      const yc = y[c]!;
      for (let e = 0; e < n; e++) xc[e]! += step * (yc[e]! - xc[e]!);
    }
    iteration++;
  }
  for (const oracle of oracles) oracle.close();
  sumTotal();
  return {
    method: 'ue',
    solver: 'multiclass',
    algorithm,
    iterations: iteration,
    gap,
    classGaps,
    converged: gap <= gapTarget,
    volume: toInputOrder(net, total),
    classVolume: x.map((xc) => toInputOrder(net, xc)),
  };
}
