import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../../model/issues.js';
import { SectionDistances } from '../../monitoring/distance.js';
import { importShipmentsFile } from '../../store/import-shipments.js';
import { asStoreFault, StoreFaultError } from '../../store/store-errors.js';
import { Store } from '../../store/store.js';
import type { PoolReply, PoolRequest, WireError } from '../worker-pool.js';
import type { StoreTask, StoreWorkerData } from './store-workers.js';

/** A store worker thread: its own connection to the server's store, running the imports and indicators asked. */
const { network, location } = workerData as StoreWorkerData;
const distances = new SectionDistances(network);
const opened = Store.open(location);
// A failed open is reported with the task that needed the store, not as an unhandled rejection.
opened.catch(() => undefined);

async function run(task: StoreTask): Promise<unknown> {
  const store = await opened;
  if (task.kind === 'import-shipments') return importShipmentsFile(store, network, task.path, task.options);
  return store.indicators(network, distances, task.options);
}

function toWire(error: unknown): WireError {
  if (error instanceof InvalidInputError) return { kind: 'invalid-input', message: error.message, data: error.issues };
  const fault = asStoreFault(error);
  if (fault instanceof StoreFaultError) return { kind: 'store-fault', message: fault.message, data: fault.kind };
  return { kind: 'fault', message: error instanceof Error ? error.message : String(error) };
}

parentPort!.on('message', ({ id, task }: PoolRequest<StoreTask>) => {
  void run(task).then(
    (result) => parentPort!.postMessage({ id, result } satisfies PoolReply<unknown>),
    (error: unknown) => parentPort!.postMessage({ id, error: toWire(error) } satisfies PoolReply<unknown>),
  );
});
