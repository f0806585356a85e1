import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { SampleOutputs } from '../../corridor/sweep/evaluate.js';
import type { SweepSpec } from '../../corridor/sweep/spec.js';
import type { SampleTask, SweepExecutor } from './coordinator.js';
import type { SweepData } from './evaluator.js';
import { SampleThread } from './sample-thread.js';

/** The BullMQ queue every sweep's samples go through; a job is one sample. */
export const SWEEP_QUEUE = 'caravan-sweep-samples';

/** A job's data: the sweep (small, so each job is self-contained), the sample and its input values. */
interface SampleJob {
  spec: SweepSpec;
  sample: number;
  values: number[];
}

/** Tries per sample: a worker that dies mid-sample costs a try; an error in the model fails every try alike. */
const ATTEMPTS = 5;
/** Finished jobs are kept this long, so a coordinator that died can still collect what the workers computed. */
const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * A client of the Redis at a redis:// URL, for BullMQ (which duplicates it for its blocking commands; those need
 * retries without a limit). Made here because BullMQ, as an ES module, does not load ioredis by itself.
 */
export function redisConnection(url: string): Redis {
  if (!/^rediss?:\/\//.test(url)) throw new Error(`--queue: expected a redis://HOST:PORT URL, got "${url}"`);
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** The job of a sample: its id is the sweep and the sample, so adding it again (a resumed sweep) adds nothing. */
const jobId = (spec: SweepSpec, sample: number) => `${spec.id}-s${sample}`;

/**
 * Runs samples on BullMQ: each missing sample becomes a job (or joins the one already queued), any number of
 * `caravan worker --queue` processes take them, and each job's outputs come back as its return value. Jobs that
 * failed on an earlier run are retried; jobs that finished while nobody listened are collected.
 */
export function queueExecutor(url: string): SweepExecutor {
  return {
    describe: () => `BullMQ queue ${SWEEP_QUEUE} on ${url.replace(/\/\/[^@/]*@/, '//…@')}`,
    async run(spec, tasks, onResult) {
      const connection = redisConnection(url);
      const queue = new Queue<SampleJob, SampleOutputs>(SWEEP_QUEUE, { connection });
      const events = new QueueEvents(SWEEP_QUEUE, { connection });
      events.setMaxListeners(0);
      try {
        await events.waitUntilReady();
        await enqueue(queue, spec, tasks);
        const results = tasks.map(async (task) => {
          const job = (await queue.getJob(jobId(spec, task.sample)))!;
          const outputs = await job.waitUntilFinished(events);
          await onResult({ sample: task.sample, outputs });
        });
        await Promise.all(results);
      } finally {
        await events.close();
        await queue.close();
        connection.disconnect();
      }
    },
  };
}

async function enqueue(queue: Queue<SampleJob, SampleOutputs>, spec: SweepSpec, tasks: readonly SampleTask[]) {
  for (const task of tasks) {
    const existing = await queue.getJob(jobId(spec, task.sample));
    if (existing !== undefined && (await existing.isFailed())) await existing.retry();
  }
  const BATCH = 500;
  for (let start = 0; start < tasks.length; start += BATCH)
    await queue.addBulk(
      tasks.slice(start, start + BATCH).map((task) => ({
        name: spec.id,
        data: { spec, sample: task.sample, values: task.values },
        opts: {
          jobId: jobId(spec, task.sample),
          attempts: ATTEMPTS,
          backoff: { type: 'fixed', delay: 1000 },
          removeOnComplete: { age: KEEP_SECONDS },
          removeOnFail: { age: KEEP_SECONDS },
        },
      })),
    );
}

export interface QueueWorkerOptions {
  url: string;
  data: SweepData;
  /**
   * Seconds a sample's lock lasts: a worker renews it while it runs, and when a worker dies its sample goes back to
   * the queue once the lock has run out (checked as often).
   */
  lockSeconds: number;
  /** Hears each sample as it starts (ms undefined) and as it ends. */
  onSample?: (spec: SweepSpec, sample: number, ms?: number) => void;
}

/**
 * A worker process's consumer: takes one sample at a time, compiles each sweep once on a thread of its own (kept for
 * the sweep's next samples) and returns the sample's outputs; the main thread stays free to renew the sample's
 * lock. Returns the BullMQ worker, to close on a signal.
 */
export function startQueueWorker(options: QueueWorkerOptions): Worker<SampleJob, SampleOutputs> {
  const threads = new Map<string, SampleThread>();
  const threadFor = (spec: SweepSpec) => {
    let thread = threads.get(spec.id);
    if (thread === undefined) {
      thread = new SampleThread(spec, options.data);
      threads.set(spec.id, thread);
      // A worker serves sweep after sweep: keep the compiled state of the last few.
      if (threads.size > 2) {
        const [oldest, first] = threads.entries().next().value!;
        first.close();
        threads.delete(oldest);
      }
    }
    return thread;
  };
  const lockDuration = options.lockSeconds * 1000;
  const connection = redisConnection(options.url);
  const worker = new Worker<SampleJob, SampleOutputs>(
    SWEEP_QUEUE,
    async (job: Job<SampleJob, SampleOutputs>) => {
      const started = performance.now();
      options.onSample?.(job.data.spec, job.data.sample);
      const outputs = await threadFor(job.data.spec).evaluate(job.data.sample, job.data.values);
      options.onSample?.(job.data.spec, job.data.sample, performance.now() - started);
      return outputs;
    },
    {
      connection,
      concurrency: 1,
      lockDuration,
      stalledInterval: lockDuration,
      // A sample whose worker dies is put back each time; only errors of its own count against its attempts.
      maxStalledCount: ATTEMPTS,
    },
  );
  worker.on('closed', () => {
    for (const thread of threads.values()) thread.close();
    connection.disconnect();
  });
  return worker;
}
