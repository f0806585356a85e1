import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { corridorSession } from '../../corridor/session.js';
import { compileSweep } from '../../corridor/sweep/spec.js';
import { summarizeSweep, type SweepReport } from '../../corridor/sweep/summary.js';
import { loadSweep } from '../../data/sweep-file.js';
import { runSweep, type SweepExecutor } from '../../parallel/sweep/coordinator.js';
import { localExecutor } from '../../parallel/sweep/local.js';
import { findSweep, loadSamples } from '../../store/sweeps.js';
import type { ServerContext } from '../context.js';
import type { Job } from '../jobs.js';
import { HttpProblem } from '../problem.js';
import { catalogOf } from '../scenarios/scenario-runs.js';

export interface SweepRunParams {
  /** A sweep file of the server's sweeps folder, by name without `.yaml` (e.g. `targets`). */
  sweep: string;
  samples?: number;
  seed?: string | number;
}

/** How far a sweep has got: samples stored of the total (a resumed sweep starts at those stored before). */
export interface SweepProgress {
  done: number;
  total: number;
}

export type SweepRunJob = Job<SweepRunParams, SweepReport, SweepProgress>;

export const SWEEP_RUN = 'sweep-run';

/** Worker threads of a sweep the server runs itself (no queue): one, so the server's other core keeps answering. */
const SERVER_SWEEP_THREADS = 1;

function sweepFile(context: ServerContext, name: string, field: string): string {
  const { sweepsDir } = catalogOf(context);
  const file = join(sweepsDir, `${name}.yaml`);
  if (!existsSync(file)) throw HttpProblem.invalidField(field, `no sweep "${name}" in this server's sweeps folder`);
  return file;
}

/**
 * The runner of sweep jobs: the sweep file is read when the job starts, its samples run on BullMQ when the server
 * has a queue (taken by `caravan worker` processes) or else on a worker thread of the server, and each sample is
 * stored as it comes (store/sweeps.ts), so a sweep job cut off by a restart resumes where its stored samples end.
 * The result is the sweep's report, as `caravan sweep report --json` gives it.
 */
export function defineSweepRuns(context: ServerContext): void {
  context.sweepRuns.define(SWEEP_RUN, async (params, report, signal) => {
    const store = context.store;
    if (store === undefined) throw new Error('this server has no store to keep the samples in');
    const catalog = catalogOf(context);
    const session = corridorSession(context.network, catalog.data);
    const spec = loadSweep(sweepFile(context, params.sweep, 'sweep'), session, {
      ...(params.samples === undefined ? {} : { samples: params.samples }),
      ...(params.seed === undefined ? {} : { seed: params.seed }),
    });
    const { inputs } = compileSweep(session, spec);
    const executor: SweepExecutor =
      context.queueUrl === undefined
        ? localExecutor(catalog.dirs, SERVER_SWEEP_THREADS)
        : (await import('../../parallel/sweep/queue.js')).queueExecutor(context.queueUrl);
    const stopped = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error('the server stopped before the sweep finished')), {
        once: true,
      }),
    );
    const running = runSweep(store, spec, inputs, session.network.region, executor, (done, total) =>
      report({ done, total }),
    );
    // Whichever loses the race settles unheard: the samples go on being stored until the process ends.
    for (const pending of [running, stopped]) pending.catch(() => undefined);
    await Promise.race([running, stopped]);
    const stored = (await findSweep(store, spec.id))!;
    return summarizeSweep(stored.spec, stored.region, stored.inputs, await loadSamples(store, spec.id));
  });
}

/** A sweep as a job: joined when the same sweep is under way, its report at once when it was done before. */
export function submitSweepRun(context: ServerContext, params: SweepRunParams): Promise<SweepRunJob> {
  if (context.store === undefined)
    throw new HttpProblem(503, 'this server has no store: sweeps keep their samples in one');
  sweepFile(context, params.sweep, 'sweep');
  const key = JSON.stringify([params.sweep, params.samples ?? null, params.seed ?? null]);
  return context.sweepRuns.submit(SWEEP_RUN, params, key);
}
