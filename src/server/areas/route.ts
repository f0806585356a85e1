import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routesToCsv, renderRoutes } from '../../render/route.js';
import { routesToGeoJson } from '../../data/route-geojson.js';
import { ROUTE_RELIABILITY_DEFAULTS } from '../../reliability/route-reliability.js';
import { describeRequest } from '../../routing/describe-request.js';
import { planRoutes } from '../../routing/plan-routes.js';
import { routeQuerySchema, type RouteQuery } from '../../routing/request-schema.js';
import type { ApiArea, ServerContext } from '../context.js';
import { problemSchema } from '../problem.js';
import { booleanInput } from '../schemas/boolean-input.js';
import { sendRaw } from '../send-raw.js';
import { routeResponseSchema } from '../schemas/route-response.js';

const ROUTE_FORMATS = ['json', 'geojson', 'csv', 'table'] as const;

/** Every option of `caravan route`, plus how to answer. */
const routeInputSchema = routeQuerySchema.extend({
  format: z
    .enum(ROUTE_FORMATS)
    .default('json')
    .describe(
      'json: routes and their P50/P90 (and GeoJSON when geojson=true); geojson; csv: one row per step; table: the text report',
    ),
  geojson: booleanInput
    .default(false)
    .describe('json format: also answer the routes as GeoJSON (the `geojson` field), for drawing them on a map'),
  reliability: booleanInput
    .default(true)
    .describe('include the simulated P50/P90 of each route (json and table formats)'),
});
type RouteInput = z.output<typeof routeInputSchema>;

const DESCRIPTION =
  'Finds the best routes and reports each leg, border crossing, gauge change and transshipment with its km, hours, USD and kg CO2e, the totals and the running totals. Takes every option of `caravan route`, named in camelCase (`avoidCountry`, `valueOfTime`, …); lists may be arrays or comma-separated text. Places are node ids or names in any case.';

function answer(context: ServerContext, input: RouteInput, reply: FastifyReply): void {
  const { format, reliability, geojson, ...query } = input;
  const { network } = context;
  const { request, routes } = planRoutes(network, query satisfies RouteQuery, (unit) =>
    context.routers.routerFor(network, unit),
  );
  if (format === 'geojson')
    return sendRaw(reply, 'application/geo+json', JSON.stringify(routesToGeoJson(routes, network)));
  if (format === 'csv') return sendRaw(reply, 'text/csv; charset=utf-8', routesToCsv(routes));
  const withReliability = routes.map((route) =>
    reliability ? { ...route, reliability: context.reliability.summaryOf(route, ROUTE_RELIABILITY_DEFAULTS) } : route,
  );
  if (format === 'table')
    return sendRaw(reply, 'text/plain; charset=utf-8', renderRoutes(withReliability, request, network));
  const body: z.output<typeof routeResponseSchema> = {
    description: describeRequest(request, network),
    request,
    routes: withReliability,
    // Opt-in: the map geometry is larger than the routes themselves, and most clients never draw it.
    ...(geojson ? { geojson: routesToGeoJson(routes, network) } : {}),
  };
  // Typed against the response schema at compile time; re-checking every step of every route at run time would
  // cost a sixth of the request.
  sendRaw(reply, 'application/json; charset=utf-8', JSON.stringify(body));
}

export const routeArea: ApiArea = {
  tag: { name: 'routes', description: 'Best routes between two places, costed step by step' },
  register(app: FastifyInstance, context: ServerContext) {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const response = { 200: routeResponseSchema, 400: problemSchema, 404: problemSchema };
    api.get(
      '/api/route',
      {
        schema: {
          tags: ['routes'],
          summary: 'Plan routes (options in the query string)',
          description: DESCRIPTION,
          querystring: routeInputSchema,
          response,
        },
      },
      (request, reply) => {
        answer(context, request.query, reply);
      },
    );
    api.post(
      '/api/route',
      {
        schema: {
          tags: ['routes'],
          summary: 'Plan routes (options in a JSON body)',
          description: DESCRIPTION,
          body: routeInputSchema,
          response,
        },
      },
      (request, reply) => {
        answer(context, request.body, reply);
      },
    );
  },
};
