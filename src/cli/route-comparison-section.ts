import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Criterion } from '../routing/criteria.js';
import { Router } from '../routing/router.js';
import type { PlaceNames } from '../routing/describe-request.js';
import { renderComparison, type RouteWithReliability } from '../render/route.js';
import { ROUTE_RELIABILITY_DEFAULTS, routeReliability } from '../reliability/route-reliability.js';
import type { StartSection } from './start-section.js';
import { formatNumber } from '../render/format.js';
import { renderTable, titled } from '../render/table.js';

/** The question every user asks first, answered on the bundled network: the main ways from Almaty to Bandar Abbas. */
const FROM = 'almaty';
const TO = 'bandar-abbas';
const BEST_BY: readonly Criterion[] = ['time', 'cost', 'co2'];

interface RouteComparison {
  from: string;
  to: string;
  /** The best route by each criterion, all modes allowed. */
  bestBy: { criterion: Criterion; route: RouteWithReliability }[];
  /** Distinct corridors by rail and sea, fastest first: the KTI railway, the Caspian crossing and their rivals. */
  railAndSea: RouteWithReliability[];
  /** Names of the places the routes pass, for the text report. */
  places: PlaceNames['nodes'];
}

export const routeComparisonSection: StartSection<RouteComparison | undefined> = {
  id: 'routes',
  title: 'Main routes Almaty → Bandar Abbas (per tonne, network of today)',
  compute(network) {
    if (!network.nodes.some((node) => node.id === FROM) || !network.nodes.some((node) => node.id === TO))
      return undefined;
    const router = new Router(compileMultimodalGraph(network, 't'));
    const bestBy = BEST_BY.flatMap((criterion) => {
      const [route] = router.routes({ from: FROM, to: TO, criterion });
      return route === undefined ? [] : [{ criterion, route }];
    });
    const railAndSea = router
      .routes({ from: FROM, to: TO, criterion: 'time', modes: ['rail', 'sea', 'ferry'], alternatives: 4 })
      .map((route) => ({ ...route, reliability: routeReliability(network, route, ROUTE_RELIABILITY_DEFAULTS) }));
    const passed = new Set([...bestBy.map(({ route }) => route), ...railAndSea].flatMap((route) => route.nodes));
    const places = network.nodes.filter((node) => passed.has(node.id)).map(({ id, name }) => ({ id, name }));
    return { from: FROM, to: TO, bestBy, railAndSea, places };
  },
  render(result) {
    if (result === undefined) return `this network has no nodes "${FROM}" and "${TO}" to compare routes between`;
    const best = renderTable(
      ['best by', 'days', 'USD/t', 'kg CO2e', 'km', 'modes', 'through'],
      result.bestBy.map(({ criterion, route }) => [
        criterion,
        formatNumber(route.totals.hours / 24, 1),
        formatNumber(route.totals.usd, 2),
        formatNumber(route.totals.kgCo2e, 1),
        route.totals.km,
        route.modes.join('+'),
        route.countries.join('→'),
      ]),
    );
    const corridors = renderComparison(result.railAndSea, { nodes: result.places });
    return [
      best,
      titled('Distinct rail and sea corridors, fastest first', corridors),
      'Details: caravan route almaty bandar-abbas --alternatives 4 --modes rail,sea,ferry',
    ].join('\n\n');
  },
};
