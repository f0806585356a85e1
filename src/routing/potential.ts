import type { MultimodalGraph } from '../graph/multimodal.js';
import { greatCircleKm } from '../model/geo.js';
import { SmallCache } from './small-cache.js';

/** Destinations whose distances are remembered: a few kB each, the trigonometry being most of a potential's cost. */
const CACHED_DESTINATIONS = 256;

/**
 * A* potentials from great-circle distance: weight per km never beats the cheapest edge's weight per km of the
 * great-circle distance it covers, so c × (great-circle km to the target) is a consistent lower bound for any
 * weights (time, cost, CO2e, distance, generalized): for an edge u→v, c·(gc(u,t) − gc(v,t)) ≤ c·gc(u,v) ≤ w(u→v)
 * by the triangle inequality. Changes of layer at one place cover no distance and cost ≥ 0, which keeps it so.
 * Penalized weights (the distinct method) only grow, so the bound of the plain weights holds for them too.
 */
export class GreatCirclePotential {
  /** Great-circle km each edge covers between its places. */
  private readonly edgeKm: Float64Array;
  private readonly perKm = new WeakMap<Float64Array, number>();
  private readonly kmToNode = new SmallCache<Float64Array>(CACHED_DESTINATIONS);
  /** One potential buffer, refilled per request: a router serves one query at a time. */
  readonly potential: Float64Array;

  constructor(private readonly graph: MultimodalGraph) {
    const { csr, vertexNode, network } = graph;
    this.edgeKm = new Float64Array(csr.edgeCount);
    for (let e = 0; e < csr.edgeCount; e++) {
      const a = network.nodes[vertexNode[csr.sources[e]!]!]!;
      const b = network.nodes[vertexNode[csr.targets[e]!]!]!;
      this.edgeKm[e] = a === b ? 0 : greatCircleKm(a.lat, a.lon, b.lat, b.lon);
    }
    this.potential = new Float64Array(csr.vertexCount);
  }

  /**
   * The least weight per great-circle km over all edges, shaved by a billionth so that rounding in the distances
   * cannot make the bound overshoot; 0 when some edge covers distance for free (then A* would gain nothing).
   */
  private weightPerKm(weights: Float64Array): number {
    let known = this.perKm.get(weights);
    if (known === undefined) {
      known = Infinity;
      for (let e = 0; e < weights.length; e++) {
        const km = this.edgeKm[e]!;
        if (km > 0) known = Math.min(known, weights[e]! / km);
      }
      known = Number.isFinite(known) ? Math.max(0, known * (1 - 1e-9)) : 0;
      this.perKm.set(weights, known);
    }
    return known;
  }

  /** Fills the potential toward the target node for these weights; undefined when it would be all zeros. */
  toward(targetNode: number, weights: Float64Array): Float64Array | undefined {
    const perKm = this.weightPerKm(weights);
    if (perKm === 0) return undefined;
    const { network, vertexNode } = this.graph;
    const kmTo = this.kmToNode.get(String(targetNode), () => {
      const target = network.nodes[targetNode]!;
      return Float64Array.from(network.nodes, (node, n) =>
        n === targetNode ? 0 : greatCircleKm(node.lat, node.lon, target.lat, target.lon),
      );
    });
    for (let v = 0; v < this.potential.length; v++) this.potential[v] = perKm * kmTo[vertexNode[v]!]!;
    return this.potential;
  }
}
