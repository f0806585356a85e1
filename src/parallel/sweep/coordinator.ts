import type { SampleOutputs } from '../../corridor/sweep/evaluate.js';
import type { UncertainInput } from '../../corridor/sweep/inputs.js';
import { drawValue } from '../../corridor/sweep/sample.js';
import { sweepPoints, type SweepSpec } from '../../corridor/sweep/spec.js';
import type { SweepSample } from '../../corridor/sweep/summary.js';
import type { RegionFacts } from '../../model/region.js';
import type { Store } from '../../store/store.js';
import { saveSamples, saveSweep, storedSamples } from '../../store/sweeps.js';

export interface SampleTask {
  sample: number;
  values: number[];
}

/** Runs samples somewhere (threads of this process, workers on a queue) and hands back each one's outputs. */
export interface SweepExecutor {
  describe(): string;
  run(
    spec: SweepSpec,
    tasks: readonly SampleTask[],
    onResult: (result: { sample: number; outputs: SampleOutputs }) => void | Promise<void>,
  ): Promise<void>;
}

/** Every sample's input values: the design point of the sweep's seed turned into each input's distribution. */
export function sweepTasks(spec: SweepSpec, inputs: readonly UncertainInput[]): SampleTask[] {
  const d = inputs.length;
  const points = sweepPoints(spec, d);
  return Array.from({ length: spec.samples }, (_, sample) => ({
    sample,
    values: inputs.map((input, j) => drawValue(input.distribution, points[sample * d + j]!)),
  }));
}

/**
 * Runs the samples of a sweep that the store does not have yet and stores each as it arrives, keyed by sweep and
 * sample: a sweep interrupted anywhere resumes where its stored samples end, and a sample computed twice is stored
 * once. `onProgress` hears the samples stored of the total.
 */
export async function runSweep(
  store: Store,
  spec: SweepSpec,
  inputs: readonly UncertainInput[],
  region: RegionFacts | undefined,
  executor: SweepExecutor,
  onProgress?: (done: number, total: number) => void,
): Promise<{ computed: number; resumedFrom: number }> {
  await saveSweep(store, { spec, inputs: [...inputs], region });
  const stored = await storedSamples(store, spec.id);
  const tasks = sweepTasks(spec, inputs).filter((task) => !stored.has(task.sample));
  const values = new Map(tasks.map((task) => [task.sample, task.values]));
  let done = stored.size;
  onProgress?.(done, spec.samples);
  let computed = 0;
  await executor.run(spec, tasks, async ({ sample, outputs }) => {
    const row: SweepSample = { sample, values: values.get(sample)!, outputs };
    const added = await saveSamples(store, spec.id, [row]);
    computed++;
    done += added;
    onProgress?.(done, spec.samples);
  });
  return { computed, resumedFrom: stored.size };
}
