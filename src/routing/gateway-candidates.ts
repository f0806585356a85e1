import { buildCsr, permute, type Csr } from '../graph/csr.js';
import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import type { SearchMasks } from './constraints.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';
import { IndexedMinHeap } from './heap.js';
import { pathRevisitsANode } from './signature.js';
import { SmallCache, type CacheStats } from './small-cache.js';

/** Edges tried per route wanted among links that are not gateways: the best route alone takes one try per edge. */
const ATTEMPTS_PER_PATH = 4;
/** Loops cut out of one candidate, at most: a route that doubles back more often than this is dropped. */
const MAX_LOOP_CUTS = 4;

const pathCost = (weights: Float64Array, edges: readonly number[]): number => {
  let sum = 0;
  for (const edge of edges) sum += weights[edge]!;
  return sum;
};

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

/** What the caller of cheapestThroughEach wants: how many routes of links that are not gateways, and when to stop. */
export interface CandidateBudget {
  /** Routes through links that are not gateways to walk out, at most (a different main mode is a corridor too). */
  otherLinks: number;
  /** Gateway edges to walk out, at most. */
  gatewayWalks: number;
  /** Searches for a route through a gateway whose cheapest walk passes a place twice, at most. */
  repairs: number;
  /** The cost above which no further route can change the answer: the caller's k-th cheapest corridor so far. */
  stopAbove: () => number;
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
  /** gatewayEdge[e] = 1 when link edge e enters a border crossing or is a sea or ferry leg: a corridor's name. */
  private readonly gatewayEdge: Uint8Array;
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
  /** The graph's vertices at each node (its layers and its depart and arrive vertices). */
  private readonly verticesOfNode: number[][];
  /** Scratch: one entry per node for the loop check, one per vertex for a repair's blocked places. */
  private readonly seenNode: Uint8Array;
  private readonly repairBlocked: Uint8Array;
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
    this.gatewayEdge = new Uint8Array(csr.edgeCount);
    const { network, edgeRef, vertexNode } = graph;
    for (let e = 0; e < csr.edgeCount; e++) {
      if (edgeKind[e] !== EDGE_LINK) continue;
      links.push(e);
      const mode = network.links[edgeRef[e]!]!.mode;
      const head = network.nodes[vertexNode[csr.targets[e]!]!]!;
      if (mode === 'sea' || mode === 'ferry' || head.border !== undefined) this.gatewayEdge[e] = 1;
    }
    this.linkEdges = Uint32Array.from(links);
    this.verticesOfNode = network.nodes.map(() => []);
    for (let v = 0; v < csr.vertexCount; v++) this.verticesOfNode[vertexNode[v]!]!.push(v);
    this.seenNode = new Uint8Array(network.nodes.length);
    this.repairBlocked = new Uint8Array(csr.vertexCount);
    this.forward = new SearchWorkspace(csr.vertexCount);
    this.backward = new SearchWorkspace(csr.vertexCount);
    this.byCost = new IndexedMinHeap(csr.edgeCount);
    const treeBytes = Math.max(1, csr.vertexCount * TREE_BYTES_PER_VERTEX);
    this.trees = new SmallCache(Math.max(2, Math.min(CACHED_TREES, Math.floor(TREE_BUDGET_BYTES / treeBytes))));
  }

  /**
   * The cheapest route through each link edge that any route uses, cheapest first, each handed to `consider`
   * (many edges give the same route: every edge of the best route gives the best route; the caller groups the
   * routes by corridor). Gateway edges are walked out until the next cost exceeds `budget.stopAbove()`: a corridor
   * whose cheapest route is the only one that cheap through one of its gateways is then found, however many
   * cheaper corridors share its other links, because routes come cheapest first and a later one cannot be among the
   * caller's cheapest. Other links (a corridor of another main mode without a gateway of its own) get a few tries.
   */
  cheapestThroughEach(
    source: number,
    target: number,
    weights: Float64Array,
    masks: SearchMasks,
    budget: CandidateBudget,
    consider: (path: CandidatePath) => void,
  ): void {
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
    const { byCost, gatewayEdge } = this;
    byCost.clear();
    for (const edge of this.linkEdges) {
      if (masks.blockedEdges[edge] !== 0) continue;
      const cost = fromSource[csr.sources[edge]!]! + weights[edge]! + toTarget[csr.targets[edge]!]!;
      if (Number.isFinite(cost)) byCost.push(edge, cost);
    }
    const seen = new Set<string>();
    let otherTries = 0;
    let otherPaths = 0;
    let gatewayWalks = 0;
    let repairs = 0;
    // Extracting a path costs its length; duplicates are common, so the attempts are bounded too.
    while (byCost.size > 0 && byCost.peekKey() <= budget.stopAbove()) {
      const cost = byCost.peekKey();
      const edge = byCost.pop();
      const gateway = gatewayEdge[edge] === 1;
      if (gateway ? gatewayWalks >= budget.gatewayWalks : otherPaths >= budget.otherLinks) continue;
      if (!gateway && otherTries++ >= budget.otherLinks * ATTEMPTS_PER_PATH) continue;
      if (this.insidePlateau(edge, gateway)) continue;
      if (gateway) gatewayWalks++;
      const edges = pathEdges(csr, this.fromSource.predEdge, csr.sources[edge]!);
      edges.push(edge);
      this.appendToTarget(csr.targets[edge]!, edges);
      const key = edges.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      if (!gateway) otherPaths++;
      if (gateway && repairs < budget.repairs && pathRevisitsANode(this.graph, edges, this.seenNode)) {
        // The cheapest walk through this gateway turns back through a place it passed (out to a border post and
        // back to the origin): the route through the gateway that goes on instead is the candidate.
        // Or it doubles back inside the rest of the route (ferry to Alat, rail to Baku, road back through Alat):
        // cutting the loop at the place it revisits, by a change of layer there, gives the route that goes on.
        repairs++;
        let onward = this.onwardWithout(edge, target, weights, masks);
        if (onward !== undefined && pathRevisitsANode(this.graph, onward, this.seenNode))
          onward = this.withoutLoops(onward, masks);
        if (onward !== undefined) consider({ edges: onward, cost: pathCost(weights, onward) });
        const cut = this.withoutLoops(edges, masks);
        if (cut !== undefined) consider({ edges: cut, cost: pathCost(weights, cut) });
        continue;
      }
      consider({ edges, cost });
    }
  }

  /**
   * The cheapest route through `edge` that reaches the target without passing again a place of the origin's
   * tree path to the edge: that path, the edge, then a search from the edge's head with those places blocked.
   */
  /**
   * The path with each loop through a place cut out: from the first visit to the place straight to the layer the
   * path leaves it on at the later visit, by the change of layer (transfer edge) there. Undefined when a loop
   * cannot be cut so (no such transfer, or it is blocked).
   */
  private withoutLoops(edges: number[], masks: SearchMasks): number[] | undefined {
    const { csr, vertexNode } = this.graph;
    let path = edges;
    for (let round = 0; round < MAX_LOOP_CUTS; round++) {
      const vertices = [csr.sources[path[0]!]!, ...path.map((e) => csr.targets[e]!)];
      const firstVisit = new Map<number, number>();
      let cut: number[] | undefined;
      for (let j = 0; j < vertices.length && cut === undefined; j++) {
        const node = vertexNode[vertices[j]!]!;
        if (j > 0 && vertexNode[vertices[j - 1]!] === node) continue;
        const start = firstVisit.get(node);
        if (start === undefined) {
          firstVisit.set(node, j);
          continue;
        }
        // The earlier visit spans start.. while the path stays at the place; join any of its vertices to vertices[j].
        for (let k = start; k < j && vertexNode[vertices[k]!] === node && cut === undefined; k++) {
          const from = vertices[k]!;
          const to = vertices[j]!;
          if (from === to) cut = [...path.slice(0, k), ...path.slice(j)];
          else {
            const link = this.edgeBetween(from, to, masks.blockedEdges);
            if (link >= 0) cut = [...path.slice(0, k), link, ...path.slice(j)];
          }
        }
        if (cut === undefined) return undefined;
      }
      if (cut === undefined) return path;
      path = cut;
    }
    return undefined;
  }

  /** An unblocked edge from one vertex to another, or −1. */
  private edgeBetween(from: number, to: number, blockedEdges: Uint8Array): number {
    const { offsets, targets } = this.graph.csr;
    for (let k = offsets[from]!; k < offsets[from + 1]!; k++) if (targets[k] === to && blockedEdges[k] === 0) return k;
    return -1;
  }

  private onwardWithout(edge: number, target: number, weights: Float64Array, masks: SearchMasks): number[] | undefined {
    const { csr, vertexNode } = this.graph;
    const blocked = this.repairBlocked;
    blocked.set(masks.blockedVertices);
    const before = pathEdges(csr, this.fromSource.predEdge, csr.sources[edge]!);
    const headNode = vertexNode[csr.targets[edge]!]!;
    const block = (vertex: number) => {
      const node = vertexNode[vertex]!;
      if (node !== headNode) for (const v of this.verticesOfNode[node]!) blocked[v] = 1;
    };
    block(csr.sources[edge]!);
    for (const e of before) block(csr.sources[e]!);
    // The tree toward the target is exact without the extra blocked places, so it bounds the cost from every
    // vertex with them from below (blocking only lengthens routes): a consistent potential that lets this search
    // follow the tree and settle little more than the route it returns.
    shortestPaths(csr, weights, [csr.targets[edge]!], undefined, this.forward, {
      target,
      blockedEdges: masks.blockedEdges,
      blockedVertices: blocked,
      potential: this.toTarget.dist,
    });
    if (!Number.isFinite(this.forward.dist[target]!)) return undefined;
    return [...before, edge, ...pathEdges(csr, this.forward.predEdge, target)];
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
   * An edge on both search trees whose route is that of an earlier edge of the same stretch on both trees: the
   * route through it is the route through that edge (both follow the trees of a plateau), so only the first is
   * walked out. For a gateway edge the earlier edge must be a gateway too, since other links may run out of tries.
   * Skips the edges of the best route but one or two, and most repeats of every other.
   */
  private insidePlateau(edge: number, gateway: boolean): boolean {
    const { sources, targets } = this.graph.csr;
    const forward = this.fromSource.predEdge;
    const backward = this.toTarget.predEdge;
    const inBoth = (e: number) => forward[targets[e]!] === e && backward[sources[e]!] === this.reverseOf[e];
    if (!inBoth(edge)) return false;
    // Only links are tried, so a stretch that starts with a change of layer keeps its first link.
    for (let before = forward[sources[edge]!]!; before >= 0; before = forward[sources[before]!]!) {
      if (this.graph.edgeKind[before] !== EDGE_LINK || !inBoth(before)) return false;
      if (!gateway || this.gatewayEdge[before] === 1) return true;
    }
    return false;
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
