import { randomUUID } from 'node:crypto';
import { HttpProblem } from './problem.js';

export type JobStatus = 'running' | 'succeeded' | 'failed';

/** How far a job has got: the assignment's iteration and gap. */
export interface JobProgress {
  iteration: number;
  gap: number;
}

export interface Job<Params, Result> {
  id: string;
  /** What the job computes, e.g. `scenario-run`, and with what inputs. */
  kind: string;
  params: Params;
  /** The job's inputs as resolved; the same key always gives the same result. */
  key: string;
  status: JobStatus;
  progress?: JobProgress;
  submittedAt: Date;
  finishedAt?: Date;
  /** True when the result came from an earlier job with the same key. */
  cached: boolean;
  result?: Result;
  error?: string;
}

export interface JobLimits {
  /** Jobs running at once; a submission beyond it is refused (429), so the server's cores stay available. */
  concurrentJobs: number;
  /** Finished jobs, and results by key, kept for reading back; the oldest go first. */
  keptJobs: number;
}

/**
 * An in-memory registry of long computations: each runs once per key (the same inputs give the same result, so a
 * finished result is reused and a running one joined), reports progress, and is kept for a while after it ends to
 * be read back by id. Nothing survives a restart: results are recomputed on demand.
 */
export class JobRegistry<Params, Result> {
  private readonly jobs = new Map<string, Job<Params, Result>>();
  private readonly results = new Map<string, Result>();
  private readonly running = new Map<string, Job<Params, Result>>();
  /** Aborted when the registry closes: running work stops with the server. */
  private readonly closing = new AbortController();

  constructor(private readonly limits: JobLimits) {}

  get(id: string): Job<Params, Result> | undefined {
    return this.jobs.get(id);
  }

  /** The result of a finished job with this key, if still kept. */
  resultFor(key: string): Result | undefined {
    return this.results.get(key);
  }

  /**
   * The job for `key`: a finished one at once when its result is kept, the running one when there is one, else a
   * new job running `work`. Refuses with 429 when as many jobs as allowed are running.
   */
  submit(
    kind: string,
    params: Params,
    key: string,
    work: (report: (progress: JobProgress) => void, signal: AbortSignal) => Promise<Result>,
  ): Job<Params, Result> {
    const known = this.results.get(key);
    if (known !== undefined) {
      this.touch(this.results, key, known);
      return this.keep({ ...this.newJob(kind, params, key), status: 'succeeded', cached: true, result: known });
    }
    const joined = this.running.get(key);
    if (joined !== undefined) return joined;
    if (this.running.size >= this.limits.concurrentJobs) {
      throw new HttpProblem(
        429,
        `${this.running.size} runs are in progress, as many as this server runs at once; try again when one has finished`,
      );
    }
    const job = this.newJob(kind, params, key);
    this.jobs.set(job.id, job);
    this.running.set(key, job);
    work((progress) => (job.progress = progress), this.closing.signal)
      .then((result) => {
        job.status = 'succeeded';
        job.result = result;
        this.results.set(key, result);
        this.trim(this.results);
      })
      .catch((error: unknown) => {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        job.finishedAt = new Date();
        this.running.delete(key);
        this.keep(job);
      });
    return job;
  }

  /** Stops the jobs still running (their work hears the abort signal); called when the server closes. */
  close(): void {
    this.closing.abort();
  }

  private newJob(kind: string, params: Params, key: string): Job<Params, Result> {
    return { id: randomUUID(), kind, params, key, status: 'running', submittedAt: new Date(), cached: false };
  }

  /** Keeps a finished job, dropping the oldest finished ones beyond the limit (running jobs are never dropped). */
  private keep(job: Job<Params, Result>): Job<Params, Result> {
    if (job.status === 'running') return job;
    if (job.finishedAt === undefined) job.finishedAt = new Date();
    this.jobs.delete(job.id);
    this.jobs.set(job.id, job);
    let finished = [...this.jobs.values()].filter((candidate) => candidate.status !== 'running');
    while (finished.length > this.limits.keptJobs) {
      this.jobs.delete(finished[0]!.id);
      finished = finished.slice(1);
    }
    return job;
  }

  /** Re-inserting keeps a Map in least-recently-used order, so the oldest entry is the first key. */
  private touch<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
  }

  private trim<V>(map: Map<string, V>): void {
    while (map.size > this.limits.keptJobs) map.delete(map.keys().next().value!);
  }
}
