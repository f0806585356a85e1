import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { jobFields } from '../job-fields.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { submitSweepRun, SWEEP_RUN, type SweepRunJob } from '../sweeps/sweep-runs.js';

/** The most samples a sweep started through the API may ask for; a larger sweep runs from the CLI. */
const API_MAX_SWEEP_SAMPLES = 5000;

const sweepBody = z.strictObject({
  sweep: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected the name of a sweep file of the server, such as targets')
    .max(100, 'expected at most 100 characters'),
  samples: z
    .number()
    .int('expected a whole number')
    .min(2, `expected a number of samples from 2 to ${API_MAX_SWEEP_SAMPLES}`)
    .max(API_MAX_SWEEP_SAMPLES, `expected a number of samples from 2 to ${API_MAX_SWEEP_SAMPLES}`)
    .optional()
    .describe('instead of the file’s'),
  seed: z
    .union([z.number().int(), z.string().min(1).max(100)], { error: 'expected a whole number or a word' })
    .optional()
    .describe('instead of the file’s'),
});

const sweepJobSchema = z.object({
  id: z.string(),
  kind: z.literal(SWEEP_RUN),
  sweep: z.string(),
  samples: z.number().optional(),
  seed: z.union([z.number(), z.string()]).optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']).describe('queued: waiting for the sweep under way'),
  progress: z
    .object({ done: z.number(), total: z.number() })
    .optional()
    .describe('while running: samples stored of the total'),
  submittedAt: z.string(),
  finishedAt: z.string().optional(),
  cached: z.boolean(),
  result: z.unknown().optional().describe('the sweep report, as `caravan sweep report ID --json` gives it'),
  error: z.string().optional(),
  href: z.string().describe('where to follow the job'),
});

function sweepJobView(job: SweepRunJob): z.output<typeof sweepJobSchema> {
  return {
    id: job.id,
    kind: SWEEP_RUN,
    sweep: job.params.sweep,
    ...(job.params.samples === undefined ? {} : { samples: job.params.samples }),
    ...(job.params.seed === undefined ? {} : { seed: job.params.seed }),
    ...jobFields(job, `/api/sweep-jobs/${job.id}`),
  };
}

/** Starting an uncertainty sweep as a job, and following it to its report (part of the sweeps area). */
export function registerSweepJobs(app: FastifyInstance, context: ServerContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/sweeps',
    {
      schema: {
        tags: ['sweeps'],
        summary: 'Start a sweep',
        description:
          'Runs a sweep file of the server (`scenarios/sweeps/NAME.yaml`), optionally with another sample count or seed, as a job: answers 202 with the job, to follow at `GET /api/sweep-jobs/{id}`; its result is the sweep report. Each sample is stored as it is computed, so a sweep cut off by a restart resumes where its samples end. With `caravan serve --queue redis://…` the job waits on BullMQ and its samples are taken by `caravan worker` processes; without, they run on a worker thread of the server. Sweeps run one at a time; the others wait (status `queued`).',
        body: sweepBody,
        response: { 200: sweepJobSchema, 202: sweepJobSchema, 400: problemSchema, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const { sweep, samples, seed } = request.body;
      const job = await submitSweepRun(context, {
        sweep,
        ...(samples === undefined ? {} : { samples }),
        ...(seed === undefined ? {} : { seed }),
      });
      void reply
        .code(job.status === 'running' || job.status === 'queued' ? 202 : 200)
        .header('location', `/api/sweep-jobs/${job.id}`)
        .header('cache-control', 'no-store');
      return sweepJobView(job);
    },
  );
  api.get(
    '/api/sweep-jobs/:id',
    {
      schema: {
        tags: ['sweeps'],
        summary: 'A sweep job: its status, samples done and, once done, the sweep report',
        params: z.object({ id: z.uuid('expected a job id as returned by POST /api/sweeps') }),
        response: { 200: sweepJobSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const job = await context.sweepRuns.find(request.params.id);
      if (job === undefined || job.kind !== SWEEP_RUN)
        throw new HttpProblem(404, `no sweep job ${request.params.id}; start one with POST /api/sweeps`);
      void reply.header('cache-control', 'no-store');
      return sweepJobView(job);
    },
  );
}
