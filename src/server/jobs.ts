import { randomUUID } from 'node:crypto';
import { HttpProblem } from './problem.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

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

type Work<Result> = (report: (progress: JobProgress) => void, signal: AbortSignal) => Promise<Result>;

export interface JobLimits {
  /** Jobs running at once, so the server's cores stay available; the next ones wait their turn. */
  concurrentJobs: number;
  /** Jobs waiting at once; a submission beyond it is refused (429). */
  queuedJobs: number;
  /** Finished jobs, and results by key, kept for reading back; the oldest go first. */
  keptJobs: number;
}

/**
 * An in-memory registry of long computations: each runs once per key (the same inputs give the same result, so a
 * finished result is reused and a running or waiting one joined), reports progress, and is kept for a while after
 * it ends to be read back by id. Beyond the jobs it runs at once, jobs wait in submission order. Nothing survives a
 * restart: results are recomputed on demand.
 */
export class JobRegistry<Params, Result> {
  private readonly jobs = new Map<string, Job<Params, Result>>();
  private readonly results = new Map<string, Result>();
  /** Jobs running or waiting, by key. */
  private readonly running = new Map<string, Job<Params, Result>>();
  private readonly waiting: { job: Job<Params, Result>; work: Work<Result> }[] = [];
  private active = 0;
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
   * The job for `key`: a finished one at once when its result is kept, the running or waiting one when there is
   * one, else a new job running `work`, or waiting for a free slot when as many jobs as allowed run. Refuses with
   * 429 only when the waiting line is full too.
   */
  submit(kind: string, params: Params, key: string, work: Work<Result>): Job<Params, Result> {
    const known = this.results.get(key);
    if (known !== undefined) {
      this.touch(this.results, key, known);
      return this.keep({ ...this.newJob(kind, params, key), status: 'succeeded', cached: true, result: known });
    }
    const joined = this.running.get(key);
    if (joined !== undefined) return joined;
    if (this.active >= this.limits.concurrentJobs && this.waiting.length >= this.limits.queuedJobs) {
      throw new HttpProblem(
        429,
        `${this.active} runs are in progress and ${this.waiting.length} waiting, as many as this server takes; try again when one has finished`,
      );
    }
    const job = this.newJob(kind, params, key);
    this.jobs.set(job.id, job);
    this.running.set(key, job);
    if (this.active < this.limits.concurrentJobs) this.start(job, work);
    else {
      job.status = 'queued';
      this.waiting.push({ job, work });
    }
    return job;
  }

  private start(job: Job<Params, Result>, work: Work<Result>): void {
    this.active++;
    job.status = 'running';
    work((progress) => (job.progress = progress), this.closing.signal)
      .then((result) => {
        job.status = 'succeeded';
        job.result = result;
        this.results.set(job.key, result);
        this.trim(this.results);
      })
      .catch((error: unknown) => {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        job.finishedAt = new Date();
        this.running.delete(job.key);
        this.active--;
        this.keep(job);
        const next = this.closing.signal.aborted ? undefined : this.waiting.shift();
        if (next !== undefined) this.start(next.job, next.work);
      });
  }

  /** Stops the jobs still running (their work hears the abort signal); called when the server closes. */
  close(): void {
    this.closing.abort();
  }

  private newJob(kind: string, params: Params, key: string): Job<Params, Result> {
    // Status is set by submit: running, waiting or (a kept result) succeeded.
    return { id: randomUUID(), kind, params, key, status: 'running', submittedAt: new Date(), cached: false };
  }

  /** Keeps a finished job, dropping the oldest finished ones beyond the limit (running jobs are never dropped). */
  private keep(job: Job<Params, Result>): Job<Params, Result> {
    if (job.status === 'running' || job.status === 'queued') return job;
    if (job.finishedAt === undefined) job.finishedAt = new Date();
    this.jobs.delete(job.id);
    this.jobs.set(job.id, job);
    let finished = [...this.jobs.values()].filter(
      (candidate) => candidate.status !== 'running' && candidate.status !== 'queued',
    );
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
