import type { SampleOutputs } from '../../corridor/sweep/evaluate.js';
import type { SweepSpec } from '../../corridor/sweep/spec.js';
import type { SweepData } from './evaluator.js';

export interface SweepThreadSetup {
  spec: SweepSpec;
  data: SweepData;
}

/** To a sweep thread: a sample to run, or the end. */
export type SweepThreadRequest = { type: 'sample'; sample: number; values: number[] } | { type: 'stop' };

/** From a sweep thread: compiled and waiting, a sample's outputs, or why it could not run. */
export type SweepThreadReply =
  | { type: 'ready' }
  | { type: 'result'; sample: number; outputs: SampleOutputs }
  | { type: 'failed'; sample: number | null; message: string };
