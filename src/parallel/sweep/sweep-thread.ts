import { parentPort, workerData } from 'node:worker_threads';
import type { SweepEvaluator } from '../../corridor/sweep/evaluate.js';
import { sweepEvaluator } from './evaluator.js';
import type { SweepThreadReply, SweepThreadRequest, SweepThreadSetup } from './protocol.js';

/**
 * A sweep thread: compiles the sweep once, then runs the samples the main thread sends, one at a time, and posts
 * each one's outputs. No process start-up and no recompiling per sample.
 */
const port = parentPort!;
const post = (reply: SweepThreadReply) => port.postMessage(reply);
const setup = workerData as SweepThreadSetup;
let evaluator: SweepEvaluator | undefined;
try {
  evaluator = sweepEvaluator(setup.spec, setup.data);
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', sample: null, message: error instanceof Error ? error.message : String(error) });
}
port.on('message', (request: SweepThreadRequest) => {
  if (request.type === 'stop' || evaluator === undefined) {
    port.close();
    return;
  }
  evaluator
    .evaluate(request.values)
    .then((outputs) => post({ type: 'result', sample: request.sample, outputs }))
    .catch((error: unknown) =>
      post({ type: 'failed', sample: request.sample, message: error instanceof Error ? error.message : String(error) }),
    );
});
