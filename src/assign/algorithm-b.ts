import { bprCost, bprDerivative, updateCosts, updateDerivatives } from './bpr.js';
import type { EquilibriumSolver } from './link-based.js';
import { activeOrigins, type AssignmentNetwork, type OdDemand } from './network.js';
import { loadTree, shortestPathTree, TreeWorkspace, type ShortestPathOracle } from './shortest-path.js';

export interface AlgorithmBOptions {
  /** Flow-shifting passes over all bushes per iteration, after the bushes are updated (default 20). */
  innerIterations?: number;
  /** Origin-based link flow at or below which a link counts as unused and may leave its bush (default 1e-12). */
  minLinkFlow?: number;
}

/** Denominator used when both segments have constant cost (zero derivative), as in Dial (2006). */
const MIN_DERIVATIVE = 1e-6;

/**
 * Algorithm B (Dial 2006), bush-based: every origin keeps an acyclic sub-network (its bush) carrying its flows.
 * An iteration updates each bush (drops unused links, adds links that shorten paths while keeping it acyclic) and
 * then repeatedly shifts flow, at every merge node in descending topological order, from the longest used path
 * segment to the shortest one back to their divergence node, by a Newton step on the segment cost difference.
 * Link costs are updated after every shift (Gauss–Seidel). Storage is dense per origin (O × E flows and flags),
 * which suits networks up to tens of thousands of links.
 */
export class AlgorithmBSolver implements EquilibriumSolver {
  readonly volume: Float64Array;
  readonly cost: Float64Array;
  readonly origins: Uint32Array;
  /** Origin-based link flows: bushFlow[o · E + e] for the o-th active origin. */
  readonly bushFlow: Float64Array;
  readonly inBush: Uint8Array;
  private readonly derivative: Float64Array;
  private readonly topo: Uint32Array;
  private readonly topoCount: Uint32Array;
  /** Per origin, the bush links entering each node, grouped by the node's topological position. */
  private readonly bushEdges: Uint32Array;
  private readonly bushEdgeStart: Uint32Array;
  private readonly active: Uint8Array;
  private readonly sp: Float64Array;
  private readonly lp: Float64Array;
  private readonly spPred: Int32Array;
  private readonly lpPred: Int32Array;
  private readonly mark: Int32Array;
  private readonly indegree: Uint32Array;
  private stamp = 0;
  private lastGap = Infinity;
  private iteration = 0;
  private readonly innerIterations: number;
  private readonly minLinkFlow: number;
  /** Flow shifts done so far (for diagnostics). */
  shifts = 0;

  constructor(
    private readonly network: AssignmentNetwork,
    private readonly demand: OdDemand,
    private readonly oracle: ShortestPathOracle,
    options: AlgorithmBOptions = {},
  ) {
    this.innerIterations = options.innerIterations ?? 20;
    this.minLinkFlow = options.minLinkFlow ?? 1e-12;
    const E = network.linkCount;
    const V = network.nodeCount;
    this.origins = activeOrigins(demand);
    const O = this.origins.length;
    this.volume = new Float64Array(E);
    this.cost = new Float64Array(E);
    this.derivative = new Float64Array(E);
    this.bushFlow = new Float64Array(O * E);
    this.inBush = new Uint8Array(O * E);
    this.topo = new Uint32Array(O * V);
    this.topoCount = new Uint32Array(O);
    this.bushEdges = new Uint32Array(O * E);
    this.bushEdgeStart = new Uint32Array(O * (V + 1));
    this.active = new Uint8Array(O);
    this.sp = new Float64Array(V);
    this.lp = new Float64Array(V);
    this.spPred = new Int32Array(V);
    this.lpPred = new Int32Array(V);
    this.mark = new Int32Array(V);
    this.indegree = new Uint32Array(V);

    // Initial bushes: shortest-path trees at free flow, loaded all-or-nothing.
    updateCosts(network, this.volume, this.cost);
    const workspace = new TreeWorkspace(V);
    for (let o = 0; o < O; o++) {
      const origin = this.origins[o]!;
      shortestPathTree(network, this.cost, origin, workspace);
      const count = workspace.settledCount;
      const base = o * E;
      for (let k = 1; k < count; k++) this.inBush[base + workspace.predEdge[workspace.order[k]!]!] = 1;
      this.topologicalOrder(o);
      loadTree(network, demand, origin, workspace, this.bushFlow.subarray(base, base + E));
    }
    this.sumVolumes();
    updateCosts(network, this.volume, this.cost);
    updateDerivatives(network, this.volume, this.derivative);
  }

  measure(): number {
    return this.oracle.allOrNothing(this.cost, null);
  }

  observeGap(gap: number): void {
    this.lastGap = gap;
  }

  advance(): void {
    const O = this.origins.length;
    for (let o = 0; o < O; o++) {
      this.updateBush(o);
      this.active[o] = this.updateFlows(o, 0) ? 1 : 0;
    }
    const passes = this.iteration === 0 ? 1 : this.innerIterations;
    const threshold = Number.isFinite(this.lastGap) ? 0.25 * this.lastGap : 0;
    for (let pass = 0; pass < passes; pass++) {
      let any = false;
      for (let o = 0; o < O; o++) {
        if (this.active[o] === 0) continue;
        const shifted = this.updateFlows(o, threshold);
        this.active[o] = shifted ? 1 : 0;
        any ||= shifted;
      }
      if (!any) break;
    }
    // Re-add link volumes from the bushes so rounding in the incremental updates never accumulates.
    this.sumVolumes();
    updateCosts(this.network, this.volume, this.cost);
    updateDerivatives(this.network, this.volume, this.derivative);
    this.iteration++;
  }

  private sumVolumes(): void {
    const E = this.network.linkCount;
    const { volume, bushFlow } = this;
    volume.fill(0);
    for (let o = 0; o < this.origins.length; o++) {
      const base = o * E;
      for (let e = 0; e < E; e++) volume[e]! += bushFlow[base + e]!;
    }
  }

  /**
   * Shortest and longest path labels on bush o, in topological order, over its compact in-link lists. Longest paths
   * use links with flow, plus the shortest-path link when `withShortest` (so every reached node has a finite longest
   * label for bush updates). Returns the bush's excess cost Σ_a f_a (t_a + sp_tail − sp_head) when not
   * `withShortest` (flow passes), else 0.
   */
  private scan(o: number, withShortest: boolean): number {
    const { network, sp, lp, spPred, lpPred, bushFlow, cost, topo, bushEdges, bushEdgeStart } = this;
    const sources = network.csr.sources;
    const E = network.linkCount;
    const V = network.nodeCount;
    const base = o * E;
    const topoBase = o * V;
    const startBase = o * (V + 1);
    const count = this.topoCount[o]!;
    const minFlow = this.minLinkFlow;
    sp.fill(Infinity);
    lp.fill(-Infinity);
    const origin = topo[topoBase]!;
    sp[origin] = 0;
    lp[origin] = 0;
    spPred[origin] = -1;
    lpPred[origin] = -1;
    let excess = 0;
    for (let k = 1; k < count; k++) {
      const j = topo[topoBase + k]!;
      const start = bushEdgeStart[startBase + k]!;
      const end = bushEdgeStart[startBase + k + 1]!;
      let best = Infinity;
      let bestEdge = -1;
      let worst = -Infinity;
      let worstEdge = -1;
      if (withShortest) {
        for (let idx = start; idx < end; idx++) {
          const e = bushEdges[base + idx]!;
          const label = sp[sources[e]!]! + cost[e]!;
          if (label < best) {
            best = label;
            bestEdge = e;
          }
        }
        for (let idx = start; idx < end; idx++) {
          const e = bushEdges[base + idx]!;
          if (!(bushFlow[base + e]! > minFlow || e === bestEdge)) continue;
          const label = lp[sources[e]!]! + cost[e]!;
          if (label > worst) {
            worst = label;
            worstEdge = e;
          }
        }
      } else {
        let arriving = 0;
        let arrivingCost = 0;
        for (let idx = start; idx < end; idx++) {
          const e = bushEdges[base + idx]!;
          const i = sources[e]!;
          const c = cost[e]!;
          const label = sp[i]! + c;
          if (label < best) {
            best = label;
            bestEdge = e;
          }
          const flow = bushFlow[base + e]!;
          if (flow > minFlow) {
            const longest = lp[i]! + c;
            if (longest > worst) {
              worst = longest;
              worstEdge = e;
            }
          }
          if (flow > 0) {
            arriving += flow;
            arrivingCost += flow * label;
          }
        }
        if (arriving > 0) excess += arrivingCost - arriving * best;
      }
      sp[j] = best;
      spPred[j] = bestEdge;
      lp[j] = worst;
      lpPred[j] = worstEdge;
    }
    return excess;
  }

  /** Drops unused links from bush o and adds shortcuts, keeping it acyclic; then recomputes its topological order. */
  private updateBush(o: number): void {
    this.scan(o, true);
    const { network, sp, lp, spPred, inBush, bushFlow, cost, volume } = this;
    const { sources, targets } = network.csr;
    const E = network.linkCount;
    const base = o * E;
    const origin = this.origins[o]!;
    const thruFrom = network.thruFrom;
    const minFlow = this.minLinkFlow;
    let added = 0;
    for (let e = 0; e < E; e++) {
      const i = sources[e]!;
      const j = targets[e]!;
      if (inBush[base + e] !== 0) {
        const flow = bushFlow[base + e]!;
        if (flow <= minFlow && spPred[j] !== e) {
          inBush[base + e] = 0;
          if (flow !== 0) {
            bushFlow[base + e] = 0;
            volume[e]! -= flow;
          }
        }
        continue;
      }
      if (i < thruFrom && i !== origin) continue;
      const lpi = lp[i]!;
      if (lpi === -Infinity) continue;
      if (sp[i]! + cost[e]! < sp[j]! && lpi < lp[j]!) {
        inBush[base + e] = 2;
        added++;
      }
    }
    if (added === 0) {
      // No strict shortcut: fall back to every link consistent with the longest-path order (Nie 2009).
      for (let e = 0; e < E; e++) {
        if (inBush[base + e] !== 0) continue;
        const i = sources[e]!;
        if (i < thruFrom && i !== origin) continue;
        const lpi = lp[i]!;
        if (lpi !== -Infinity && lpi < lp[targets[e]!]!) inBush[base + e] = 2;
      }
    }
    this.topologicalOrder(o);
  }

  /** Kahn's algorithm on the bush links from the origin. */
  private topologicalOrder(o: number): void {
    const { network, inBush, topo, indegree } = this;
    const { offsets, targets } = network.csr;
    const E = network.linkCount;
    const V = network.nodeCount;
    const base = o * E;
    const topoBase = o * V;
    let links = 0;
    for (let e = 0; e < E; e++) {
      if (inBush[base + e] === 0) continue;
      inBush[base + e] = 1; // links just added were marked 2
      indegree[targets[e]!]! += 1;
      links++;
    }
    let visited = 0;
    let head = topoBase;
    let tail = topoBase;
    topo[tail++] = this.origins[o]!;
    while (head < tail) {
      const u = topo[head++]!;
      const end = offsets[u + 1]!;
      for (let e = offsets[u]!; e < end; e++) {
        if (inBush[base + e] === 0) continue;
        const v = targets[e]!;
        visited++;
        if (--indegree[v]! === 0) topo[tail++] = v;
      }
    }
    if (visited !== links) {
      // Links left unvisited lie on a cycle (or hang off one): bush updates must never allow that.
      indegree.fill(0);
      throw new Error(`bush of zone ${this.origins[o]! + 1} has a cycle (internal error)`);
    }
    const count = tail - topoBase;
    this.topoCount[o] = count;
    // Compact in-link lists by topological position, so scans touch only bush links.
    const { inOffsets, inEdges } = network;
    const { bushEdges, bushEdgeStart } = this;
    const startBase = o * (V + 1);
    let cursor = 0;
    for (let k = 0; k < count; k++) {
      bushEdgeStart[startBase + k] = cursor;
      const j = topo[topoBase + k]!;
      for (let idx = inOffsets[j]!; idx < inOffsets[j + 1]!; idx++) {
        const e = inEdges[idx]!;
        if (inBush[base + e] !== 0) bushEdges[base + cursor++] = e;
      }
    }
    bushEdgeStart[startBase + count] = cursor;
  }

  /**
   * One flow-shifting pass over bush o. Returns false (and shifts nothing) when the bush is already within
   * `threshold` of its own equilibrium, measured by its relative excess cost.
   */
  private updateFlows(o: number, threshold: number): boolean {
    const excess = this.scan(o, false);
    const { network, demand, sp, lp, spPred, lpPred, topo } = this;
    const V = network.nodeCount;
    const origin = this.origins[o]!;
    if (threshold > 0) {
      let sptt = 0;
      for (let k = demand.offsets[origin]!; k < demand.offsets[origin + 1]!; k++) {
        const d = demand.destinations[k]!;
        if (d !== origin) sptt += demand.volumes[k]! * sp[d]!;
      }
      if (sptt > 0 && excess / sptt < threshold) return false;
    }
    if (!(excess > 0)) return false;
    const topoBase = o * V;
    for (let k = this.topoCount[o]! - 1; k > 0; k--) {
      const j = topo[topoBase + k]!;
      const lpEdge = lpPred[j]!;
      if (lpEdge < 0 || lpEdge === spPred[j] || !(lp[j]! > sp[j]!)) continue;
      this.shiftAt(o, j);
    }
    return true;
  }

  /** Newton flow shift at merge node j between the longest used and the shortest segment from their divergence node. */
  private shiftAt(o: number, j: number): void {
    const { network, spPred, lpPred, mark, bushFlow, cost, derivative, volume } = this;
    const sources = network.csr.sources;
    const { freeFlowTime, b, capacity, power } = network;
    const base = o * network.linkCount;
    const origin = this.origins[o]!;
    if (this.stamp >= 0x7fffffff) {
      mark.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    let s = j;
    let l = j;
    let divergence = -1;
    while (divergence < 0) {
      if (s !== origin) {
        s = sources[spPred[s]!]!;
        if (mark[s] === stamp) divergence = s;
        else mark[s] = stamp;
      }
      if (divergence < 0 && l !== origin) {
        l = sources[lpPred[l]!]!;
        if (mark[l] === stamp) divergence = l;
        else mark[l] = stamp;
      }
    }
    let longCost = 0;
    let longDer = 0;
    let longFlow = Infinity;
    for (let v = j; v !== divergence;) {
      const e = lpPred[v]!;
      longCost += cost[e]!;
      longDer += derivative[e]!;
      const flow = bushFlow[base + e]!;
      if (flow < longFlow) longFlow = flow;
      v = sources[e]!;
    }
    let shortCost = 0;
    let shortDer = 0;
    let shortFlow = Infinity;
    for (let v = j; v !== divergence;) {
      const e = spPred[v]!;
      shortCost += cost[e]!;
      shortDer += derivative[e]!;
      const flow = bushFlow[base + e]!;
      if (flow < shortFlow) shortFlow = flow;
      v = sources[e]!;
    }
    let denominator = longDer + shortDer;
    if (!(denominator > 0)) denominator = MIN_DERIVATIVE;
    let shift = (longCost - shortCost) / denominator;
    if (shift > longFlow) shift = longFlow;
    if (shift < -shortFlow) shift = -shortFlow;
    if (shift === 0 || !Number.isFinite(shift)) return;
    this.shifts++;
    for (let v = j; v !== divergence;) {
      const e = lpPred[v]!;
      bushFlow[base + e]! -= shift;
      const x = (volume[e]! -= shift);
      cost[e] = bprCost(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, x);
      derivative[e] = bprDerivative(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, x);
      v = sources[e]!;
    }
    for (let v = j; v !== divergence;) {
      const e = spPred[v]!;
      bushFlow[base + e]! += shift;
      const x = (volume[e]! += shift);
      cost[e] = bprCost(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, x);
      derivative[e] = bprDerivative(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, x);
      v = sources[e]!;
    }
  }
}
