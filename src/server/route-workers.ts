import type { Worker } from 'node:worker_threads';
import type { Network } from '../model/types.js';
import { NoRouteError, RouteQueryError } from '../routing/plan-routes.js';
import type { RouteQuery } from '../routing/request-schema.js';
import { MAX_ROUTE_WORKERS } from './limits.js';
import type { RouteAnswer, RouteInput } from './route-answer.js';
import { spawnWorker } from './worker-pool.js';

export interface RouteWorkerRequest {
  id: number;
  input: RouteInput;
}

/** A route error as it crosses threads: the kind says which error to throw again on the server's thread. */
interface RouteWorkerError {
  kind: 'query' | 'no-route' | 'fault';
  message: string;
  field?: keyof RouteQuery;
}

export type RouteWorkerReply = { id: number; answer: RouteAnswer } | { id: number; error: RouteWorkerError };

interface Pending {
  resolve: (answer: RouteAnswer) => void;
  reject: (error: Error) => void;
}

/**
 * Route requests answered on worker threads, each with its own copy of the network and its own compiled graphs,
 * search trees and simulation memo: one server process then plans and renders on every core, while its own thread
 * only parses, validates and sends. The answers are those of the server's thread (the same code on the same
 * network). A request goes to the thread with the fewest waiting, ties in turn; a thread that dies fails its requests and is
 * replaced (dropped if it never answered).
 */
export class RouteWorkers {
  private readonly threads: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly network: Network,
    count: number,
  ) {
    if (!Number.isInteger(count) || count < 1 || count > MAX_ROUTE_WORKERS)
      throw new RangeError(`route workers: expected a whole number from 1 to ${MAX_ROUTE_WORKERS}, got ${count}`);
    for (let index = 0; index < count; index++) this.threads.push(this.start());
  }

  get size(): number {
    return this.threads.length;
  }

  answer(input: RouteInput): Promise<RouteAnswer> {
    if (this.closed || this.threads.length === 0)
      return Promise.reject(new Error(this.closed ? 'the route workers are stopped' : 'no route worker is running'));
    const id = this.nextId++;
    // The fewest waiting, ties taken in turn: requests one after another go round every thread (and warm each).
    const count = this.threads.length;
    let thread = this.threads[id % count]!;
    for (let offset = 1; offset < count; offset++) {
      const candidate = this.threads[(id + offset) % count]!;
      if (candidate.pending.size < thread.pending.size) thread = candidate;
    }
    return new Promise<RouteAnswer>((resolve, reject) => {
      // A thread holds the process open only while it owes an answer (an idle pool keeps nothing alive).
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, input } satisfies RouteWorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map(({ worker }) => worker.terminate()));
  }

  private start(): { worker: Worker; pending: Map<number, Pending> } {
    const worker = spawnWorker(import.meta.url, 'route-worker', this.network);
    const thread = { worker, pending: new Map<number, Pending>() };
    let answered = false;
    worker.on('message', (reply: RouteWorkerReply) => {
      answered = true;
      const waiting = thread.pending.get(reply.id);
      if (waiting === undefined) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) thread.worker.unref();
      if ('answer' in reply) waiting.resolve(reply.answer);
      else waiting.reject(toError(reply.error));
    });
    const fail = (error: Error) => {
      for (const waiting of thread.pending.values()) waiting.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`a route worker stopped (exit code ${code})`));
      if (this.closed) return;
      // A thread that never answered would fail again at once: it is dropped rather than restarted in a loop.
      const index = this.threads.indexOf(thread);
      if (index < 0) return;
      if (answered) this.threads[index] = this.start();
      else this.threads.splice(index, 1);
    });
    worker.unref();
    return thread;
  }
}

function toError({ kind, message, field }: RouteWorkerError): Error {
  if (kind === 'no-route') return new NoRouteError(message);
  if (kind === 'query') return new RouteQueryError(message, field);
  return new Error(message);
}
