import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module `name` beside `base` (a module's import.meta.url): the compiled JavaScript
 * when the server runs from dist/; under the test runner the TypeScript source through tsx's loader.
 */
export function spawnWorker(base: string, name: string, workerData: unknown): Worker {
  if (!base.endsWith('.ts')) return new Worker(fileURLToPath(new URL(`./${name}.js`, base)), { workerData });
  const script = new URL(`./${name}.ts`, base).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** A task's failure as it crosses threads: `kind` and `data` let the pool's owner throw the right error again. */
export interface WireError {
  kind: string;
  message: string;
  data?: unknown;
}

export type PoolReply<Result> = { id: number; result: Result } | { id: number; error: WireError };
export interface PoolRequest<Task> {
  id: number;
  task: Task;
}

interface Thread<Result> {
  worker: Worker;
  pending: Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>;
  /** With idleMs: ends the thread once it has had no task for that long. */
  idle?: NodeJS.Timeout;
}

/**
 * A few worker threads, started on the first task and kept: each task goes to the thread with the fewest waiting.
 * A thread that dies fails its tasks and is replaced on the next task. Nothing holds the process open but a task in
 * progress. With `idleMs`, a thread ends once it has had no task for that long (0: as soon as it has none), and
 * the next task starts another: V8 does not collect the garbage of a thread that has nothing to do, so a thread kept
 * idle after a large task keeps the heap that task grew, while an ended thread's heap goes back to the system.
 */
export class WorkerPool<Task, Result> {
  private readonly threads: (Thread<Result> | undefined)[];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly spawn: () => Worker,
    count: number,
    private readonly revive: (error: WireError) => Error,
    private readonly options: { idleMs?: number } = {},
  ) {
    this.threads = Array.from({ length: count }, () => undefined);
  }

  run(task: Task): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('the worker threads are stopped'));
    const id = this.nextId++;
    let best = id % this.threads.length;
    for (let index = 0; index < this.threads.length; index++)
      if ((this.threads[index]?.pending.size ?? 0) < (this.threads[best]?.pending.size ?? 0)) best = index;
    const thread = (this.threads[best] ??= this.start(best));
    clearTimeout(thread.idle);
    return new Promise<Result>((resolve, reject) => {
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, task } satisfies PoolRequest<Task>);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const thread of this.threads) clearTimeout(thread?.idle);
    await Promise.all(this.threads.map((thread) => thread?.worker.terminate()));
  }

  private start(index: number): Thread<Result> {
    const worker = this.spawn();
    const thread: Thread<Result> = { worker, pending: new Map() };
    worker.on('message', (reply: PoolReply<Result>) => {
      const waiting = thread.pending.get(reply.id);
      if (waiting === undefined) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      const { idleMs } = this.options;
      if (thread.pending.size === 0 && idleMs !== undefined) {
        thread.idle = setTimeout(() => {
          // Out of the pool first: a task that comes while the thread ends goes to a new one.
          if (this.threads[index] === thread) this.threads[index] = undefined;
          void worker.terminate();
        }, idleMs);
        thread.idle.unref();
      }
      if ('result' in reply) waiting.resolve(reply.result);
      else waiting.reject(this.revive(reply.error));
    });
    const fail = (error: Error) => {
      for (const waiting of thread.pending.values()) waiting.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`a worker thread stopped (exit code ${code})`));
      if (this.threads[index] === thread) this.threads[index] = undefined;
    });
    worker.unref();
    return thread;
  }
}
