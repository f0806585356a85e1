import { corridorSession } from '../../corridor/session.js';
import { SweepEvaluator } from '../../corridor/sweep/evaluate.js';
import { compileSweep, type SweepSpec } from '../../corridor/sweep/spec.js';
import { loadCorridorData } from '../../data/corridor-data.js';
import { highsSolver } from '../../data/highs-solver.js';
import { loadNetwork } from '../../data/load-network.js';
import { datasetFingerprint } from '../../data/sweep-file.js';

/** Where a worker reads the dataset a sweep runs on. */
export interface SweepData {
  networkDir: string;
  demandDir: string;
}

/**
 * The evaluator of a sweep on this worker's copy of the dataset: network, corridor data, session, base scenario and
 * inputs, compiled once and reused for every sample the worker takes. Refuses a sweep defined on other data.
 */
export function sweepEvaluator(spec: SweepSpec, data: SweepData): SweepEvaluator {
  const { network } = loadNetwork(data.networkDir);
  const session = corridorSession(network, loadCorridorData(data.demandDir, network));
  const fingerprint = datasetFingerprint(session);
  if (fingerprint !== spec.dataset)
    throw new Error(
      `sweep ${spec.id} was defined on dataset ${spec.dataset}; this worker has ${fingerprint} (${data.networkDir}): give it the same --data and --demand`,
    );
  const { compiled, inputs } = compileSweep(session, spec);
  return new SweepEvaluator(session, compiled, inputs, spec.years, spec.capacity ? highsSolver : undefined);
}
