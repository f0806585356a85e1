import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { diffReports } from '../../corridor/diff.js';
import { withPublicPaths } from '../../data/display-path.js';
import { PACKAGE_ROOT } from '../../data/paths.js';
import type { ApiArea, ServerContext } from '../context.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { scenarioDiffSchema } from '../schemas/flow-report.js';
import { jobSchema } from '../schemas/job.js';
import { jobView } from '../scenarios/job-view.js';
import { linkChanges, linkChangeSchema } from '../scenarios/link-changes.js';
import { runOptionsSchema } from '../scenarios/run-options.js';
import { catalogOf, knownScenarioRun, SCENARIO_RUN, submitScenarioRun } from '../scenarios/scenario-runs.js';

const scenarioId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a scenario id such as trend-2027')
  .max(100, 'expected at most 100 characters');

const scenarioSummary = z.object({
  id: z.string().describe('the file name without .yaml'),
  name: z.string(),
  description: z.string(),
  year: z.number(),
  files: z.array(z.string()).describe('the file and the files it extends, outermost last'),
  levers: z.array(z.record(z.string(), z.unknown())).describe('the policy levers, the base file’s first'),
});

const diffResponse = z.object({
  diff: scenarioDiffSchema,
  links: z.array(linkChangeSchema).describe('flow on each link in both scenarios, largest change first'),
});

const DIFF_DESCRIPTION =
  'Times, costs, flows, corridor shares and target attainment of two scenarios side by side (`caravan scenario diff`). Answers 200 with the diff when both runs are known; otherwise starts them (or joins those under way) and answers 202 with the two jobs: follow them at `GET /api/jobs/{id}`, then ask again.';

export const scenariosArea: ApiArea = {
  tag: {
    name: 'scenarios',
    description: 'Corridor flow scenarios: run one as a job with progress, compare two',
  },
  register(app: FastifyInstance, context: ServerContext) {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const options = runOptionsSchema(context.limits.scenarioIterations);

    api.get(
      '/api/scenarios',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'The scenarios this server can run',
          response: {
            200: z.object({
              scenarios: z.array(scenarioSummary),
              unavailable: z
                .array(z.object({ file: z.string(), reason: z.string() }))
                .describe('scenario files that do not fit this network, and why'),
            }),
            404: problemSchema,
          },
        },
      },
      () => {
        const catalog = catalogOf(context);
        return withPublicPaths(
          {
            scenarios: [...catalog.scenarios].map(([id, { scenario }]) => ({
              id,
              name: scenario.name,
              description: scenario.description,
              year: scenario.year,
              files: scenario.files,
              levers: scenario.levers as unknown as Record<string, unknown>[],
            })),
            unavailable: catalog.unavailable,
          },
          PACKAGE_ROOT,
        );
      },
    );

    api.post(
      '/api/scenarios/:id/runs',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'Run a scenario as a job',
          description:
            'Assigns the scenario’s freight demand to the network of its year (`caravan scenario run`) on a worker thread. Answers 202 with the job, to follow at `GET /api/jobs/{id}`; 200 with the finished job when the same run was done before (runs are deterministic, so results are kept per scenario and options). Beyond the runs the server does at once, a run waits its turn (status `queued`); 429 only when the waiting line is full too.',
          params: z.object({ id: scenarioId }),
          body: options.default({}),
          response: { 200: jobSchema, 202: jobSchema, 400: problemSchema, 404: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const job = await submitScenarioRun(context, request.params.id, request.body);
        void reply
          .code(job.status === 'running' || job.status === 'queued' ? 202 : 200)
          .header('location', `/api/jobs/${job.id}`)
          .header('cache-control', 'no-store');
        return jobView(job);
      },
    );

    api.get(
      '/api/jobs/:id',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'A job: its status, progress and, once done, its result',
          description: `Status \`queued\`, \`running\` (with the assignment's iteration and gap so far), \`succeeded\` (with \`result\`) or \`failed\` (with \`error\`). With a store (as \`caravan serve\` has), jobs are kept in it: queued and running ones are resumed when the server starts again, finished ones are read back by id. Without one, the last ${context.limits.keptJobs} finished jobs are kept in memory.`,
          params: z.object({ id: z.uuid('expected a job id as returned by POST /api/scenarios/{id}/runs') }),
          response: { 200: jobSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const job = await context.scenarioRuns.find(request.params.id);
        // The jobs table holds other kinds too (sweeps: GET /api/sweep-jobs/{id}).
        if (job === undefined || job.kind !== SCENARIO_RUN)
          throw new HttpProblem(
            404,
            `no job ${request.params.id}: it never existed${context.store === undefined ? ` or has been forgotten (this server, without a store, keeps the last ${context.limits.keptJobs} finished jobs)` : ''}; run the scenario again`,
          );
        void reply.header('cache-control', 'no-store');
        return jobView(job);
      },
    );

    api.get(
      '/api/scenarios/diff',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'Compare two scenarios',
          description: DIFF_DESCRIPTION,
          querystring: options.extend({
            base: scenarioId.describe('the reference scenario'),
            other: scenarioId.describe('the scenario to compare with it'),
          }),
          response: {
            200: diffResponse,
            202: z.object({ jobs: z.array(jobSchema) }),
            400: problemSchema,
            404: problemSchema,
            429: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const { base, other, ...runOptions } = request.query;
        const baseRun = knownScenarioRun(context, base, runOptions, 'base');
        const otherRun = knownScenarioRun(context, other, runOptions, 'other');
        if (baseRun !== undefined && otherRun !== undefined) {
          return {
            diff: diffReports(baseRun.scenario.name, baseRun.report, otherRun.scenario.name, otherRun.report),
            links: linkChanges(baseRun.links, otherRun.links),
          };
        }
        const jobs = [
          await submitScenarioRun(context, base, runOptions, 'base'),
          await submitScenarioRun(context, other, runOptions, 'other'),
        ];
        void reply.code(202).header('retry-after', '1').header('cache-control', 'no-store');
        return { jobs: jobs.map(jobView) };
      },
    );
  },
};
