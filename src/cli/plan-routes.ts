import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Network } from '../model/types.js';
import { Router, RouteRequestError, type RankedRoute } from '../routing/router.js';
import { UsageError } from './errors.js';
import { describeRequest } from './render-route.js';
import { routeRequestFromOptions } from './route-options.js';

/** Shared by `route` and `reliability`: validate the options, plan, and turn "no route" into a clear message. */
export function planRoutes(network: Network, from: string, to: string, options: unknown) {
  const { request, unit } = routeRequestFromOptions(network, from, to, options);
  const router = new Router(compileMultimodalGraph(network, unit));
  let routes: RankedRoute[];
  try {
    routes = router.routes(request);
  } catch (error) {
    if (error instanceof RouteRequestError) throw new UsageError(error.message);
    throw error;
  }
  if (routes.length === 0) throw new UsageError(`no route: ${describeRequest(request, network)}`);
  return { request, routes };
}
