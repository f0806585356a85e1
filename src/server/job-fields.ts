import type { Job } from './jobs.js';

/** What every kind of job shows of itself in the API: status, progress, dates as ISO text, outcome, and its href. */
export function jobFields<Params, Result, Progress>(job: Job<Params, Result, Progress>, href: string) {
  return {
    status: job.status,
    ...(job.progress === undefined ? {} : { progress: job.progress }),
    submittedAt: job.submittedAt.toISOString(),
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt.toISOString() }),
    cached: job.cached,
    ...(job.result === undefined ? {} : { result: job.result }),
    ...(job.error === undefined ? {} : { error: job.error }),
    href,
  };
}
