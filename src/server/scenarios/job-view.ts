import type { z } from 'zod';
import type { jobSchema } from '../schemas/job.js';
import { jobFields } from '../job-fields.js';
import type { ScenarioRunJob } from './scenario-runs.js';

/** A job as the API shows it: dates as ISO text, and where to follow it. */
export function jobView(job: ScenarioRunJob): z.output<typeof jobSchema> {
  return {
    id: job.id,
    kind: 'scenario-run',
    scenario: job.params.scenario,
    settings: job.params.settings,
    ...jobFields(job, `/api/jobs/${job.id}`),
  };
}
