import { buildCsr, permute, type Csr } from '../graph/csr.js';
import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import type { SearchMasks } from './constraints.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';

/** A path in the forward graph, with its cost under the request's (unpenalized) weights. */
export interface CandidatePath {
  edges: number[];
  cost: number;
}

/**
 * The cheapest route through each gateway, for the `distinct` method. A corridor is named by its gateways (border
 * crossings, sea and ferry crossings), so the cheapest route that passes a given gateway is the natural candidate
 * for that corridor; penalty searches alone can miss it when it shares links with routes already found (the KTI
 * railway shares its Kazakh and Iranian ends with the Caspian sea routes). One search from the origin and one
 * toward the destination give the cheapest route through every gateway edge at once: dist(origin → tail) +
 * weight + dist(head → destination).
 */
export class GatewayCandidates {
  private readonly reverse: Csr;
  /** order[k]: the forward edge that reverse edge k runs against. */
  private readonly order: Uint32Array;
  /** Forward edges that enter a border crossing or are a sea or ferry leg. */
  private readonly gatewayEdges: Uint32Array;
  private readonly forward: SearchWorkspace;
  private readonly backward: SearchWorkspace;

  constructor(private readonly graph: MultimodalGraph) {
    const { csr, edgeKind, edgeRef, vertexNode, network } = graph;
    const built = buildCsr(csr.vertexCount, csr.targets, csr.sources);
    this.reverse = built.csr;
    this.order = built.order;
    const gateways: number[] = [];
    for (let e = 0; e < csr.edgeCount; e++) {
      if (edgeKind[e] !== EDGE_LINK) continue;
      const mode = network.links[edgeRef[e]!]!.mode;
      const head = network.nodes[vertexNode[csr.targets[e]!]!]!;
      if (mode === 'sea' || mode === 'ferry' || head.border !== undefined) gateways.push(e);
    }
    this.gatewayEdges = Uint32Array.from(gateways);
    this.forward = new SearchWorkspace(csr.vertexCount);
    this.backward = new SearchWorkspace(csr.vertexCount);
  }

  /**
   * The cheapest route through each gateway edge that any route uses, cheapest first, at most `limit` of them.
   * Several gateway edges often give the same route (a route through two borders is the best through both);
   * the caller groups them by corridor.
   */
  cheapestThroughEach(
    source: number,
    target: number,
    weights: Float64Array,
    masks: SearchMasks,
    limit: number,
  ): CandidatePath[] {
    const { csr } = this.graph;
    const reverseWeights = permute(weights, this.order);
    const reverseBlocked = permute(masks.blockedEdges, this.order);
    shortestPaths(csr, weights, [source], undefined, this.forward, masks);
    shortestPaths(this.reverse, reverseWeights, [target], undefined, this.backward, {
      blockedEdges: reverseBlocked,
      blockedVertices: masks.blockedVertices,
    });
    const { dist: fromSource } = this.forward;
    const { dist: toTarget } = this.backward;
    const through: { edge: number; cost: number }[] = [];
    for (const edge of this.gatewayEdges) {
      if (masks.blockedEdges[edge] !== 0) continue;
      const cost = fromSource[csr.sources[edge]!]! + weights[edge]! + toTarget[csr.targets[edge]!]!;
      if (Number.isFinite(cost)) through.push({ edge, cost });
    }
    through.sort((a, b) => a.cost - b.cost);
    const seen = new Set<string>();
    const paths: CandidatePath[] = [];
    for (const { edge, cost } of through) {
      if (paths.length >= limit) break;
      const edges = pathEdges(csr, this.forward.predEdge, csr.sources[edge]!);
      edges.push(edge);
      this.appendToTarget(csr.targets[edge]!, edges);
      const key = edges.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      paths.push({ edges, cost });
    }
    return paths;
  }

  /** Follows the search toward the destination from `vertex`, appending the forward edges in travel order. */
  private appendToTarget(vertex: number, edges: number[]): void {
    const { predEdge } = this.backward;
    let at = vertex;
    for (let k = predEdge[at]!; k >= 0; k = predEdge[at]!) {
      edges.push(this.order[k]!);
      at = this.reverse.sources[k]!;
      if (edges.length > this.reverse.vertexCount) throw new Error('predecessor edges form a cycle');
    }
  }
}
