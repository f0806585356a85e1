import { z } from 'zod';
import { routesToCsv, renderRoutes } from '../render/route.js';
import { routesToGeoJson } from '../data/route-geojson.js';
import type { Network } from '../model/types.js';
import { ROUTE_RELIABILITY_DEFAULTS } from '../reliability/route-reliability.js';
import { describeRequest } from '../routing/describe-request.js';
import { planRoutes } from '../routing/plan-routes.js';
import { routeQuerySchema, type RouteQuery } from '../routing/request-schema.js';
import type { ReliabilityMemo } from './reliability-memo.js';
import type { RouterCache } from './router-cache.js';
import { booleanInput } from './schemas/boolean-input.js';
import type { routeResponseSchema } from './schemas/route-response.js';

const ROUTE_FORMATS = ['json', 'geojson', 'csv', 'table'] as const;

/** Every option of `caravan route`, plus how to answer. */
export const routeInputSchema = routeQuerySchema.extend({
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
export type RouteInput = z.output<typeof routeInputSchema>;

/** What a route answer is computed on: the network and the caches kept across requests (per thread). */
export interface RouteEngine {
  network: Network;
  routers: RouterCache;
  reliability: ReliabilityMemo;
}

/** A route answer as it goes on the wire: already text, so that a worker thread can hand it over as it is. */
export interface RouteAnswer {
  contentType: string;
  body: string;
}

/**
 * The answer to a validated route request, in the format asked for. A query the network cannot answer throws a
 * RouteQueryError (NoRouteError for "no route"), which the server turns into a problem document.
 */
export function routeAnswer(engine: RouteEngine, input: RouteInput): RouteAnswer {
  const { format, reliability, geojson, ...query } = input;
  const { network } = engine;
  const { request, routes } = planRoutes(network, query satisfies RouteQuery, (unit) =>
    engine.routers.routerFor(network, unit),
  );
  if (format === 'geojson')
    return { contentType: 'application/geo+json', body: JSON.stringify(routesToGeoJson(routes, network)) };
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: routesToCsv(routes) };
  const withReliability = routes.map((route) =>
    reliability ? { ...route, reliability: engine.reliability.summaryOf(route, ROUTE_RELIABILITY_DEFAULTS) } : route,
  );
  if (format === 'table')
    return { contentType: 'text/plain; charset=utf-8', body: renderRoutes(withReliability, request, network) };
  const body: z.output<typeof routeResponseSchema> = {
    description: describeRequest(request, network),
    request,
    routes: withReliability,
    // Opt-in: the map geometry is larger than the routes themselves, and most clients never draw it.
    ...(geojson ? { geojson: routesToGeoJson(routes, network) } : {}),
  };
  // Typed against the response schema at compile time; re-checking every step of every route at run time would
  // cost a sixth of the request.
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
