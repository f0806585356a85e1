import { fetchJob, startScenarioRun, type ScenarioJob, type ScenarioRunResult } from '../api.js';

/** How often a running job is asked for its progress. */
const POLL_MS = 250;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows a job until it has finished, telling `onProgress` each time it is asked; fails with the job's error. */
export async function followJob(
  job: ScenarioJob,
  onProgress: (job: ScenarioJob) => void = () => {},
): Promise<ScenarioRunResult> {
  let current = job;
  while (current.status === 'running' || current.status === 'queued') {
    onProgress(current);
    await wait(POLL_MS);
    current = await fetchJob(current.id);
  }
  if (current.status === 'failed' || current.result === undefined)
    throw new Error(`the run of ${current.scenario} failed: ${current.error ?? 'no result'}`);
  return current.result;
}

/** Runs a scenario on the server (or takes its kept result) and follows the job to its result. */
export async function runScenario(id: string, onProgress?: (job: ScenarioJob) => void): Promise<ScenarioRunResult> {
  return followJob(await startScenarioRun(id), onProgress);
}

/** "iteration 12, gap 3.4e-3": where a running assignment stands, for the progress line. */
export function progressText(job: ScenarioJob): string {
  if (job.progress === undefined) return `starting ${job.scenario}…`;
  return `${job.scenario}: iteration ${job.progress.iteration}, gap ${job.progress.gap.toExponential(1)} (stops at ${job.settings.gap.toExponential(0)})`;
}
