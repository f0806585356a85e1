import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withPublicPaths } from '../../data/display-path.js';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { storedSweepReport } from '../../store/sweep-report.js';
import { listSweeps } from '../../store/sweeps.js';
import type { Store } from '../../store/store.js';
import type { ApiArea, ServerContext } from '../context.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { registerSweepJobs } from './sweep-jobs.js';
import { sweepListSchema, sweepReportSchema } from '../schemas/sweep.js';

const HOW_TO_RUN = 'run one with `caravan sweep run scenarios/sweeps/targets.yaml` on the store this server opens';

function storeOf(context: ServerContext): Store {
  if (context.store === undefined)
    throw new HttpProblem(503, 'this server has no store, where sweeps are kept; start it with `caravan serve`');
  return context.store;
}

/**
 * The uncertainty sweeps in the store (stored by `caravan sweep run` or a sweep job), and sweep jobs started over
 * HTTP (sweep-jobs.ts).
 */
export const sweepsArea: ApiArea = {
  tag: {
    name: 'sweeps',
    description:
      'Uncertainty sweeps, stored by `caravan sweep run` or started as persistent jobs: the chance of reaching the targets and the inputs that decide it',
  },
  register(app: FastifyInstance, context: ServerContext) {
    registerSweepJobs(app, context);
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/api/sweeps',
      {
        schema: {
          tags: ['sweeps'],
          summary: 'The sweeps in the store, newest first',
          description: `As \`caravan sweep list --json\`. An empty list when none is stored: ${HOW_TO_RUN}.`,
          response: { 200: sweepListSchema, 503: problemSchema },
        },
      },
      async (_request, reply) => {
        void reply.header('cache-control', 'no-store');
        return { sweeps: await listSweeps(storeOf(context)) };
      },
    );
    api.get(
      '/api/sweeps/:id',
      {
        schema: {
          tags: ['sweeps'],
          summary: 'A stored sweep’s report: flow spreads, chance of the targets, top drivers',
          description:
            'The same report as `caravan sweep report <id> --json`, from the samples stored so far (`sweep.completed` of `sweep.samples`).',
          params: z.object({ id: z.string().max(200) }),
          response: { 200: sweepReportSchema, 404: problemSchema, 503: problemSchema },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const found = await storedSweepReport(storeOf(context), id);
        if (found.status === 'no-sweep')
          throw new HttpProblem(404, `no sweep "${id}" in the store (GET /api/sweeps lists them); ${HOW_TO_RUN}`);
        if (found.status === 'no-samples')
          throw new HttpProblem(
            404,
            `sweep "${id}" has no samples stored yet; its \`caravan sweep run\` is under way or stopped before the first`,
          );
        void reply.header('cache-control', 'no-store');
        return withPublicPaths(found.report, PACKAGE_ROOT);
      },
    );
  },
};
