import { finishJob, findJob, markJobRunning, saveJob, unfinishedJobs, type StoredJob } from '../store/jobs.js';
import type { Store } from '../store/store.js';
import type { Job, JobJournal, JobProgress } from './jobs.js';

/**
 * The store as the server's job journal: jobs of every kind in one table, their inputs and results as JSON. The
 * inputs and results come back as they were written, so the kind's runner and the API read them as before.
 */
export function storeJobJournal<Params, Result, Progress = JobProgress>(
  store: Store,
): JobJournal<Params, Result, Progress> {
  return {
    record: (job) => saveJob(store, stored(job)),
    started: (job) => markJobRunning(store, job.id),
    async finished(job) {
      const at = (job.finishedAt ?? new Date()).toISOString();
      if (job.status === 'succeeded') await finishJob(store, job.id, { status: 'succeeded', result: job.result }, at);
      else await finishJob(store, job.id, { status: 'failed', error: job.error ?? 'failed' }, at);
    },
    async find(id) {
      const row = await findJob(store, id);
      return row === undefined ? undefined : job<Params, Result, Progress>(row);
    },
    unfinished: async () => (await unfinishedJobs(store)).map((row) => job<Params, Result, Progress>(row)),
  };
}

function stored<Params, Result, Progress>(job: Job<Params, Result, Progress>): StoredJob {
  return {
    id: job.id,
    kind: job.kind,
    key: job.key,
    params: job.params,
    status: job.status,
    cached: job.cached,
    submittedAt: job.submittedAt.toISOString(),
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt.toISOString() }),
    ...(job.result === undefined ? {} : { result: job.result }),
    ...(job.error === undefined ? {} : { error: job.error }),
  };
}

function job<Params, Result, Progress>(row: StoredJob): Job<Params, Result, Progress> {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    params: row.params as Params,
    status: row.status,
    submittedAt: new Date(row.submittedAt),
    cached: row.cached,
    ...(row.finishedAt === undefined ? {} : { finishedAt: new Date(row.finishedAt) }),
    ...(row.result === undefined ? {} : { result: row.result as Result }),
    ...(row.error === undefined ? {} : { error: row.error }),
  };
}
