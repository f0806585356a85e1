import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Network } from '../model/types.js';
import { planRoutes as planRoutesOnRouter, RouteQueryError } from '../routing/plan-routes.js';
import { Router } from '../routing/router.js';
import { routeQueryFromOptions, usageErrorOf } from './route-options.js';

/** Shared by `route` and `reliability`: validate the options, plan, and turn "no route" into a clear message. */
export function planRoutes(network: Network, from: string, to: string, options: unknown) {
  const query = routeQueryFromOptions(from, to, options);
  try {
    const { request, routes } = planRoutesOnRouter(
      network,
      query,
      (unit) => new Router(compileMultimodalGraph(network, unit)),
    );
    return { request, routes };
  } catch (error) {
    throw error instanceof RouteQueryError ? usageErrorOf(error) : error;
  }
}
