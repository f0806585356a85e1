import { randomUUID } from 'node:crypto';
import type { JobQueue, QueuedJob } from './job-queue.js';
import { HttpProblem } from './problem.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** How far a job has got: the assignment's iteration and gap. */
export interface JobProgress {
  iteration: number;
  gap: number;
}

export interface Job<Params, Result, Progress = JobProgress> {
  id: string;
  /** What the job computes, e.g. `scenario-run`, and with what inputs. */
  kind: string;
  params: Params;
  /** The job's inputs as resolved; the same key always gives the same result. */
  key: string;
  status: JobStatus;
  progress?: Progress;
  submittedAt: Date;
  finishedAt?: Date;
  /** True when the result came from an earlier job with the same key. */
  cached: boolean;
  result?: Result;
  error?: string;
}

/**
 * What a kind of job computes from its inputs (one per kind, e.g. `scenario-run`): given the inputs alone, so that a
 * job stored before a restart can be run again by the runner of its kind.
 */
export type JobWork<Params, Result, Progress = JobProgress> = (
  params: Params,
  report: (progress: Progress) => void,
  signal: AbortSignal,
) => Promise<Result>;

/**
 * Where jobs are kept beyond the process (the store): each job when submitted, when it starts and its outcome once.
 * Without one, jobs live in memory only.
 */
export interface JobJournal<Params, Result, Progress = JobProgress> {
  record(job: Job<Params, Result, Progress>): Promise<void>;
  started(job: Job<Params, Result, Progress>): Promise<void>;
  finished(job: Job<Params, Result, Progress>): Promise<void>;
  find(id: string): Promise<Job<Params, Result, Progress> | undefined>;
  /** The jobs queued or running when the last process stopped, oldest first. */
  unfinished(): Promise<Job<Params, Result, Progress>[]>;
}

export interface JobLimits {
  /** Jobs running at once, so the server's cores stay available; the next ones wait their turn. */
  concurrentJobs: number;
  /** Jobs waiting at once; a submission beyond it is refused (429). Not with a queue: its line has no limit. */
  queuedJobs: number;
  /** Finished jobs, and results by key, kept for reading back; the oldest go first. */
  keptJobs: number;
}

let lastSubmittedMs = 0;

/**
 * The submission time of a new job, a millisecond after the last one's at the least: a restarted server resumes jobs
 * in the order of these times, and jobs submitted within one millisecond would otherwise tie (and go by random id).
 */
function nextSubmittedAt(): Date {
  lastSubmittedMs = Math.max(Date.now(), lastSubmittedMs + 1);
  return new Date(lastSubmittedMs);
}

/**
 * The registry of long computations, one runner per kind: each job runs once per key (the same inputs give the same
 * result, so a finished result is reused and a running or waiting one joined), reports progress, and is kept for a
 * while after it ends to be read back by id. Beyond the jobs it runs at once, jobs wait in submission order. With a
 * journal (the store) a job is written down before it is answered, so after a restart `resume` runs again the jobs
 * left queued or running, and a finished job is read back by id from the journal.
 *
 * With a queue (BullMQ over Redis, `caravan serve --queue`) jobs wait on the queue instead of in this process: none
 * is refused, and this server takes them from it as many at once as it runs. A job the server was running when it
 * died goes back to the queue when its lock runs out, and is taken again after the restart (or by another server on
 * the same queue and store); the journal still holds each job's inputs and its one outcome.
 */
export class JobRegistry<Params, Result, Progress = JobProgress> {
  private readonly jobs = new Map<string, Job<Params, Result, Progress>>();
  private readonly results = new Map<string, Result>();
  /** Jobs running or waiting, by key. */
  private readonly running = new Map<string, Job<Params, Result, Progress>>();
  private readonly waiting: Job<Params, Result, Progress>[] = [];
  private readonly kinds = new Map<string, JobWork<Params, Result, Progress>>();
  private active = 0;
  /** Aborted when the registry closes: running work stops with the server. */
  private readonly closing = new AbortController();
  /** Jobs running, awaited on close (they stop at the abort) before the journal's writes. */
  private readonly settling = new Set<Promise<void>>();
  /** Journal writes under way, awaited on close so that none is cut off by the store closing. */
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly limits: JobLimits,
    private readonly journal?: JobJournal<Params, Result, Progress>,
    private readonly queue?: JobQueue,
  ) {}

  /** Says how jobs of `kind` are computed; a kind must be defined before jobs of it are submitted or resumed. */
  define(kind: string, work: JobWork<Params, Result, Progress>): void {
    this.kinds.set(kind, work);
  }

  get(id: string): Job<Params, Result, Progress> | undefined {
    return this.jobs.get(id);
  }

  /** The job with this id: kept in memory, else (a job of an earlier process, or one dropped from memory) the journal's. */
  async find(id: string): Promise<Job<Params, Result, Progress> | undefined> {
    const known = this.jobs.get(id);
    // On a queue, a job this server submitted may be taken by another server: the journal knows how it went.
    if (known?.status === 'queued' && this.queue !== undefined) return (await this.journal?.find(id)) ?? known;
    return known ?? (await this.journal?.find(id));
  }

  /** The result of a finished job with this key, if still kept. */
  resultFor(key: string): Result | undefined {
    return this.results.get(key);
  }

  /**
   * The job for `key`: a finished one at once when its result is kept, the running or waiting one when there is
   * one, else a new job of `kind`, running or waiting for a free slot when as many jobs as allowed run. Refuses with
   * 429 only when the waiting line is full too. With a journal, the job is written down before it is returned.
   */
  async submit(kind: string, params: Params, key: string): Promise<Job<Params, Result, Progress>> {
    if (!this.kinds.has(kind)) throw new Error(`no runner for jobs of kind ${kind}`);
    const known = this.results.get(key);
    if (known !== undefined) {
      this.touch(this.results, key, known);
      const job = this.keep({ ...this.newJob(kind, params, key), status: 'succeeded', cached: true, result: known });
      await this.journal?.record(job);
      return job;
    }
    const joined = this.running.get(key);
    if (joined !== undefined) return joined;
    if (
      this.queue === undefined &&
      this.active >= this.limits.concurrentJobs &&
      this.waiting.length >= this.limits.queuedJobs
    ) {
      throw new HttpProblem(
        429,
        `${this.active} runs are in progress and ${this.waiting.length} waiting, as many as this server takes; try again when one has finished`,
      );
    }
    const job = this.newJob(kind, params, key);
    this.running.set(key, job);
    try {
      await this.journal?.record(job);
    } catch (error) {
      this.running.delete(key);
      throw error;
    }
    if (this.queue === undefined) this.enqueue(job);
    else {
      this.jobs.set(job.id, job);
      try {
        await this.queue.add(queued(job));
      } catch (error) {
        // Written down but not queued: the next start's resume queues it.
        this.running.delete(key);
        throw error;
      }
    }
    return job;
  }

  /**
   * Takes up the jobs the journal says were queued or running when the last process stopped, in their submission
   * order (a running one starts again from the beginning: runs are deterministic). Returns how many.
   */
  async resume(): Promise<number> {
    // Only the kinds defined here: another registry on the same store (another kind of job) takes up its own.
    const left = ((await this.journal?.unfinished()) ?? []).filter((job) => this.kinds.has(job.kind));
    if (this.queue !== undefined) {
      // Each is on the queue already unless the last server died between writing it down and queueing it; adding
      // it again changes nothing. The jobs are known here so that a new submission of the same inputs joins them.
      for (const job of left) {
        if (!this.running.has(job.key)) this.running.set(job.key, job);
        if (!this.jobs.has(job.id)) this.jobs.set(job.id, job);
        await this.queue.add(queued(job));
      }
      this.queue.take((entry) => this.runQueued(entry), this.limits.concurrentJobs);
      return left.length;
    }
    for (const job of left) if (!this.jobs.has(job.id) && !this.running.has(job.key)) this.enqueue(job);
    return left.length;
  }

  /**
   * A job taken from the queue: the one this server knows by id, else the journal's, else the queue entry's own
   * inputs. One already finished (its outcome stored before the server died) is not run again.
   */
  private async runQueued(entry: QueuedJob): Promise<void> {
    if (this.closing.signal.aborted) throw new Error('the server is stopping');
    let job = this.jobs.get(entry.id) ?? (await this.journal?.find(entry.id));
    job ??= {
      id: entry.id,
      kind: entry.kind,
      key: entry.key,
      params: entry.params as Params,
      status: 'queued',
      submittedAt: new Date(entry.submittedAt),
      cached: false,
    };
    if (job.status === 'succeeded' || job.status === 'failed') return;
    this.jobs.set(job.id, job);
    this.running.set(job.key, job);
    this.active++;
    await this.execute(job);
    this.active--;
    // The outcome is in the store before the queue hears the job is done: a job the queue has as finished is.
    await Promise.all(this.writes);
    // Stopped by the server closing: not an outcome, so the queue gives the job to the next server.
    if (this.closing.signal.aborted) throw new Error('the server stopped before the job finished');
  }

  private enqueue(job: Job<Params, Result, Progress>): void {
    this.jobs.set(job.id, job);
    this.running.set(job.key, job);
    if (this.active < this.limits.concurrentJobs) this.start(job);
    else {
      job.status = 'queued';
      this.waiting.push(job);
    }
  }

  /** Runs a job in this process's own line, then the next one waiting. */
  private start(job: Job<Params, Result, Progress>): void {
    this.active++;
    void this.execute(job).then(() => {
      this.active--;
      const next = this.closing.signal.aborted ? undefined : this.waiting.shift();
      if (next !== undefined) this.start(next);
    });
  }

  /** Computes a job with its kind's runner and keeps its outcome (journal, results by key); never rejects. */
  private execute(job: Job<Params, Result, Progress>): Promise<void> {
    job.status = 'running';
    this.write(() => this.journal?.started(job));
    const work = this.kinds.get(job.kind);
    const computed =
      work === undefined
        ? Promise.reject(new Error(`this server has no runner for jobs of kind ${job.kind}`))
        : work(job.params, (progress) => (job.progress = progress), this.closing.signal);
    const settled = computed
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
        // A job stopped by the server closing is not failed: the journal keeps it unfinished for the next start.
        if (!this.closing.signal.aborted) this.write(() => this.journal?.finished(job));
        this.keep(job);
        this.settling.delete(settled);
      });
    this.settling.add(settled);
    return settled;
  }

  /**
   * Stops the jobs still running (their work hears the abort signal) and waits for the journal's writes; called when
   * the server closes. Jobs stopped so stay unfinished in the journal, to be resumed.
   */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all(this.settling);
    await this.queue?.close();
    await Promise.all(this.writes);
  }

  /** A journal write in the background; a failed one is warned about (the job goes on in memory). */
  private write(operation: () => Promise<void> | undefined): void {
    const pending = operation();
    if (pending === undefined) return;
    const tracked = pending
      .catch((error: unknown) =>
        process.emitWarning(
          `a job could not be written to the store: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => this.writes.delete(tracked));
    this.writes.add(tracked);
  }

  private newJob(kind: string, params: Params, key: string): Job<Params, Result, Progress> {
    // Status is set by enqueue: running or waiting, or (a kept result) succeeded.
    return { id: randomUUID(), kind, params, key, status: 'queued', submittedAt: nextSubmittedAt(), cached: false };
  }
  /** Keeps a finished job, dropping the oldest finished ones beyond the limit (running jobs are never dropped). */
  private keep(job: Job<Params, Result, Progress>): Job<Params, Result, Progress> {
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

/** What the queue carries of a job: its identity and inputs, so any server on the queue can run it. */
function queued<Params, Result, Progress>(job: Job<Params, Result, Progress>): QueuedJob {
  return { id: job.id, kind: job.kind, key: job.key, params: job.params, submittedAt: job.submittedAt.toISOString() };
}
