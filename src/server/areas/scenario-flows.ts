import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { flowsToGeoJson } from '../../data/flow-geojson.js';
import { flowsCsv } from '../../render/flows-csv.js';
import type { ApiArea, ServerContext } from '../context.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { featureCollectionSchema } from '../schemas/geojson.js';
import { runOptionsSchema } from '../scenarios/run-options.js';
import { knownScenarioRun } from '../scenarios/scenario-runs.js';
import { sendRaw } from '../send-raw.js';

const FORMATS = ['geojson', 'csv'] as const;

const DESCRIPTION =
  'The flow on every link with traffic of a scenario run already done with these options (`POST /api/scenarios/{id}/runs`), for download: GeoJSON LineStrings along the links, or CSV with one row per link (scenario, year, link, mode, from, to, km, forward_mt, backward_mt, total_mt, vc; Mt/yr, vc empty where no capacity limits the link). Reads only: a run not done yet is a 409 problem saying how to start it.';

/** A scenario run's link flows in the API's file formats: read-only, from the runs the server keeps. */
export const scenarioFlowsArea: ApiArea = {
  tag: { name: 'exports', description: 'Scenario results in file formats (GeoJSON, CSV), for download' },
  register(app: FastifyInstance, context: ServerContext) {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/api/scenarios/:id/flows',
      {
        schema: {
          tags: ['exports'],
          summary: "A scenario run's link flows as GeoJSON or CSV",
          description: DESCRIPTION,
          params: z.object({
            id: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a scenario id such as trend-2027')
              .max(100, 'expected at most 100 characters'),
          }),
          querystring: runOptionsSchema(context.limits.scenarioIterations).extend({
            format: z.enum(FORMATS, { error: 'expected geojson or csv' }).default('geojson'),
          }),
          response: { 200: featureCollectionSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      (request, reply) => {
        const { format, ...options } = request.query;
        const { id } = request.params;
        const run = knownScenarioRun(context, id, options, 'id');
        if (run === undefined)
          throw new HttpProblem(
            409,
            `scenario "${id}" has not been run with these options yet: start it with POST /api/scenarios/${id}/runs, follow the job to its end, then ask again`,
          );
        const year = run.report.year;
        void reply.header('content-disposition', `attachment; filename="flows-${id}.${format}"`);
        if (format === 'csv') sendRaw(reply, 'text/csv; charset=utf-8', flowsCsv(id, year, run.links, context.network));
        else
          sendRaw(reply, 'application/geo+json', JSON.stringify(flowsToGeoJson(id, year, run.links, context.network)));
      },
    );
  },
};
