import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeReliability } from '../../reliability/route-reliability.js';
import { reliabilitySettingsSchema } from '../../reliability/settings-schema.js';
import { describeRequest } from '../../routing/describe-request.js';
import { planRoutes } from '../../routing/plan-routes.js';
import { routeQuerySchema } from '../../routing/request-schema.js';
import type { ApiArea, ServerContext } from '../context.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { reliabilitySummarySchema, routeRequestSchema } from '../schemas/route-response.js';

const responseSchema = z.object({
  description: z.string(),
  request: routeRequestSchema,
  settings: z.object({
    samples: z.number(),
    seed: z.number(),
    borderCorrelation: z.number(),
    deadlineH: z.number().optional(),
  }),
  routes: z.array(
    z.object({
      rank: z.number(),
      nodes: z.array(z.string()),
      totals: z.object({ hours: z.number(), usd: z.number(), kgCo2e: z.number(), km: z.number() }),
      reliability: reliabilitySummarySchema,
    }),
  ),
});

export const reliabilityArea: ApiArea = {
  tag: { name: 'reliability', description: 'Transit-time distributions of the best routes (seeded Monte Carlo)' },
  register(app: FastifyInstance, context: ServerContext) {
    const { network, limits } = context;
    const body = routeQuerySchema.extend(reliabilitySettingsSchema({ maxSamples: limits.reliabilitySamples }).shape);
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/reliability',
      {
        schema: {
          tags: ['reliability'],
          summary: 'Simulate the transit time of the best routes',
          description:
            'P50, P90, P95, the probability of arriving by `deadline` hours and the steps that drive the P90, for the routes `POST /api/route` finds with the same options. The same as `caravan reliability`.',
          body,
          response: { 200: responseSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      (request) => {
        const { samples, seed, borderCorrelation, deadline, ...query } = request.body;
        if (samples * query.alternatives > limits.reliabilitySampleBudget) {
          throw HttpProblem.invalidField(
            'samples',
            `expected samples × alternatives ≤ ${limits.reliabilitySampleBudget.toLocaleString('en-US')}`,
          );
        }
        const settings = {
          samples,
          seed,
          borderCorrelation,
          ...(deadline === undefined ? {} : { deadlineH: deadline }),
        };
        const { request: resolved, routes } = planRoutes(network, query, (unit) =>
          context.routers.routerFor(network, unit),
        );
        return {
          description: describeRequest(resolved, network),
          request: resolved,
          settings,
          routes: routes.map((route) => ({
            rank: route.rank,
            nodes: route.nodes,
            totals: route.totals,
            reliability: routeReliability(network, route, settings),
          })),
        };
      },
    );
  },
};
