import { seededRandom } from '../../numeric/random.js';
import { designPoints, type Design } from '../../numeric/sampling.js';
import { compileScenario, type CorridorSession } from '../session.js';
import type { Scenario } from '../types.js';
import { selectInputs, uncertainInputs, type UncertainInput } from './inputs.js';

/**
 * A sweep as every process that works on it sees it: plain data, small enough to travel with each queued sample.
 * `id` is derived from everything else, so the same file on the same dataset is the same sweep (and resumes it).
 */
export interface SweepSpec {
  id: string;
  name: string;
  description: string;
  file: string;
  /** The base scenario with its levers, applied by each worker to its own calibrated state. */
  scenario: Scenario;
  years: number[];
  samples: number;
  design: Design;
  seed: string | number;
  inputs: 'all' | string[];
  capacity: boolean;
  /** Fingerprint of the network and corridor data: a worker with other data refuses the sweep. */
  dataset: string;
}

/** The base scenario and the inputs of a sweep, compiled in a session: once per worker. */
export function compileSweep(session: CorridorSession, spec: SweepSpec) {
  const compiled = compileScenario(session, spec.scenario);
  const inputs: UncertainInput[] = selectInputs(uncertainInputs(session, compiled), spec.inputs);
  return { compiled, inputs };
}

/** Every sample's design point, as one row of coordinates in (0, 1) per sample. */
export function sweepPoints(spec: SweepSpec, dimensions: number): Float64Array {
  return designPoints(spec.design, spec.samples, dimensions, seededRandom(spec.seed));
}
