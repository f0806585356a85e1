import type { Worker } from 'node:worker_threads';
import type { SampleOutputs } from '../../corridor/sweep/evaluate.js';
import type { SweepSpec } from '../../corridor/sweep/spec.js';
import { startThread } from '../thread-script.js';
import type { SweepData } from './evaluator.js';
import type { SweepThreadReply, SweepThreadRequest, SweepThreadSetup } from './protocol.js';

/**
 * One sweep compiled on a thread of its own, running one sample at a time: a queue worker computes off its main
 * thread, whose event loop keeps renewing the sample's lock meanwhile.
 */
export class SampleThread {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private waiting: { resolve: (outputs: SampleOutputs) => void; reject: (error: Error) => void } | undefined;

  constructor(spec: SweepSpec, data: SweepData) {
    this.worker = startThread(import.meta.url, 'sweep-thread', { spec, data } satisfies SweepThreadSetup);
    this.ready = new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        reject(error);
        this.settle()?.reject(error);
      };
      this.worker.on('message', (reply: SweepThreadReply) => {
        if (reply.type === 'ready') resolve();
        else if (reply.type === 'result') this.settle()?.resolve(reply.outputs);
        else fail(new Error(reply.message));
      });
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => fail(new Error(`the sweep thread stopped (exit code ${code})`)));
    });
  }

  async evaluate(sample: number, values: number[]): Promise<SampleOutputs> {
    await this.ready;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage({ type: 'sample', sample, values } satisfies SweepThreadRequest);
    });
  }

  close(): void {
    void this.worker.terminate();
  }

  private settle() {
    const waiting = this.waiting;
    this.waiting = undefined;
    return waiting;
  }
}
