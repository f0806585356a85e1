import type { Store } from './store.js';
import type { JobsTable } from './tables.js';

export type StoredJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A job as the store keeps it: inputs and result as the JSON values they were given as. */
export interface StoredJob {
  id: string;
  kind: string;
  key: string;
  params: unknown;
  status: StoredJobStatus;
  cached: boolean;
  submittedAt: string;
  finishedAt?: string;
  result?: unknown;
  error?: string;
}

/** Records a new job; a job already stored under this id is left as it is (a repeated write changes nothing). */
export async function saveJob(store: Store, job: StoredJob): Promise<void> {
  await store.db
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      job_key: job.key,
      params: JSON.stringify(job.params),
      status: job.status,
      cached: job.cached ? 1 : 0,
      submitted_at: job.submittedAt,
      finished_at: job.finishedAt ?? null,
      result: job.result === undefined ? null : JSON.stringify(job.result),
      error: job.error ?? null,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/** Marks a waiting job as running; a finished one stays finished. */
export async function markJobRunning(store: Store, id: string): Promise<void> {
  await store.db
    .updateTable('jobs')
    .set({ status: 'running' })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/**
 * Stores a job's outcome once: only a job not yet finished takes it, so a job computed twice (resumed after a
 * crash that came between the result and its write) keeps the first result. Returns whether this write stored it.
 */
export async function finishJob(
  store: Store,
  id: string,
  outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: string },
  finishedAt: string,
): Promise<boolean> {
  const written = await store.db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      finished_at: finishedAt,
      result: outcome.status === 'succeeded' ? JSON.stringify(outcome.result) : null,
      error: outcome.status === 'failed' ? outcome.error : null,
    })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(written.numUpdatedRows) === 1;
}

export async function findJob(store: Store, id: string): Promise<StoredJob | undefined> {
  const row = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : storedJob(row);
}

/** The jobs a server stopped before finishing, oldest first: what it resumes at start-up. */
export async function unfinishedJobs(store: Store): Promise<StoredJob[]> {
  const rows = await store.db
    .selectFrom('jobs')
    .selectAll()
    .where('status', 'in', ['queued', 'running'])
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return rows.map(storedJob);
}

function storedJob(row: JobsTable): StoredJob {
  return {
    id: row.id,
    kind: row.kind,
    key: row.job_key,
    params: JSON.parse(row.params) as unknown,
    status: row.status as StoredJobStatus,
    cached: row.cached === 1,
    submittedAt: row.submitted_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    ...(row.result === null ? {} : { result: JSON.parse(row.result) as unknown }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}
