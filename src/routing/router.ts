import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import { greatCircleKm } from '../model/geo.js';
import { constraintMasks, type RouteConstraints, type SearchMasks } from './constraints.js';
import { criterionWeights, type Criterion, type GeneralizedCostParameters } from './criteria.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';
import { buildRouteReport, type RouteReport } from './report.js';
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
   * `distinct` (default): routes that differ in their border crossings, transfer points or modes, found by
   * penalizing the links of routes already found. `yen`: the exact k cheapest loopless routes, which are often
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
 * Answers route requests on one compiled graph. Holds the search buffers, so one Router serves many queries
 * without allocating per edge; not safe to share between concurrent callers (make one per worker).
 */
export class Router {
  private readonly workspace: SearchWorkspace;
  /** Edges of each link, both directions, for penalizing a link as a whole. */
  private readonly edgesOfLink: number[][];
  private readonly gateways: Map<string, string>;

  constructor(readonly graph: MultimodalGraph) {
    this.workspace = new SearchWorkspace(graph.csr.vertexCount);
    this.gateways = gatewayIds(graph.network);
    this.edgesOfLink = graph.network.links.map(() => []);
    for (let e = 0; e < graph.csr.edgeCount; e++) {
      if (graph.edgeKind[e] === EDGE_LINK) this.edgesOfLink[graph.edgeRef[e]!]!.push(e);
    }
  }

  routes(request: RouteRequest): RankedRoute[] {
    const stops = [request.from, ...(request.via ?? []), request.to].map((id) => this.nodeIndexOf(id));
    const masks = constraintMasks(this.graph, request);
    for (const [position, stop] of stops.entries()) {
      if (masks.blockedVertices[this.graph.departVertex[stop]!] === 1) {
        const role = position === 0 ? 'origin' : position === stops.length - 1 ? 'destination' : 'via node';
        throw new RouteRequestError(`the ${role} ${this.graph.network.nodes[stop]!.id} is excluded by the constraints`);
      }
    }
    const weights = criterionWeights(this.graph, request.criterion, request.generalized);
    const wanted = Math.max(1, Math.floor(request.alternatives ?? 1));
    const paths =
      request.method === 'yen'
        ? this.yenRoutes(stops, weights, masks, wanted)
        : this.distinctRoutes(stops, weights, masks, wanted);
    return paths.map(({ edges, report }, index) => ({
      ...report,
      rank: index + 1,
      criterion: request.criterion,
      score: edges.reduce((sum, edge) => sum + weights[edge]!, 0),
    }));
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
  private bestPath(stops: readonly number[], weights: Float64Array, masks: SearchMasks): number[] | undefined {
    const { csr, departVertex, arriveVertex, vertexNode } = this.graph;
    const { dist, predEdge } = this.workspace;
    const stagePredecessors: Int32Array[] = [];
    let sources: number[] = [departVertex[stops[0]!]!];
    let sourceCosts: number[] = [0];
    for (let stage = 1; stage < stops.length; stage++) {
      const last = stage === stops.length - 1;
      const stop = stops[stage]!;
      shortestPaths(csr, weights, sources, sourceCosts, this.workspace, {
        ...masks,
        ...(last ? { target: arriveVertex[stop]! } : {}),
      });
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
    let vertex = arriveVertex[stops[stops.length - 1]!]!;
    if (!Number.isFinite(dist[vertex]!)) return undefined;
    const edges: number[] = [];
    for (let stage = stagePredecessors.length - 1; stage >= 0; stage--) {
      const segment = pathEdges(csr, stagePredecessors[stage]!, vertex);
      edges.unshift(...segment);
      if (segment.length > 0) vertex = csr.sources[segment[0]!]!;
    }
    return edges;
  }

  private distinctRoutes(stops: readonly number[], weights: Float64Array, masks: SearchMasks, wanted: number) {
    const found: { edges: number[]; report: RouteReport }[] = [];
    const signatures = new Set<string>();
    const penalized = weights.slice();
    for (let search = 0; search < wanted * SEARCHES_PER_ROUTE && found.length < wanted; search++) {
      const edges = this.bestPath(stops, search === 0 ? weights : penalized, masks);
      if (edges === undefined) break;
      const report = buildRouteReport(this.graph, edges);
      const signature = routeSignature(report, this.gateways);
      // A route through via nodes may rightly pass a place twice (out to a port and back); without via, that is a loop.
      if (!signatures.has(signature) && (stops.length > 2 || !revisitsANode(report))) {
        signatures.add(signature);
        found.push({ edges, report });
      }
      for (const edge of edges) {
        if (this.graph.edgeKind[edge] !== EDGE_LINK) continue;
        for (const twin of this.edgesOfLink[this.graph.edgeRef[edge]!]!)
          penalized[twin] = penalized[twin]! * (1 + LINK_PENALTY);
      }
    }
    const score = (edges: number[]) => edges.reduce((sum, edge) => sum + weights[edge]!, 0);
    return found.sort((a, b) => score(a.edges) - score(b.edges));
  }

  private yenRoutes(stops: readonly number[], weights: Float64Array, masks: SearchMasks, wanted: number) {
    if (stops.length > 2)
      throw new RouteRequestError('the yen method does not take via nodes; use the distinct method');
    const { departVertex, arriveVertex, csr } = this.graph;
    const found: { edges: number[]; report: RouteReport }[] = [];
    const stream = yenPaths(csr, weights, departVertex[stops[0]!]!, arriveVertex[stops[1]!]!, masks, this.workspace);
    for (const path of stream) {
      const report = buildRouteReport(this.graph, path.edges);
      if (revisitsANode(report)) continue;
      found.push({ edges: path.edges, report });
      if (found.length >= wanted) break;
    }
    return found;
  }
}

/** Border crossings closer than this are one gateway: a road post and a rail station of the same crossing. */
const SAME_GATEWAY_KM = 40;

/**
 * Canonical gateway of each node: the first border crossing (in network order) within SAME_GATEWAY_KM of it, or
 * the node itself, so that routes through the road and rail posts of one crossing count as one corridor.
 */
export function gatewayIds(network: MultimodalGraph['network']): Map<string, string> {
  const crossings = network.nodes.filter((node) => node.border !== undefined);
  const canonical = new Map<string, string>();
  for (const node of crossings) {
    const twin = crossings.find((other) => greatCircleKm(node.lat, node.lon, other.lat, other.lon) <= SAME_GATEWAY_KM);
    canonical.set(node.id, twin?.id ?? node.id);
  }
  return canonical;
}

/**
 * Two routes are the same corridor when they pass the same gateways (border crossings, sea or ferry crossings) and
 * go mostly by the same mode; a route differing only by a junction, or by a short road leg, is not an alternative.
 */
export function routeSignature(report: RouteReport, gateways: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  const kmByMode = new Map<string, number>();
  for (const step of report.steps) {
    if (step.kind === 'border') parts.push(`border:${gateways.get(step.node) ?? step.node}`);
    if (step.kind === 'leg') {
      kmByMode.set(step.mode, (kmByMode.get(step.mode) ?? 0) + step.km);
      if (step.mode === 'sea' || step.mode === 'ferry') parts.push(`${step.mode}:${step.from}-${step.to}`);
    }
  }
  const mainMode = [...kmByMode].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return `${parts.join('>')}|${mainMode}`;
}

/** A physical loop: the route leaves a place and later comes back to it. */
export function revisitsANode(report: RouteReport): boolean {
  return new Set(report.nodes).size !== report.nodes.length;
}

export { pathEdges };
