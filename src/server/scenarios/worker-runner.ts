import { startThread } from '../../parallel/thread-script.js';
import type { JobProgress } from '../jobs.js';
import type { ScenarioRunInput, ScenarioRunResult, ScenarioWorkerMessage } from './run-result.js';

/** The worker script beside this module, compiled or (under the test runner) the TypeScript source. */
const newWorker = (input: ScenarioRunInput) => startThread(import.meta.url, 'scenario-worker', input);

/**
 * Runs a scenario on a worker thread: the assignment takes from a fraction of a second to many seconds and must not
 * hold up the requests the server answers meanwhile. Stops the thread and fails after `timeoutMs`, or when `signal`
 * aborts (the server closing).
 */
export function runScenarioInWorker(
  input: ScenarioRunInput,
  onProgress: (progress: JobProgress) => void,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ScenarioRunResult> {
  const worker = newWorker(input);
  return new Promise<ScenarioRunResult>((resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new Error('the server stopped before the run finished')), {
      once: true,
    });
    const timer = setTimeout(() => {
      reject(
        new Error(
          `the run took longer than ${timeoutMs / 1000} s, this server's limit, and was stopped; ask for a larger gap or fewer iterations`,
        ),
      );
      void worker.terminate();
    }, timeoutMs);
    const settle = () => clearTimeout(timer);
    worker.on('message', (message: ScenarioWorkerMessage) => {
      if (message.type === 'progress') onProgress({ iteration: message.iteration, gap: message.gap });
      else if (message.type === 'done') {
        settle();
        resolve(message.result);
      } else {
        settle();
        reject(new Error(message.message));
      }
    });
    worker.on('error', (error) => {
      settle();
      reject(error);
    });
    worker.on('exit', (code) => {
      settle();
      reject(new Error(`the scenario worker stopped (exit code ${code}) before it finished`));
    });
  }).finally(() => void worker.terminate());
}
