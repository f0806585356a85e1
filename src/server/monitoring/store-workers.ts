import type { Network } from '../../model/types.js';
import { InvalidInputError, type InputIssue } from '../../model/issues.js';
import type { StoreLocation } from '../../store/database-url.js';
import type { ImportOptions, ImportSummary } from '../../store/import-file.js';
import { StoreFaultError, type StoreFaultKind } from '../../store/store-errors.js';
import { spawnWorker, WorkerPool, type WireError } from '../worker-pool.js';
import type { StoreAnswerText, StoreQuery } from './store-answers.js';

/**
 * What a store worker thread does: an import of an uploaded file (by its path: the upload was streamed to a
 * temporary file, so no body crosses threads), or an answer computed from the stored shipments, written out.
 */
export type StoreTask =
  | { kind: 'import-shipments'; path: string; options: Omit<ImportOptions, 'onProgress'> }
  | { kind: 'answer'; query: StoreQuery };

export interface StoreWorkerData {
  network: Network;
  location: StoreLocation;
}

/** Store worker threads for answers (`caravan serve` starts two): a slow answer does not keep the others waiting. */
export const STORE_WORKERS = 2;
/**
 * How long an answer thread with nothing to do is kept: answers are computed in bursts (after each import), and a
 * thread that ends gives back the heap its answers grew, which an idle thread keeps (V8 collects no idle heap).
 */
const ANSWER_THREAD_IDLE_MS = 5000;

/**
 * Imports and indicators computed on worker threads, each with its own connection to the store and its own copy of
 * the network: parsing a 50 MB file, checking its rows, computing indicators over a large store and writing them out take
 * seconds of CPU that would otherwise stall every request of the server. The work is the same code as on the request thread
 * (the CLI's), so the answers are the same, all or nothing, under the store's import lock.
 *
 * Imports run on a thread of their own that ends when no import is left, and answer threads end after a few idle
 * seconds (the next task starts another): V8 does not collect an idle thread's heap, so a thread that had imported a
 * 50 MB file kept its garbage, about 600 MB, until its next task; an ended thread's heap goes back to the system at
 * once. The import's own thread also keeps answers from waiting behind an import.
 */
export class StoreWorkers {
  private readonly answers: WorkerPool<StoreTask, unknown>;
  private readonly imports: WorkerPool<StoreTask, unknown>;

  constructor(network: Network, location: StoreLocation, count = STORE_WORKERS) {
    const data: StoreWorkerData = { network, location };
    const spawn = () => spawnWorker(import.meta.url, 'store-worker', data);
    this.answers = new WorkerPool(spawn, count, revive, { idleMs: ANSWER_THREAD_IDLE_MS });
    // One thread: imports take the store's write lock one at a time anyway.
    this.imports = new WorkerPool(spawn, 1, revive, { idleMs: 0 });
  }

  importShipments(path: string, options: Omit<ImportOptions, 'onProgress'>): Promise<ImportSummary> {
    return this.imports.run({ kind: 'import-shipments', path, options }) as Promise<ImportSummary>;
  }

  /** Indicators or a chart as text: a string crosses threads in one copy, where the report's objects would be cloned. */
  answer(query: StoreQuery): Promise<StoreAnswerText> {
    return this.answers.run({ kind: 'answer', query }) as Promise<StoreAnswerText>;
  }

  async close(): Promise<void> {
    await Promise.all([this.answers.close(), this.imports.close()]);
  }
}

/** Whether a store can be opened again by another thread: an in-memory SQLite store is this connection's alone. */
export const sharedStore = (location: StoreLocation): boolean =>
  location.backend === 'postgres' || location.path !== ':memory:';

/** The error a worker reported, as the request thread's error handlers know it (400, 503 or 500). */
function revive({ kind, message, data }: WireError): Error {
  if (kind === 'invalid-input') {
    const error = new InvalidInputError(data as InputIssue[]);
    error.message = message;
    return error;
  }
  if (kind === 'store-fault') return new StoreFaultError(data as StoreFaultKind, message);
  return new Error(message);
}
