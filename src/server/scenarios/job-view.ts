import type { z } from 'zod';
import type { jobSchema } from '../schemas/job.js';
import type { ScenarioRunJob } from './scenario-runs.js';

/** A job as the API shows it: dates as ISO text, and where to follow it. */
export function jobView(job: ScenarioRunJob): z.output<typeof jobSchema> {
  return {
    id: job.id,
    kind: 'scenario-run',
    scenario: job.params.scenario,
    settings: job.params.settings,
    status: job.status,
    ...(job.progress === undefined ? {} : { progress: job.progress }),
    submittedAt: job.submittedAt.toISOString(),
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt.toISOString() }),
    cached: job.cached,
    ...(job.result === undefined ? {} : { result: job.result }),
    ...(job.error === undefined ? {} : { error: job.error }),
    href: `/api/jobs/${job.id}`,
  };
}
