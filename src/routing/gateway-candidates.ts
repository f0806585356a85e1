import { buildCsr, permute, type Csr } from '../graph/csr.js';
import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import type { SearchMasks } from './constraints.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';
import { IndexedMinHeap } from './heap.js';
import { SmallCache, type CacheStats } from './small-cache.js';

/** Edges tried per distinct route wanted: the best route alone takes one try per edge. */
const ATTEMPTS_PER_PATH = 4;
/**
 * Search trees kept, from origins and toward destinations: a tree depends only on its root, the weights and the
 * masks, so a server answering many pairs of a network's places searches each place's tree once. A tree takes 12
 * bytes per vertex (6 kB on the bundled network, 512 trees 3 MB); on a large network the byte budget keeps fewer.
 */
const CACHED_TREES = 512;
const TREE_BUDGET_BYTES = 32 * 2 ** 20;
const TREE_BYTES_PER_VERTEX = Float64Array.BYTES_PER_ELEMENT + Int32Array.BYTES_PER_ELEMENT;

/** A finished full search: the cost to (or from) its root and the predecessor edge of every vertex. */
interface SearchTree {
  dist: Float64Array;
  predEdge: Int32Array;
}

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
  /** A number per weights or masks array seen, to name search trees by what they were searched on. */
  private readonly arrayIds = new WeakMap<object, number>();
  private nextArrayId = 0;
  private readonly trees: SmallCache<SearchTree>;
  /** The trees of the current call, which path extraction and the plateau check read. */
  private fromSource: SearchTree = { dist: new Float64Array(0), predEdge: new Int32Array(0) };
  private toTarget: SearchTree = this.fromSource;

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
    const treeBytes = Math.max(1, csr.vertexCount * TREE_BYTES_PER_VERTEX);
    this.trees = new SmallCache(Math.max(2, Math.min(CACHED_TREES, Math.floor(TREE_BUDGET_BYTES / treeBytes))));
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
    const on = `${this.arrayId(weights)}|${this.arrayId(masks.blockedEdges)}|${this.arrayId(masks.blockedVertices)}`;
    this.fromSource = this.trees.get(`>${source}|${on}`, () => {
      shortestPaths(csr, weights, [source], undefined, this.forward, masks);
      return { dist: this.forward.dist.slice(), predEdge: this.forward.predEdge.slice() };
    });
    this.toTarget = this.trees.get(`<${target}|${on}`, () => {
      shortestPaths(this.reverse, this.inReverseOrder(weights), [target], undefined, this.backward, {
        blockedEdges: this.inReverseOrder(masks.blockedEdges),
        blockedVertices: masks.blockedVertices,
      });
      return { dist: this.backward.dist.slice(), predEdge: this.backward.predEdge.slice() };
    });
    const fromSource = this.fromSource.dist;
    const toTarget = this.toTarget.dist;
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
      const edges = pathEdges(csr, this.fromSource.predEdge, csr.sources[edge]!);
      edges.push(edge);
      this.appendToTarget(csr.targets[edge]!, edges);
      const key = edges.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      paths.push({ edges, cost });
    }
    return paths;
  }

  /** How often a search tree was found kept rather than searched. */
  treeStats(): CacheStats {
    return this.trees.stats();
  }

  private arrayId(values: object): number {
    let id = this.arrayIds.get(values);
    if (id === undefined) {
      id = this.nextArrayId++;
      this.arrayIds.set(values, id);
    }
    return id;
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
    const forward = this.fromSource.predEdge;
    const backward = this.toTarget.predEdge;
    const inBoth = (e: number) =>
      forward[this.graph.csr.targets[e]!] === e && backward[sources[e]!] === this.reverseOf[e];
    if (!inBoth(edge)) return false;
    const before = forward[sources[edge]!]!;
    // Only links are tried, so a stretch that starts with a change of layer keeps its first link.
    return before >= 0 && this.graph.edgeKind[before] === EDGE_LINK && inBoth(before);
  }

  /** Follows the search toward the destination from `vertex`, appending the forward edges in travel order. */
  private appendToTarget(vertex: number, edges: number[]): void {
    const { predEdge } = this.toTarget;
    let at = vertex;
    for (let k = predEdge[at]!; k >= 0; k = predEdge[at]!) {
      edges.push(this.order[k]!);
      at = this.reverse.sources[k]!;
      if (edges.length > this.reverse.vertexCount) throw new Error('predecessor edges form a cycle');
    }
  }
}
