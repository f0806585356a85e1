import { parentPort, workerData } from 'node:worker_threads';
import { AssignmentInputError } from '../assign/network.js';
import { loadOrigins, TreeWorkspace } from '../assign/shortest-path.js';
import { CONTROL, MESSAGE_BYTES, type WorkerSetup } from './protocol.js';

/**
 * A shortest-path-tree worker: waits on the shared generation counter, loads its share of the origins under the
 * shared costs into its own volume buffer, reports its SPTT and counts itself done. No messages per request: the
 * main thread blocks on Atomics while the workers run, so the assignment core stays synchronous.
 */
const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.control);
const cost = new Float64Array(setup.cost);
const volume = new Float64Array(setup.volume);
const sptt = new Float64Array(setup.sptt);
const message = new Uint8Array(setup.message);
const workspace = new TreeWorkspace(setup.network.nodeCount);

parentPort!.postMessage('ready');
let seen = 0;
for (;;) {
  Atomics.wait(control, CONTROL.generation, seen);
  seen = Atomics.load(control, CONTROL.generation);
  const mode = Atomics.load(control, CONTROL.mode);
  if (mode < 0) break;
  try {
    if (mode === 1) volume.fill(0);
    sptt[setup.index] = loadOrigins(
      setup.network,
      setup.demand,
      setup.origins,
      cost,
      workspace,
      mode === 1 ? volume : null,
    );
  } catch (error) {
    const text = new TextEncoder()
      .encode(error instanceof Error ? error.message : String(error))
      .subarray(0, MESSAGE_BYTES - 1);
    if (Atomics.compareExchange(control, CONTROL.error, 0, error instanceof AssignmentInputError ? 1 : 2) === 0) {
      message.fill(0);
      message.set(text);
    }
  }
  Atomics.add(control, CONTROL.done, 1);
  Atomics.notify(control, CONTROL.done);
}
