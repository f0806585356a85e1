import type { CargoUnit } from '../graph/costs.js';
import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Network } from '../model/types.js';
import { Router } from '../routing/router.js';

/**
 * One compiled graph and router per (network, cargo unit), built on first use: compiling takes milliseconds, a route
 * query on a compiled graph a fraction of one. Sharing a router is safe because queries run to completion on the
 * one JavaScript thread.
 */
export class RouterCache {
  private readonly routers = new WeakMap<Network, Map<CargoUnit, Router>>();

  routerFor(network: Network, unit: CargoUnit): Router {
    let byUnit = this.routers.get(network);
    if (byUnit === undefined) {
      byUnit = new Map();
      this.routers.set(network, byUnit);
    }
    let router = byUnit.get(unit);
    if (router === undefined) {
      router = new Router(compileMultimodalGraph(network, unit));
      byUnit.set(unit, router);
    }
    return router;
  }
}
