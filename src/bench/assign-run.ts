import { parseArgs } from 'node:util';
import { ALGORITHMS, assign, type AlgorithmName } from '../assign/assign.js';
import type { ShortestPathOracle } from '../assign/shortest-path.js';
import { loadTntpProblem } from '../data/tntp/problem.js';
import { readLinkFlowsFile } from '../data/tntp/read-flow.js';
import { createWorkerOracle } from '../parallel/worker-oracle.js';

/**
 * One benchmark measurement in a fresh process (so peak RSS and JIT warm-up belong to this run alone): reads a TNTP
 * instance, assigns it `--repeat` times (the first run is "cold", later ones "warm"), optionally compares the last
 * flows with a reference, and prints one JSON object on stdout. Spawned by bench/assign.
 */
export interface RunReport {
  readMs: number;
  runs: { solveMs: number; iterations: number; gap: number; converged: boolean; objective: number }[];
  maxRssKiB: number;
  flows?: { links: number; within: number; maxAbsolute: number; maxRelative: number };
}

const { values } = parseArgs({
  options: {
    net: { type: 'string' },
    trips: { type: 'string' },
    algorithm: { type: 'string', default: 'b' },
    gap: { type: 'string', default: '1e-4' },
    threads: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '2' },
    'max-seconds': { type: 'string', default: '300' },
    reference: { type: 'string' },
  },
});
const algorithm = values.algorithm as AlgorithmName;
if (!ALGORITHMS.includes(algorithm)) throw new Error(`unknown algorithm ${algorithm}`);

const readStart = performance.now();
const problem = loadTntpProblem(values.net!, values.trips!);
const report: RunReport = { readMs: performance.now() - readStart, runs: [], maxRssKiB: 0 };
let volume: Float64Array = new Float64Array(0);
for (let run = 0; run < Number(values.repeat); run++) {
  const start = performance.now();
  const threads = Number(values.threads);
  const oracle: ShortestPathOracle | undefined =
    threads > 1 ? await createWorkerOracle(problem.network, problem.demand, threads) : undefined;
  try {
    const result = assign(problem.network, problem.demand, {
      algorithm,
      gap: Number(values.gap),
      maxSeconds: Number(values['max-seconds']),
      clock: () => performance.now(),
      ...(oracle !== undefined ? { oracle } : {}),
    });
    // Worker start-up counts: it is part of what a user waits for.
    report.runs.push({
      solveMs: performance.now() - start,
      iterations: result.iteration,
      gap: result.gap,
      converged: result.converged,
      objective: result.objective,
    });
    volume = result.volume;
  } finally {
    oracle?.close();
  }
}
if (values.reference !== undefined) {
  const reference = readLinkFlowsFile(values.reference);
  let within = 0;
  let maxAbsolute = 0;
  let maxRelative = 0;
  for (let k = 0; k < reference.count; k++) {
    const difference = Math.abs(volume[k]! - reference.volume[k]!);
    if (difference <= Math.max(1, 1e-3 * reference.volume[k]!)) within++;
    maxAbsolute = Math.max(maxAbsolute, difference);
    if (reference.volume[k]! > 0) maxRelative = Math.max(maxRelative, difference / reference.volume[k]!);
  }
  report.flows = { links: reference.count, within, maxAbsolute, maxRelative };
}
report.maxRssKiB = process.resourceUsage().maxRSS;
process.stdout.write(`${JSON.stringify(report)}\n`);
