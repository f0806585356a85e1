import { Queue, Worker, type Job as BullJob } from 'bullmq';
import { redisConnection } from '../parallel/sweep/queue.js';

/** What a queued job carries: enough to run it on a server that never saw it submitted. */
export interface QueuedJob {
  id: string;
  kind: string;
  key: string;
  params: unknown;
  submittedAt: string;
}

/**
 * Where a registry's jobs wait and who takes them, beyond this process: with a queue, the waiting line is the
 * queue's (no limit, no 429), and a job a server took and did not finish (the server killed) goes back to it.
 */
export interface JobQueue {
  /**
   * Adds the job, once: a job waiting or running on the queue under its id is left as it is; one the queue has as
   * finished is added again (the caller knows it unfinished: its outcome never reached the store).
   */
  add(job: QueuedJob): Promise<void>;
  /**
   * Starts taking jobs, at most `concurrency` at once; `run` computes one and resolves when its outcome is stored
   * (it rejects only when the server stops first, so the job is taken again).
   */
  take(run: (job: QueuedJob) => Promise<void>, concurrency: number): void;
  close(): Promise<void>;
}

/** Tries per job: each is a server that stopped mid-job (an error of the model is the job's outcome, not a retry). */
const ATTEMPTS = 20;
/** Finished queue entries are kept a day (the store keeps the jobs themselves). */
const KEEP_SECONDS = 24 * 3600;

/**
 * Jobs on BullMQ over Redis (the queue `caravan worker` takes sweep samples from): the queue `name`, the job's id as
 * BullMQ's, and a lock of `lockSeconds` that the taking server renews while the job runs; when the server dies the
 * job goes back to the queue once the lock has run out, for this server after a restart or another one.
 */
export function bullJobQueue(url: string, name: string, lockSeconds: number): JobQueue {
  const connection = redisConnection(url);
  const queue = new Queue<QueuedJob>(name, { connection });
  let worker: Worker<QueuedJob> | undefined;
  let workerConnection: ReturnType<typeof redisConnection> | undefined;
  return {
    async add(job) {
      const existing = await queue.getJob(job.id);
      if (existing !== undefined && ((await existing.isCompleted()) || (await existing.isFailed())))
        await existing.remove();
      await queue.add(job.kind, job, {
        jobId: job.id,
        attempts: ATTEMPTS,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: { age: KEEP_SECONDS },
        removeOnFail: { age: KEEP_SECONDS },
      });
    },
    take(run, concurrency) {
      const lockDuration = lockSeconds * 1000;
      workerConnection = redisConnection(url);
      worker = new Worker<QueuedJob>(name, (job: BullJob<QueuedJob>) => run(job.data), {
        connection: workerConnection,
        concurrency,
        lockDuration,
        stalledInterval: lockDuration,
        maxStalledCount: ATTEMPTS,
      });
      // A connection error is retried by ioredis; the server goes on serving meanwhile.
      worker.on('error', (error) => process.emitWarning(`job queue ${name}: ${error.message}`));
    },
    async close() {
      // Force: jobs under way are not waited for; their locks run out and they are taken again after a restart.
      await worker?.close(true);
      await queue.close();
      workerConnection?.disconnect();
      connection.disconnect();
    },
  };
}
