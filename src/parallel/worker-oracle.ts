import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AssignmentInputError, activeOrigins, type AssignmentNetwork, type OdDemand } from '../assign/network.js';
import { loadOrigins, TreeWorkspace, type ShortestPathOracle } from '../assign/shortest-path.js';
import { CONTROL, CONTROL_SLOTS, MESSAGE_BYTES, type WorkerSetup } from './protocol.js';

/** The compiled worker script; under the test runner (TypeScript sources) it is taken from dist/. */
export function workerScriptPath(): string {
  const here = import.meta.url;
  const relative = here.endsWith('.ts') ? '../../dist/parallel/spt-worker.js' : './spt-worker.js';
  return fileURLToPath(new URL(relative, here));
}

export function workersAvailable(): boolean {
  return existsSync(workerScriptPath());
}

/**
 * All-or-nothing loading spread over `threads` threads: the calling thread plus threads − 1 workers, each taking
 * every threads-th origin (a fixed split, so results do not depend on timing). Calls are synchronous: the caller
 * does its share, then blocks on Atomics until the workers are done, and adds their volumes in a fixed order.
 */
export async function createWorkerOracle(
  network: AssignmentNetwork,
  demand: OdDemand,
  threads: number,
): Promise<ShortestPathOracle> {
  const origins = activeOrigins(demand);
  const workerCount = Math.max(0, Math.min(threads, origins.length) - 1);
  const share = (t: number) => origins.filter((_, k) => k % (workerCount + 1) === t);
  const E = network.linkCount;
  const control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
  const costBuffer = new SharedArrayBuffer(E * 8);
  const spttBuffer = new SharedArrayBuffer(Math.max(1, workerCount) * 8);
  const messageBuffer = new SharedArrayBuffer(MESSAGE_BYTES);
  const volumeBuffers: SharedArrayBuffer[] = [];
  const workers: Worker[] = [];
  const script = workerScriptPath();
  const ready: Promise<void>[] = [];
  for (let w = 0; w < workerCount; w++) {
    const volume = new SharedArrayBuffer(E * 8);
    volumeBuffers.push(volume);
    const setup: WorkerSetup = {
      network,
      demand,
      origins: share(w + 1),
      index: w,
      control,
      cost: costBuffer,
      volume,
      sptt: spttBuffer,
      message: messageBuffer,
    };
    const worker = new Worker(script, { workerData: setup });
    worker.unref();
    workers.push(worker);
    ready.push(
      new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`tree worker exited with code ${code} before starting`)));
      }),
    );
  }
  try {
    await Promise.all(ready);
  } catch (error) {
    for (const worker of workers) void worker.terminate();
    throw error;
  }
  for (const worker of workers) {
    worker.removeAllListeners();
    // Requests report failures through shared memory; this only keeps a late thread error from crashing the process.
    worker.on('error', () => {});
  }
  return new WorkerOracle(
    network,
    demand,
    share(0),
    workers,
    control,
    costBuffer,
    volumeBuffers,
    spttBuffer,
    messageBuffer,
  );
}

class WorkerOracle implements ShortestPathOracle {
  readonly threads: number;
  private readonly control: Int32Array;
  private readonly cost: Float64Array;
  private readonly volumes: Float64Array[];
  private readonly sptt: Float64Array;
  private readonly message: Uint8Array;
  private readonly workspace: TreeWorkspace;
  private closed = false;

  constructor(
    private readonly network: AssignmentNetwork,
    private readonly demand: OdDemand,
    private readonly ownOrigins: Uint32Array,
    private readonly workers: Worker[],
    control: SharedArrayBuffer,
    cost: SharedArrayBuffer,
    volumes: SharedArrayBuffer[],
    sptt: SharedArrayBuffer,
    message: SharedArrayBuffer,
  ) {
    this.threads = workers.length + 1;
    this.control = new Int32Array(control);
    this.cost = new Float64Array(cost);
    this.volumes = volumes.map((buffer) => new Float64Array(buffer));
    this.sptt = new Float64Array(sptt);
    this.message = new Uint8Array(message);
    this.workspace = new TreeWorkspace(network.nodeCount);
  }

  allOrNothing(cost: Float64Array, target: Float64Array | null): number {
    if (this.closed) throw new Error('the worker oracle is closed');
    const { control, workers } = this;
    this.cost.set(cost);
    Atomics.store(control, CONTROL.mode, target === null ? 0 : 1);
    Atomics.store(control, CONTROL.done, 0);
    Atomics.add(control, CONTROL.generation, 1);
    Atomics.notify(control, CONTROL.generation);
    if (target !== null) target.fill(0);
    let sptt = 0;
    let ownError: unknown;
    try {
      sptt = loadOrigins(this.network, this.demand, this.ownOrigins, cost, this.workspace, target);
    } catch (error) {
      ownError = error;
    }
    for (
      let done = Atomics.load(control, CONTROL.done);
      done < workers.length;
      done = Atomics.load(control, CONTROL.done)
    ) {
      Atomics.wait(control, CONTROL.done, done, 1000);
    }
    if (ownError !== undefined) throw ownError;
    const error = Atomics.load(control, CONTROL.error);
    if (error !== 0) {
      const end = this.message.indexOf(0);
      const text = new TextDecoder().decode(this.message.slice(0, end < 0 ? undefined : end));
      Atomics.store(control, CONTROL.error, 0);
      throw error === 1 ? new AssignmentInputError(text) : new Error(`tree worker failed: ${text}`);
    }
    for (let w = 0; w < workers.length; w++) {
      sptt += this.sptt[w]!;
      if (target === null) continue;
      const volume = this.volumes[w]!;
      for (let e = 0; e < target.length; e++) target[e]! += volume[e]!;
    }
    return sptt;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, CONTROL.mode, -1);
    Atomics.add(this.control, CONTROL.generation, 1);
    Atomics.notify(this.control, CONTROL.generation);
    for (const worker of this.workers) void worker.terminate();
  }
}
