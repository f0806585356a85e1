import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../thread-script.js';
import type { SweepData } from './evaluator.js';
import type { SweepExecutor } from './coordinator.js';
import type { SweepThreadReply, SweepThreadRequest, SweepThreadSetup } from './protocol.js';

/** Threads of a local sweep by default: one per core, as the samples are independent. */
export const defaultThreads = () => Math.max(1, availableParallelism());

/**
 * Runs samples on `threads` worker threads of this process, each with the sweep compiled once; a thread takes the
 * next sample as soon as it has posted the last one. A failed sample fails the sweep (what was stored stays).
 */
export function localExecutor(data: SweepData, threads: number): SweepExecutor {
  return {
    describe: () => `${threads} worker thread${threads === 1 ? '' : 's'}`,
    run: (spec, tasks, onResult) =>
      new Promise<void>((resolve, reject) => {
        const queue = [...tasks];
        let pending = queue.length;
        const workers: Worker[] = [];
        let settled = false;
        const finish = (error?: Error) => {
          if (settled) return;
          settled = true;
          for (const worker of workers) void worker.terminate();
          if (error === undefined) resolve();
          else reject(error);
        };
        if (pending === 0) return finish();
        const setup: SweepThreadSetup = { spec, data };
        const count = Math.max(1, Math.min(threads, queue.length));
        for (let t = 0; t < count; t++) {
          const worker = startThread(import.meta.url, 'sweep-thread', setup);
          workers.push(worker);
          const feed = () => {
            const task = queue.shift();
            worker.postMessage(
              (task === undefined ? { type: 'stop' } : { type: 'sample', ...task }) as SweepThreadRequest,
            );
          };
          worker.on('message', (reply: SweepThreadReply) => {
            if (reply.type === 'ready') return feed();
            if (reply.type === 'failed')
              return finish(
                new Error(reply.sample === null ? reply.message : `sample ${reply.sample}: ${reply.message}`),
              );
            Promise.resolve(onResult({ sample: reply.sample, outputs: reply.outputs }))
              .then(() => {
                if (--pending === 0) finish();
                else feed();
              })
              .catch((error: Error) => finish(error));
          });
          worker.on('error', (error) => finish(error));
          worker.on('exit', (code) => {
            if (!settled && code !== 0) finish(new Error(`a sweep thread stopped (exit code ${code})`));
          });
        }
      }),
  };
}
