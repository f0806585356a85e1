import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import { constraintKey, constraintMasks, type RouteConstraints, type SearchMasks } from './constraints.js';
import { criterionWeights, type Criterion, type GeneralizedCostParameters } from './criteria.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';
import { buildRouteReport, type RouteReport } from './report.js';
import { GatewayCandidates, type CandidatePath } from './gateway-candidates.js';
import { GreatCirclePotential } from './potential.js';
import { pathRevisitsANode, pathSignature } from './signature.js';
import { NAMED_BOUND, pickCorridors } from './pick-corridors.js';
import { CorridorTraitReader } from './corridor-traits.js';
import type { Mode } from '../model/vocabulary.js';
import { SmallCache, type CacheStats } from './small-cache.js';
import { yenPaths } from './yen.js';

export const ALTERNATIVE_METHODS = ['distinct', 'yen'] as const;
export type AlternativeMethod = (typeof ALTERNATIVE_METHODS)[number];

export interface RouteRequest extends RouteConstraints {
  from: string;
  to: string;
  /** Places the route must pass, in order. */
  via?: readonly string[];
  criterion: Criterion;
  generalized?: GeneralizedCostParameters;
  /** How many routes to return, the best first; default 1. */
  alternatives?: number;
  /**
   * `distinct` (default): routes that differ in their border crossings, sea crossings or main mode, each corridor
   * by its cheapest route found (see docs/routing.md, Alternatives). `yen`: the exact k cheapest loopless routes, which are often
   * near-copies of each other.
   */
  method?: AlternativeMethod;
}

export interface RankedRoute extends RouteReport {
  rank: number;
  criterion: Criterion;
  /** The minimized quantity: hours, USD, kg CO2e, km or generalized USD. */
  score: number;
}

/** A request the network cannot answer as asked: reported to the user, not a bug. */
export class RouteRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouteRequestError';
  }
}

/** How much a link's weight grows each time a route found so far uses it, in the `distinct` method. */
const LINK_PENALTY = 1.0;
/** Candidate searches per wanted route before the `distinct` method gives up looking for more. */
const SEARCHES_PER_ROUTE = 12;
/**
 * Routes through links tried per wanted route in the `distinct` method: a near corridor's cheapest route is usually
 * among the first few, and each costs a path walk, a signature and a loop check.
 */
const THROUGH_LINK_PER_ROUTE = 4;
/**
 * Routes through gateways walked out per wanted route, at most: a bound on the work when many gateways lie on
 * routes of corridors already found. The search stops well before it on the bundled network: it ends as soon as
 * the next route through a gateway costs more than the k-th cheapest corridor found.
 */
const GATEWAY_WALKS_PER_ROUTE = 48;
/** Extra searches per wanted route for gateways whose cheapest walk turns back through a place it passed. */
const REPAIRS_PER_ROUTE = 8;
/**
 * How much dearer the links of other modes are in the search for a route mostly by one mode: enough for the sea
 * route from China's coast to beat rail to Rotterdam (twice as fast) and rail to Türkiye with a ship from there.
 */
const MODE_FOCUS_PENALTY = 4;
/**
 * How much dearer the links not tagged with a named corridor are in the search for a route following it: as much
 * as a link already used in a penalty search. Enough for the Middle Corridor to beat the rail route through Iran
 * that joins it at Kars; little enough that the corridor's untagged stretch (Almaty – Shalkar, on the way to the
 * Caspian) still beats a long way round on tagged links.
 */
const CORRIDOR_FOCUS_PENALTY = 2;
/** Modes a route can be mostly by (ferry crossings are short). */
const FOCUS_MODES = ['rail', 'road', 'sea'] as const;
/** Searches per wanted route for a route following a named corridor that the routes found only run partly on. */
const NAMED_FOCUS_PER_ROUTE = 2;

/** A corridor as the distinct method keeps it: its cheapest route found, and what all its routes found follow. */
interface KeptCorridor extends CandidatePath {
  follows: Set<string>;
  partly: Set<string>;
  mostlyBy: Mode | undefined;
}
/**
 * Corridors within this share of the best route's cost are all shown before any other (the promise: no
 * corridor that near is hidden); the rest of the answer favours named corridors and modes not yet shown (see
 * pickCorridors).
 */
const NEAR_BEST = 0.15;
/** Constraint sets and generalized-cost settings remembered per router; each entry is a few kB of typed arrays. */
const CACHED_MASKS = 64;
const CACHED_WEIGHTS = 16;

/**
 * Answers route requests on one compiled graph. Holds the search buffers, so one Router serves many queries
 * without allocating per edge; not safe to share between concurrent callers (make one per worker).
 */
export class Router {
  private readonly workspace: SearchWorkspace;
  /** Edges of each link, both directions, for penalizing a link as a whole. */
  private readonly edgesOfLink: number[][];
  /** Scratch space for the loop check, one entry per node, kept all zero between calls. */
  private readonly seenNode: Uint8Array;
  private readonly masks = new SmallCache<SearchMasks>(CACHED_MASKS);
  private readonly generalizedWeights = new SmallCache<Float64Array>(CACHED_WEIGHTS);
  /** Lower bounds that let point-to-point searches head for the destination (A*); off only to compare. */
  private readonly aStar: GreatCirclePotential | undefined;
  /** Built on the first request for alternatives: a reverse graph and two more workspaces. */
  private gatewayCandidates: GatewayCandidates | undefined;
  private traitReader: CorridorTraitReader | undefined;
  /** Weights with every link not of one mode made dearer, per criterion's weights and mode. */
  private readonly focusWeights = new WeakMap<Float64Array, Map<string, Float64Array>>();

  constructor(
    readonly graph: MultimodalGraph,
    options: { aStar?: boolean } = {},
  ) {
    this.workspace = new SearchWorkspace(graph.csr.vertexCount);
    this.aStar = options.aStar === false ? undefined : new GreatCirclePotential(graph);
    this.seenNode = new Uint8Array(graph.network.nodes.length);
    this.edgesOfLink = graph.network.links.map(() => []);
    for (let e = 0; e < graph.csr.edgeCount; e++) {
      if (graph.edgeKind[e] === EDGE_LINK) this.edgesOfLink[graph.edgeRef[e]!]!.push(e);
    }
  }

  routes(request: RouteRequest): RankedRoute[] {
    const stops = [request.from, ...(request.via ?? []), request.to].map((id) => this.nodeIndexOf(id));
    // Masks and weights depend only on the constraints and cost settings, not on the places: computed once each.
    // The search and Yen only read them (Yen works on copies).
    const masks = this.masks.get(constraintKey(request), () => constraintMasks(this.graph, request));
    for (const [position, stop] of stops.entries()) {
      if (masks.blockedVertices[this.graph.departVertex[stop]!] === 1) {
        const role = position === 0 ? 'origin' : position === stops.length - 1 ? 'destination' : 'via node';
        throw new RouteRequestError(`the ${role} ${this.graph.network.nodes[stop]!.id} is excluded by the constraints`);
      }
    }
    const weights = this.weightsFor(request.criterion, request.generalized);
    const wanted = Math.max(1, Math.floor(request.alternatives ?? 1));
    // Between two places every search has the same destination, so one potential serves them all (via stages
    // search the whole graph, where a potential cannot help).
    const potential = stops.length === 2 ? this.aStar?.toward(stops[1]!, weights) : undefined;
    const paths =
      request.method === 'yen'
        ? this.yenRoutes(stops, weights, masks, wanted, potential)
        : this.distinctRoutes(stops, weights, masks, wanted, potential);
    const ranked: RankedRoute[] = [];
    for (let index = 0; index < paths.length; index++) {
      const edges = paths[index]!;
      const report = buildRouteReport(this.graph, edges) as RankedRoute;
      report.rank = index + 1;
      report.criterion = request.criterion;
      report.score = pathCost(weights, edges);
      ranked.push(report);
    }
    return ranked;
  }

  /** The search trees the `distinct` method kept and reused (see GatewayCandidates). */
  searchTreeStats(): CacheStats {
    return this.gatewayCandidates?.treeStats() ?? { hits: 0, misses: 0, entries: 0 };
  }

  private weightsFor(criterion: Criterion, generalized: GeneralizedCostParameters | undefined): Float64Array {
    if (criterion !== 'generalized') return criterionWeights(this.graph, criterion);
    const key = `${generalized?.valueOfTimeUsdPerH ?? 0}|${generalized?.carbonPriceUsdPerT ?? 0}`;
    return this.generalizedWeights.get(key, () => criterionWeights(this.graph, criterion, generalized));
  }

  private nodeIndexOf(id: string): number {
    const index = this.graph.nodeIndex.get(id);
    if (index === undefined) throw new RouteRequestError(`unknown node id "${id}"`);
    return index;
  }

  /**
   * The cheapest path through the stops in order. Each stage starts from every layer of the previous stop with
   * the cost reached there, so passing a via node neither skips nor double-counts a change of mode or gauge.
   */
  private bestPath(
    stops: readonly number[],
    weights: Float64Array,
    masks: SearchMasks,
    potential: Float64Array | undefined,
  ): number[] | undefined {
    const { csr, departVertex, arriveVertex, vertexNode } = this.graph;
    const { dist, predEdge } = this.workspace;
    const { blockedEdges, blockedVertices } = masks;
    const target = arriveVertex[stops[stops.length - 1]!]!;
    if (stops.length === 2) {
      // The everyday request: one search that stops at the destination, read straight from the workspace.
      shortestPaths(csr, weights, [departVertex[stops[0]!]!], undefined, this.workspace, {
        blockedEdges,
        blockedVertices,
        target,
        ...(potential === undefined ? {} : { potential }),
      });
      return Number.isFinite(dist[target]!) ? pathEdges(csr, predEdge, target) : undefined;
    }
    const stagePredecessors: Int32Array[] = [];
    let sources: number[] = [departVertex[stops[0]!]!];
    let sourceCosts: number[] = [0];
    for (let stage = 1; stage < stops.length; stage++) {
      const last = stage === stops.length - 1;
      const stop = stops[stage]!;
      shortestPaths(
        csr,
        weights,
        sources,
        sourceCosts,
        this.workspace,
        last ? { blockedEdges, blockedVertices, target } : masks,
      );
      stagePredecessors.push(predEdge.slice());
      if (last) break;
      sources = [];
      sourceCosts = [];
      for (let v = 0; v < csr.vertexCount; v++) {
        if (vertexNode[v] === stop && Number.isFinite(dist[v]!) && v !== arriveVertex[stop]) {
          sources.push(v);
          sourceCosts.push(dist[v]!);
        }
      }
      if (sources.length === 0) return undefined;
    }
    let vertex = target;
    if (!Number.isFinite(dist[vertex]!)) return undefined;
    const edges: number[] = [];
    for (let stage = stagePredecessors.length - 1; stage >= 0; stage--) {
      const segment = pathEdges(csr, stagePredecessors[stage]!, vertex);
      edges.unshift(...segment);
      if (segment.length > 0) vertex = csr.sources[segment[0]!]!;
    }
    return edges;
  }

  /**
   * Paths of distinct corridors, cheapest first; only the paths kept get a report (in `routes`). Candidates come
   * from three sources and are grouped by corridor signature, each corridor keeping its cheapest path: the
   * cheapest route through every gateway (see GatewayCandidates), which finds a corridor even when it shares most
   * links with cheaper ones; searches that penalize the links of paths found so far, which serve routes through
   * via nodes; and searches focused on a named corridor or a mode, for the slots pickCorridors gives them.
   */
  private distinctRoutes(
    stops: readonly number[],
    weights: Float64Array,
    masks: SearchMasks,
    wanted: number,
    potential: Float64Array | undefined,
  ) {
    const corridors = new Map<string, KeptCorridor>();
    let kthCost = Infinity;
    let kthStale = false;
    let bestCost = Infinity;
    this.traitReader ??= new CorridorTraitReader(this.graph);
    const reader = this.traitReader;
    const consider = (edges: number[], cost: number) => {
      // A route through via nodes may rightly pass a place twice (out to a port and back); without via, that is a loop.
      if (stops.length === 2 && pathRevisitsANode(this.graph, edges, this.seenNode)) return;
      const signature = pathSignature(this.graph, edges);
      const known = corridors.get(signature);
      // A corridor follows every named corridor that one of its routes found follows (the northern route from
      // Xi'an through Altynkol runs 61% on northern-route links, its variant through Dostyk 92%).
      const traits = wanted >= 2 ? reader.traitsOf(edges) : undefined;
      if (known === undefined) {
        corridors.set(signature, {
          edges,
          cost,
          follows: new Set(traits?.follows),
          partly: new Set(traits?.partly),
          mostlyBy: traits?.mostlyBy,
        });
        kthStale = true;
        return;
      }
      for (const id of traits?.follows ?? []) known.follows.add(id);
      for (const id of traits?.partly ?? []) known.partly.add(id);
      if (cost < known.cost) {
        known.edges = edges;
        known.cost = cost;
        known.mostlyBy = traits?.mostlyBy;
        kthStale = true;
      }
    };
    // No candidate dearer than the wanted-th cheapest corridor so far can enter the answer, save those the focused
    // searches below look for. Walking the gateways on to NAMED_BOUND above the best found nothing more on the
    // shipped pairs and made a k=3 request half as dear again.
    const stopAbove = () => {
      if (kthStale && corridors.size >= wanted) {
        const costs = [...corridors.values()].map((path) => path.cost).sort((a, b) => a - b);
        kthCost = costs[wanted - 1]!;
      }
      kthStale = false;
      return kthCost;
    };
    let penalized: Float64Array | undefined;
    for (let search = 0; search < wanted * SEARCHES_PER_ROUTE; search++) {
      const edges = this.bestPath(stops, penalized ?? weights, masks, potential);
      if (edges === undefined) break;
      const cost = pathCost(weights, edges);
      consider(edges, cost);
      // After the best route, so that it stays the one reported when another path ties with it.
      if (search === 0) {
        bestCost = cost;
        // One route wanted: only when the best path passes a place twice, since the gateway walks' repairs find
        // the route that goes on instead, where penalized searches may find none.
        if (wanted >= 2 || corridors.size === 0)
          this.addGatewayCandidates(stops, weights, masks, wanted, consider, stopAbove);
      }
      if (corridors.size >= wanted) break;
      penalized ??= weights.slice();
      for (const edge of edges) {
        if (this.graph.edgeKind[edge] !== EDGE_LINK) continue;
        for (const twin of this.edgesOfLink[this.graph.edgeRef[edge]!]!)
          penalized[twin] = penalized[twin]! * (1 + LINK_PENALTY);
      }
    }
    if (wanted < 2 || corridors.size === 0) return [...corridors.values()].map((path) => path.edges);
    // Focused searches, on weights that make every other link dearer, for what the answer gives a slot to but the
    // searches above may miss because each of its gateways lies on a cheaper route of another corridor: a route
    // that follows a named corridor that routes within NAMED_BOUND run partly on but none follows (the Middle
    // Corridor, whose Caspian ferry is cheapest on to Russia), and a route mostly by each mode no corridor found
    // is mostly by (the sea route when every corridor found goes by land).
    const bound = bestCost * (1 + NAMED_BOUND) + 1e-9;
    const followed = new Set<string>();
    const partly = new Set<string>();
    for (const path of corridors.values()) {
      for (const id of path.follows) followed.add(id);
      if (path.cost <= bound) for (const id of path.partly) partly.add(id);
    }
    let focused = 0;
    for (const id of partly) {
      if (followed.has(id) || focused++ >= wanted * NAMED_FOCUS_PER_ROUTE) continue;
      const edges = this.bestPath(stops, this.focusedOn(weights, `corridor:${id}`), masks, potential);
      if (edges !== undefined) consider(edges, pathCost(weights, edges));
    }
    for (const mode of FOCUS_MODES) {
      if ([...corridors.values()].some((path) => path.mostlyBy === mode)) continue;
      const edges = this.bestPath(stops, this.focusedOn(weights, `mode:${mode}`), masks, potential);
      if (edges !== undefined) consider(edges, pathCost(weights, edges));
    }
    return pickCorridors(corridors, wanted, NEAR_BEST, (path) => path).map((path) => path.edges);
  }

  /**
   * The weights with every link off a focus made dearer (MODE_FOCUS_PENALTY, CORRIDOR_FOCUS_PENALTY), kept per
   * weights array and focus: `mode:<mode>` keeps that mode's links, `corridor:<id>` those tagged with the corridor.
   */
  private focusedOn(weights: Float64Array, focus: string): Float64Array {
    let byFocus = this.focusWeights.get(weights);
    if (byFocus === undefined) {
      byFocus = new Map();
      this.focusWeights.set(weights, byFocus);
    }
    let focused = byFocus.get(focus);
    if (focused === undefined) {
      const { edgeKind, edgeRef, network } = this.graph;
      const reader = this.traitReader!;
      const [kind, value] = focus.split(':') as [string, string];
      const kept = network.links.map((link, l) => (kind === 'mode' ? link.mode === value : reader.linkIsOn(l, value)));
      focused = weights.slice();
      for (let e = 0; e < focused.length; e++)
        if (edgeKind[e] === EDGE_LINK && !kept[edgeRef[e]!])
          focused[e] = focused[e]! * (kind === 'mode' ? MODE_FOCUS_PENALTY : CORRIDOR_FOCUS_PENALTY);
      byFocus.set(focus, focused);
    }
    return focused;
  }

  private addGatewayCandidates(
    stops: readonly number[],
    weights: Float64Array,
    masks: SearchMasks,
    wanted: number,
    consider: (edges: number[], cost: number) => void,
    stopAbove: () => number,
  ): void {
    if (stops.length !== 2) return;
    this.gatewayCandidates ??= new GatewayCandidates(this.graph);
    const { departVertex, arriveVertex } = this.graph;
    this.gatewayCandidates.cheapestThroughEach(
      departVertex[stops[0]!]!,
      arriveVertex[stops[1]!]!,
      weights,
      masks,
      {
        otherLinks: wanted * THROUGH_LINK_PER_ROUTE,
        gatewayWalks: wanted * GATEWAY_WALKS_PER_ROUTE,
        repairs: wanted * REPAIRS_PER_ROUTE,
        stopAbove,
      },
      (path) => consider(path.edges, path.cost),
    );
  }

  private yenRoutes(
    stops: readonly number[],
    weights: Float64Array,
    masks: SearchMasks,
    wanted: number,
    potential: Float64Array | undefined,
  ) {
    if (stops.length > 2)
      throw new RouteRequestError('the yen method does not take via nodes; use the distinct method');
    const { departVertex, arriveVertex, csr } = this.graph;
    const found: number[][] = [];
    const stream = yenPaths(
      csr,
      weights,
      departVertex[stops[0]!]!,
      arriveVertex[stops[1]!]!,
      masks,
      this.workspace,
      potential,
    );
    for (const path of stream) {
      if (pathRevisitsANode(this.graph, path.edges, this.seenNode)) continue;
      found.push(path.edges);
      if (found.length >= wanted) break;
    }
    return found;
  }
}

function pathCost(weights: Float64Array, edges: readonly number[]): number {
  let sum = 0;
  for (const edge of edges) sum += weights[edge]!;
  return sum;
}

export { pathEdges };
