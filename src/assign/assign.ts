import { DEFAULT_ASSIGN_ITERATIONS, DEFAULT_GAP } from '../numeric/convergence.js';
import { AlgorithmBSolver, type AlgorithmBOptions } from './algorithm-b.js';
import { beckmann, totalTravelTime } from './bpr.js';
import { LinkBasedSolver, type EquilibriumSolver } from './link-based.js';
import { toInputOrder, totalDemand, type AssignmentNetwork, type OdDemand } from './network.js';
import { SerialOracle, type ShortestPathOracle } from './shortest-path.js';

export const ALGORITHMS = ['msa', 'fw', 'cfw', 'bfw', 'b'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export const ALGORITHM_TITLES: Record<AlgorithmName, string> = {
  msa: 'method of successive averages',
  fw: 'Frank–Wolfe',
  cfw: 'conjugate Frank–Wolfe',
  bfw: 'bi-conjugate Frank–Wolfe',
  b: 'Algorithm B (Dial 2006)',
};

export interface AssignProgress {
  /** Completed iterations (0 is the initial all-or-nothing solution). */
  iteration: number;
  /** Relative gap (TSTT − SPTT) / TSTT. */
  gap: number;
  /** Beckmann objective. */
  objective: number;
  tstt: number;
  sptt: number;
  /** Milliseconds since the assignment started, by the injected clock (0 without one). */
  elapsedMs: number;
}

export interface AssignOptions extends AlgorithmBOptions {
  algorithm?: AlgorithmName;
  /** Stop when the relative gap is at or below this (default DEFAULT_GAP, 1e-4). */
  gap?: number;
  maxIterations?: number;
  maxSeconds?: number;
  /**
   * Milliseconds from an arbitrary origin. The core reads no clock itself: adapters pass `performance.now`.
   * Without it elapsed times are 0 and `maxSeconds` never stops the run.
   */
  clock?: () => number;
  /** Where all-or-nothing loads and gap trees run; defaults to the calling thread. */
  oracle?: ShortestPathOracle;
  onProgress?: (progress: AssignProgress) => void;
}

export type StopReason = 'gap' | 'iterations' | 'time';

export interface AssignResult extends AssignProgress {
  algorithm: AlgorithmName;
  stoppedBy: StopReason;
  converged: boolean;
  /** Link volumes and costs in input (file) order. */
  volume: Float64Array;
  cost: Float64Array;
  history: AssignProgress[];
  threads: number;
}

export function relativeGap(tstt: number, sptt: number): number {
  return tstt > 0 ? (tstt - sptt) / tstt : 0;
}

/** Creates the solver for an algorithm; exposed so tests can inspect solver state (e.g. Algorithm B's bushes). */
export function createSolver(
  network: AssignmentNetwork,
  demand: OdDemand,
  algorithm: AlgorithmName,
  oracle: ShortestPathOracle,
  options: AlgorithmBOptions = {},
): EquilibriumSolver {
  return algorithm === 'b'
    ? new AlgorithmBSolver(network, demand, oracle, options)
    : new LinkBasedSolver(network, oracle, algorithm);
}

/**
 * Static user-equilibrium traffic assignment with BPR link costs: iterates the chosen algorithm until the relative
 * gap, the iteration limit or the time limit is reached. Pure: all input is in the arguments, nothing is read from
 * the environment.
 */
export function assign(network: AssignmentNetwork, demand: OdDemand, options: AssignOptions = {}): AssignResult {
  const algorithm = options.algorithm ?? 'b';
  const targetGap = options.gap ?? DEFAULT_GAP;
  const maxIterations = options.maxIterations ?? DEFAULT_ASSIGN_ITERATIONS;
  const maxMs = (options.maxSeconds ?? Infinity) * 1000;
  const clock = options.clock ?? (() => 0);
  const started = clock();
  const oracle = options.oracle ?? new SerialOracle(network, demand);
  try {
    const history: AssignProgress[] = [];
    const solver = createSolver(network, demand, algorithm, oracle, options);
    const noDemand = totalDemand(demand) === 0;
    let iteration = 0;
    for (;;) {
      const sptt = noDemand ? 0 : solver.measure();
      const tstt = totalTravelTime(solver.volume, solver.cost);
      const gap = relativeGap(tstt, sptt);
      solver.observeGap?.(gap);
      const progress: AssignProgress = {
        iteration,
        gap,
        objective: beckmann(network, solver.volume),
        tstt,
        sptt,
        elapsedMs: clock() - started,
      };
      history.push(progress);
      options.onProgress?.(progress);
      let stoppedBy: StopReason | undefined;
      if (gap <= targetGap) stoppedBy = 'gap';
      else if (iteration >= maxIterations) stoppedBy = 'iterations';
      else if (progress.elapsedMs >= maxMs) stoppedBy = 'time';
      if (stoppedBy !== undefined) {
        return {
          ...progress,
          algorithm,
          stoppedBy,
          converged: stoppedBy === 'gap',
          volume: toInputOrder(network, solver.volume),
          cost: toInputOrder(network, solver.cost),
          history,
          threads: oracle.threads,
        };
      }
      solver.advance();
      iteration++;
    }
  } finally {
    if (options.oracle === undefined) oracle.close();
  }
}
