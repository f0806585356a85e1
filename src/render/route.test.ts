import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Network } from '../model/types.js';
import { nameOf } from '../routing/describe-request.js';
import { Router, type RankedRoute, type RouteRequest } from '../routing/router.js';
import { stepWhat } from '../routing/step-label.js';
import { randomNetwork } from '../test-support/random-network.js';
import { formatNumber } from './format.js';
import { renderRoutes } from './route.js';
import { stepPlace } from './step-cells.js';
import { renderTable } from './table.js';

/** The steps table as it was first written: one row array per step, every cell formatted, through renderTable. */
function referenceSteps(route: RankedRoute, network: Network): string {
  const name = nameOf(network);
  return renderTable(
    ['step', 'what', 'where', 'km', 'hours', 'USD', 'kg CO2e', 'Σ km', 'Σ hours', 'Σ USD'],
    route.steps.map((step, index) => [
      String(index + 1),
      stepWhat(step),
      stepPlace(step, name),
      step.km,
      formatNumber(step.hours, 1),
      formatNumber(step.usd, 2),
      formatNumber(step.kgCo2e, 1),
      step.cumulative.km,
      formatNumber(step.cumulative.hours, 1),
      formatNumber(step.cumulative.usd, 2),
    ]),
  );
}

describe('renderRoutes', () => {
  it("prints each route's steps as the generic table renderer does, in both cargo units, steps cells reused or not", () => {
    fc.assert(
      fc.property(
        randomNetwork(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (network, picks) => {
          for (const unit of ['t', 'teu'] as const) {
            const router = new Router(compileMultimodalGraph(network, unit));
            for (const [a, b] of picks) {
              const request: RouteRequest = {
                from: network.nodes[a % network.nodes.length]!.id,
                to: network.nodes[b % network.nodes.length]!.id,
                criterion: 'cost',
                alternatives: 3,
              };
              const routes = router.routes(request);
              const text = renderRoutes(routes, request, network);
              for (const route of routes) expect(text).toContain(`Route ${route.rank}\n`);
              for (const route of routes) expect(text).toContain(`\n\n${referenceSteps(route, network)}`);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
