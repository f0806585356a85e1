import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { OverviewRoute } from '../model/region.js';
import type { Network } from '../model/types.js';
import type { Criterion } from '../routing/criteria.js';
import { Router } from '../routing/router.js';
import type { PlaceNames } from '../routing/describe-request.js';
import { renderComparison, type RouteWithReliability } from '../render/route.js';
import { ROUTE_RELIABILITY_DEFAULTS, routeReliability } from '../reliability/route-reliability.js';
import type { StartSection } from './start-section.js';
import { formatNumber } from '../render/format.js';
import { renderTable, titled } from '../render/table.js';

const BEST_BY: readonly Criterion[] = ['time', 'cost', 'co2'];

interface RouteComparison {
  from: string;
  to: string;
  title: string;
  modes: string[];
  alternatives: number;
  /** The best route by each criterion, all modes allowed. */
  bestBy: { criterion: Criterion; route: RouteWithReliability }[];
  /** Distinct corridors by the overview route's modes, fastest first (e.g. the KTI railway and its rivals). */
  railAndSea: RouteWithReliability[];
  /** Names of the places the routes pass, for the text report. */
  places: PlaceNames['nodes'];
}

/** The question every user asks first, on the routes the network's region.yaml names under `overview`. */
export const routeComparisonSection: StartSection<RouteComparison[]> = {
  id: 'routes',
  title: 'Main routes (per tonne, network of today)',
  titleOf: (comparisons) =>
    comparisons.length === 1
      ? `Main routes ${comparisons[0]!.title} (per tonne, network of today)`
      : 'Main routes (per tonne, network of today)',
  compute(network) {
    const overview = network.region?.overview ?? [];
    if (overview.length === 0) return [];
    const router = new Router(compileMultimodalGraph(network, 't'));
    return overview.map((route) => compare(network, router, route));
  },
  render(comparisons) {
    if (comparisons.length === 0) return 'this network names no overview routes (region.yaml, `overview`)';
    if (comparisons.length === 1) return renderOne(comparisons[0]!);
    return comparisons.map((comparison) => titled(comparison.title, renderOne(comparison))).join('\n\n');
  },
};

function compare(network: Network, router: Router, overview: OverviewRoute): RouteComparison {
  const { from, to, modes, alternatives } = overview;
  const bestBy = BEST_BY.flatMap((criterion) => {
    const [route] = router.routes({ from, to, criterion });
    return route === undefined ? [] : [{ criterion, route }];
  });
  const railAndSea = router
    .routes({ from, to, criterion: 'time', modes, alternatives })
    .map((route) => ({ ...route, reliability: routeReliability(network, route, ROUTE_RELIABILITY_DEFAULTS) }));
  const passed = new Set([...bestBy.map(({ route }) => route), ...railAndSea].flatMap((route) => route.nodes));
  const places = network.nodes.filter((node) => passed.has(node.id)).map(({ id, name }) => ({ id, name }));
  return { from, to, title: overview.title, modes, alternatives, bestBy, railAndSea, places };
}

function renderOne(result: RouteComparison): string {
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
    titled(`Distinct ${modesText(result.modes)} corridors, fastest first`, corridors),
    `Details: caravan route ${result.from} ${result.to} --alternatives ${result.alternatives} --modes ${result.modes.join(',')}`,
  ].join('\n\n');
}

/** "rail and sea" for the rail, sea and ferry set, as the overview has always said it: a ferry is a sea crossing. */
function modesText(modes: readonly string[]): string {
  const named = modes.includes('sea') ? modes.filter((mode) => mode !== 'ferry') : [...modes];
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
}
