import { parentPort, workerData } from 'node:worker_threads';
import type { ScenarioRunInput, ScenarioWorkerMessage } from './run-result.js';
import { computeScenarioRun } from './run-scenario-job.js';

/** Progress is posted at most this often: the assignment may do thousands of iterations a second. */
const PROGRESS_INTERVAL_MS = 100;

const post = (message: ScenarioWorkerMessage) => parentPort!.postMessage(message);
let lastPost = 0;
try {
  const result = computeScenarioRun(workerData as ScenarioRunInput, ({ iteration, gap }) => {
    const now = performance.now();
    if (now - lastPost < PROGRESS_INTERVAL_MS) return;
    lastPost = now;
    post({ type: 'progress', iteration, gap });
  });
  // The last word on progress is the run's own, whatever the throttle held back.
  post({ type: 'progress', iteration: result.report.assignment.iterations, gap: result.report.assignment.gap });
  post({ type: 'done', result });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
