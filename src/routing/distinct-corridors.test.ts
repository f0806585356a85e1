import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { compileMultimodalGraph, EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import type { Network } from '../model/types.js';
import { randomNetwork } from '../test-support/random-network.js';
import { reportSignature } from '../test-support/report-signature.js';
import { constraintMasks, type RouteConstraints } from './constraints.js';
import { criterionWeights, type Criterion } from './criteria.js';
import { SearchWorkspace } from './dijkstra.js';
import { Router, type RankedRoute } from './router.js';
import { pathRevisitsANode, pathSignature } from './signature.js';
import { yenPaths } from './yen.js';

/** The promise: no corridor within this share of the best route's cost is hidden. */
const NEAR_BEST = 0.15;
/** Enough Yen paths to enumerate every loopless route of a random network of at most 9 places. */
const EXHAUSTIVE = 400;

/** A gateway leg, as the report shows it: a sea or ferry leg, or a leg into a border crossing. */
const gatewayLinksOf = (route: RankedRoute, network: Network) => {
  const borders = new Set(network.nodes.filter((node) => node.border !== undefined).map((node) => node.id));
  return route.steps.flatMap((step) =>
    step.kind === 'leg' && (step.mode === 'sea' || step.mode === 'ferry' || borders.has(step.to)) ? [step.link] : [],
  );
};
const linksOf = (route: RankedRoute) => route.steps.flatMap((step) => (step.kind === 'leg' ? [step.link] : []));

/** No other loopless route, at most as cheap as `route`, uses `link` in either direction. */
function soleCheapestThrough(all: readonly RankedRoute[], route: RankedRoute, link: string): boolean {
  return all.every((other) => other === route || other.score > route.score + 1e-9 || !linksOf(other).includes(link));
}

// Time and generalized cost only: random links may have no tariff, so by cost, CO2 or distance a walk round a loop
// can tie with the loopless route, and a search that returns the walk finds no loopless route (a known limit of
// both methods' searches on zero-cost cycles, which the bundled network has none of).
describe('distinct alternatives against exhaustive Yen', () => {
  it('include every corridor within 15% of the best that a gateway names, each at its cheapest cost', () => {
    fc.assert(
      fc.property(
        randomNetwork(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom<Criterion>('time', 'generalized'),
        (network, a, b, criterion) => {
          const from = network.nodes[a % network.nodes.length]!.id;
          const to = network.nodes[b % network.nodes.length]!.id;
          fc.pre(from !== to);
          const router = new Router(compileMultimodalGraph(network, 't'));
          const generalized = { valueOfTimeUsdPerH: 2, carbonPriceUsdPerT: 50 };
          const all = router.routes({ from, to, criterion, generalized, alternatives: EXHAUSTIVE, method: 'yen' });
          fc.pre(all.length > 0 && all.length < EXHAUSTIVE);
          // Yen lists routes cheapest first, so a corridor's first route is its cheapest.
          const cheapest = new Map<string, RankedRoute>();
          for (const route of all) {
            const signature = reportSignature(route, network);
            if (!cheapest.has(signature)) cheapest.set(signature, route);
          }
          const bound = all[0]!.score * (1 + NEAR_BEST) + 1e-9;
          const near = [...cheapest].filter(([, route]) => route.score <= bound);
          // What the method promises: a near corridor is found when its cheapest route is the only route at most as
          // cheap through one of its gateway legs (see GatewayCandidates), however many cheaper corridors there
          // are. A corridor named by its main mode alone, or whose every gateway is also on a route at most as
          // cheap of another corridor, can be missed.
          const promised = near.filter(([, route]) =>
            gatewayLinksOf(route, network).some((link) => soleCheapestThrough(all, route, link)),
          );
          const distinct = router.routes({ from, to, criterion, generalized, alternatives: near.length });
          const found = new Map(distinct.map((route) => [reportSignature(route, network), route.score]));
          expect(found.size).toBe(distinct.length);
          for (const [signature, route] of promised) {
            expect(found.has(signature), `corridor ${signature} at ${route.score} (best ${all[0]!.score})`).toBe(true);
            expect(found.get(signature)).toBeCloseTo(route.score, 6);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Yen paths enumerated per pair: Yen on the bundled network walks long chains of near-copies. */
const YEN_PATHS = 150;

interface YenCorridor {
  edges: number[];
  cost: number;
}

/**
 * The cheapest route of every corridor up to `bound` (or up to the last path enumerated, if Yen ran out of
 * patience first), the corridors promised to be found (see the random-network test) and the cost enumerated to.
 */
function corridorsByYen(
  graph: MultimodalGraph,
  from: number,
  to: number,
  weights: Float64Array,
  masks: ReturnType<typeof constraintMasks>,
) {
  const seen = new Uint8Array(graph.network.nodes.length);
  // Routes that pass a place twice (on two layers) are no answer, but they can be what the cheapest route through
  // a gateway is, so they count when judging whether a corridor's route is the only one that cheap through it.
  const walks: YenCorridor[] = [];
  const paths: YenCorridor[] = [];
  const workspace = new SearchWorkspace(graph.csr.vertexCount);
  let bound = Infinity;
  for (const path of yenPaths(
    graph.csr,
    weights,
    graph.departVertex[from]!,
    graph.arriveVertex[to]!,
    masks,
    workspace,
  )) {
    if (walks.length === 0) bound = path.cost * (1 + NEAR_BEST) + 1e-9;
    if (path.cost > bound) break;
    walks.push(path);
    if (!pathRevisitsANode(graph, path.edges, seen)) paths.push(path);
    if (walks.length >= YEN_PATHS) {
      // Every route cheaper than the last one enumerated is known; corridors dearer than it are not judged.
      bound = path.cost - 1e-9;
      break;
    }
  }
  const cheapest = new Map<string, YenCorridor>();
  for (const path of paths) {
    if (path.cost > bound) continue;
    const signature = pathSignature(graph, path.edges);
    if (!cheapest.has(signature)) cheapest.set(signature, path);
  }
  const isGateway = (edge: number) => {
    if (graph.edgeKind[edge] !== EDGE_LINK) return false;
    const mode = graph.network.links[graph.edgeRef[edge]!]!.mode;
    return (
      mode === 'sea' ||
      mode === 'ferry' ||
      graph.network.nodes[graph.vertexNode[graph.csr.targets[edge]!]!]!.border !== undefined
    );
  };
  const promised = [...cheapest].filter(([, route]) =>
    route.edges.some(
      (edge) =>
        isGateway(edge) &&
        walks.every((other) => other === route || other.cost > route.cost + 1e-9 || !other.edges.includes(edge)),
    ),
  );
  return { cheapest, promised, bound };
}

/** The pairs the issue and the route answers fixture ask about, with their constraints. */
const SHIPPED_PAIRS: [string, string, RouteConstraints][] = [
  ['shalkar', 'tehran', {}],
  ['almaty', 'bandar-abbas', {}],
  ['tashkent', 'chabahar', {}],
  ['shanghai', 'tehran', {}],
  ['xian', 'rotterdam', {}],
  ['urumqi', 'nhava-sheva', { avoidCountries: ['IR'] }],
  ['bishkek', 'tehran', { avoidCountries: ['TM'] }],
  ['aktau', 'mashhad', {}],
];

describe('distinct alternatives against Yen on the bundled network', () => {
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  const graph = compileMultimodalGraph(network, 't');
  const router = new Router(graph);
  for (const [from, to, constraints] of SHIPPED_PAIRS) {
    for (const criterion of ['time', 'cost'] as const) {
      it(`hide no corridor within 15% of the best ${from} → ${to} by ${criterion}`, () => {
        const weights = criterionWeights(graph, criterion);
        const masks = constraintMasks(graph, constraints);
        const yen = corridorsByYen(graph, graph.nodeIndex.get(from)!, graph.nodeIndex.get(to)!, weights, masks);
        expect(yen.cheapest.size).toBeGreaterThan(0);
        const distinct = router.routes({ from, to, criterion, alternatives: yen.cheapest.size, ...constraints });
        const found = new Map(distinct.map((route) => [reportSignature(route, network), route.score]));
        for (const [signature, route] of yen.promised) {
          expect(found.has(signature), `corridor ${signature} at ${route.cost}`).toBe(true);
          expect(found.get(signature)).toBeCloseTo(route.cost, 6);
        }
        // Routes of one corridor never come twice, and the signatures read from reports and edges agree.
        expect(found.size).toBe(distinct.length);
      });
    }
  }
});
