import { buildCsr, permute, type Csr } from '../graph/csr.js';
import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import type { SearchMasks } from './constraints.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';
import { IndexedMinHeap } from './heap.js';

/** Edges tried per distinct route wanted: the best route alone takes one try per edge. */
const ATTEMPTS_PER_PATH = 4;

/** A path in the forward graph, with its cost under the request's (unpenalized) weights. */
export interface CandidatePath {
  edges: number[];
  cost: number;
}

/**
 * The cheapest route through each link, for the `distinct` method. A corridor is named by its gateways (border
 * crossings, sea and ferry crossings) and main mode, so the cheapest route through a gateway's link, or through a
 * link of another mode, is the natural candidate for that corridor; penalty searches alone miss it when it shares
 * links with routes already found (the KTI railway shares its Kazakh and Iranian ends with the Caspian sea routes).
 * One search from the origin and one toward the destination give the cheapest route through every link at once:
 * dist(origin → tail) + weight + dist(head → destination).
 */
export class GatewayCandidates {
  private readonly reverse: Csr;
  /** order[k]: the forward edge that reverse edge k runs against. */
  private readonly order: Uint32Array;
  /** reverseOf[e]: the reverse edge of forward edge e. */
  private readonly reverseOf: Uint32Array;
  /** Forward edges of links: every gateway edge (into a border crossing, a sea or ferry leg) and every leg of a mode. */
  private readonly linkEdges: Uint32Array;
  private readonly forward: SearchWorkspace;
  private readonly backward: SearchWorkspace;
  /** Link edges by the cost of the cheapest route through them, popped only as far as the caller needs. */
  private readonly byCost: IndexedMinHeap;
  /** Weights and edge masks in reverse-edge order, per forward array (both are cached by the router). */
  private readonly reversed = new WeakMap<Float64Array | Uint8Array, Float64Array | Uint8Array>();

  constructor(private readonly graph: MultimodalGraph) {
    const { csr, edgeKind } = graph;
    const built = buildCsr(csr.vertexCount, csr.targets, csr.sources);
    this.reverse = built.csr;
    this.order = built.order;
    this.reverseOf = new Uint32Array(csr.edgeCount);
    for (let k = 0; k < csr.edgeCount; k++) this.reverseOf[this.order[k]!] = k;
    const links: number[] = [];
    for (let e = 0; e < csr.edgeCount; e++) if (edgeKind[e] === EDGE_LINK) links.push(e);
    this.linkEdges = Uint32Array.from(links);
    this.forward = new SearchWorkspace(csr.vertexCount);
    this.backward = new SearchWorkspace(csr.vertexCount);
    this.byCost = new IndexedMinHeap(csr.edgeCount);
  }

  /**
   * The cheapest route through each link edge that any route uses, cheapest first, at most `limit` different
   * routes. Many edges give the same route (every edge of the best route gives the best route); the caller groups
   * the routes by corridor.
   */
  cheapestThroughEach(
    source: number,
    target: number,
    weights: Float64Array,
    masks: SearchMasks,
    limit: number,
  ): CandidatePath[] {
    const { csr } = this.graph;
    const reverseWeights = this.inReverseOrder(weights);
    const reverseBlocked = this.inReverseOrder(masks.blockedEdges);
    shortestPaths(csr, weights, [source], undefined, this.forward, masks);
    shortestPaths(this.reverse, reverseWeights, [target], undefined, this.backward, {
      blockedEdges: reverseBlocked,
      blockedVertices: masks.blockedVertices,
    });
    const { dist: fromSource } = this.forward;
    const { dist: toTarget } = this.backward;
    const { byCost } = this;
    byCost.clear();
    for (const edge of this.linkEdges) {
      if (masks.blockedEdges[edge] !== 0) continue;
      const cost = fromSource[csr.sources[edge]!]! + weights[edge]! + toTarget[csr.targets[edge]!]!;
      if (Number.isFinite(cost)) byCost.push(edge, cost);
    }
    const seen = new Set<string>();
    const paths: CandidatePath[] = [];
    // Extracting a path costs its length; duplicates are common, so the attempts are bounded too.
    for (let attempt = 0; byCost.size > 0 && attempt < limit * ATTEMPTS_PER_PATH && paths.length < limit; attempt++) {
      const cost = byCost.peekKey();
      const edge = byCost.pop();
      if (this.insidePlateau(edge)) continue;
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

  private inReverseOrder<T extends Float64Array | Uint8Array>(values: T): T {
    let reversed = this.reversed.get(values) as T | undefined;
    if (reversed === undefined) {
      reversed = permute(values, this.order);
      this.reversed.set(values, reversed);
    }
    return reversed;
  }

  /**
   * An edge on both search trees whose predecessor on the route is a link on both trees too: the route through it
   * is the route through that predecessor (both follow the trees of a plateau), so only the first is extracted. Skips the edges of
   * the best route but one, and most repeats of every other.
   */
  private insidePlateau(edge: number): boolean {
    const { sources } = this.graph.csr;
    const inBoth = (e: number) =>
      this.forward.predEdge[this.graph.csr.targets[e]!] === e &&
      this.backward.predEdge[sources[e]!] === this.reverseOf[e];
    if (!inBoth(edge)) return false;
    const before = this.forward.predEdge[sources[edge]!]!;
    // Only links are tried, so a stretch that starts with a change of layer keeps its first link.
    return before >= 0 && this.graph.edgeKind[before] === EDGE_LINK && inBoth(before);
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
