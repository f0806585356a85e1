import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scenarioCapacity, type ScenarioCapacity } from '../../corridor/capacity-report.js';
import { scenarioCapacitySchema } from '../../corridor/capacity-schema.js';
import { corridorSession } from '../../corridor/session.js';
import { highsSolver } from '../../data/highs-solver.js';
import type { ApiArea, ServerContext } from '../context.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { catalogOf } from '../scenarios/scenario-runs.js';

const scenarioId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a scenario id such as trend-2027')
  .max(100, 'expected at most 100 characters');

/** Capacities depend only on a scenario's network and year: computed once per server and scenario. */
const computed = new WeakMap<ServerContext, Map<string, Promise<ScenarioCapacity>>>();

export const capacityArea: ApiArea = {
  tag: {
    name: 'capacity',
    description: "Corridor capacity of each region measure on a scenario's network (max-flow LP, HiGHS)",
  },
  register(app: FastifyInstance, context: ServerContext) {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/scenarios/:id/capacity',
      {
        schema: {
          tags: ['capacity'],
          summary: "Each measure's capacity on the scenario's network",
          description:
            "The most tonnes per year each measure of the network's region.yaml can carry on the scenario's network in its year (`caravan capacity`): a max-flow from any freight zone over the practical capacities of links, border crossings and ports, whatever the demand table holds, with the elements that bind (and their shadow prices), the counted links with no capacity on some path (left out of the figure) and the measure's own elements with blank capacities. Blank capacities count as unlimited, so every figure is an upper bound. The forecast flow to set beside it is the run's `report.targets` (`POST /api/scenarios/{id}/runs`).",
          params: z.object({ id: scenarioId }),
          response: { 200: scenarioCapacitySchema, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request) => {
        const catalog = catalogOf(context);
        const { id } = request.params;
        const compiled = catalog.scenarios.get(id);
        if (compiled === undefined)
          throw new HttpProblem(
            404,
            `no scenario "${id}"; expected one of ${[...catalog.scenarios.keys()].join(', ')}`,
          );
        let byId = computed.get(context);
        if (byId === undefined) computed.set(context, (byId = new Map()));
        let capacity = byId.get(id);
        if (capacity === undefined) {
          capacity = scenarioCapacity(corridorSession(context.network, catalog.data), compiled, highsSolver);
          byId.set(id, capacity);
        }
        return capacity;
      },
    );
  },
};
