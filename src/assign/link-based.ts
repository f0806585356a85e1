import { bprCost, updateCosts, updateDerivatives } from './bpr.js';
import type { AssignmentNetwork } from './network.js';
import type { ShortestPathOracle } from './shortest-path.js';

export type LinkBasedAlgorithm = 'msa' | 'fw' | 'cfw' | 'bfw';

/** The largest weight the conjugate direction may give the previous target (Mitradjieva & Lindberg cap it below 1). */
const MAX_CONJUGATE_WEIGHT = 1 - 1e-5;

/**
 * A solver the assignment driver steps: `measure` returns the shortest-path travel time (SPTT) at the current
 * volumes, `advance` moves to the next iterate. Volumes and costs are in CSR order.
 */
export interface EquilibriumSolver {
  readonly volume: Float64Array;
  readonly cost: Float64Array;
  measure(): number;
  advance(): void;
  /** Told the relative gap after each measurement (Algorithm B uses it to skip bushes near equilibrium). */
  observeGap?(gap: number): void;
}

/**
 * Link-based (convex-combination) algorithms: MSA, Frank–Wolfe, conjugate and bi-conjugate Frank–Wolfe
 * (Mitradjieva & Lindberg 2013). Each iteration loads all demand all-or-nothing on current shortest paths (the
 * "target" y), builds a search target s̄ from y and the previous targets, and moves x ← x + τ (s̄ − x), with τ from
 * an exact line search (bisection on the Beckmann derivative) or 1/(k+2) for MSA.
 */
export class LinkBasedSolver implements EquilibriumSolver {
  readonly volume: Float64Array;
  readonly cost: Float64Array;
  lastStep = 1;
  private readonly aon: Float64Array;
  /** s̄ of the previous iteration and the one before (targets, not directions). */
  private previousTarget: Float64Array;
  private olderTarget: Float64Array;
  private target: Float64Array;
  private readonly derivative: Float64Array;
  private previousStep = 1;
  private olderStep = 1;
  private iteration = 0;
  private measured = false;

  constructor(
    private readonly network: AssignmentNetwork,
    private readonly oracle: ShortestPathOracle,
    private readonly algorithm: LinkBasedAlgorithm,
  ) {
    const n = network.linkCount;
    this.volume = new Float64Array(n);
    this.cost = new Float64Array(n);
    this.aon = new Float64Array(n);
    this.previousTarget = new Float64Array(n);
    this.olderTarget = new Float64Array(n);
    this.target = new Float64Array(n);
    this.derivative = new Float64Array(n);
    // Iterate 0: all-or-nothing at free flow.
    updateCosts(network, this.volume, this.cost);
    oracle.allOrNothing(this.cost, this.volume);
    updateCosts(network, this.volume, this.cost);
  }

  measure(): number {
    const sptt = this.oracle.allOrNothing(this.cost, this.aon);
    this.measured = true;
    return sptt;
  }

  advance(): void {
    if (!this.measured) this.measure();
    this.measured = false;
    const n = this.network.linkCount;
    const { volume, aon, target } = this;
    let step: number;
    if (this.algorithm === 'msa') {
      target.set(aon);
      step = 1 / (this.iteration + 2);
    } else {
      this.chooseTarget();
      step = this.lineSearch();
    }
    for (let e = 0; e < n; e++) volume[e]! += step * (target[e]! - volume[e]!);
    updateCosts(this.network, volume, this.cost);
    // Rotate the target history: target becomes s̄_{k−1}, s̄_{k−1} becomes s̄_{k−2}.
    const spare = this.olderTarget;
    this.olderTarget = this.previousTarget;
    this.previousTarget = this.target;
    this.target = spare;
    this.olderStep = this.previousStep;
    this.previousStep = step;
    this.lastStep = step;
    this.iteration++;
  }

  /** Sets `target` to the FW, CFW or BFW search target for the current iterate. */
  private chooseTarget(): void {
    const { volume: x, aon: y, target } = this;
    const conjugate = this.algorithm === 'cfw' || this.algorithm === 'bfw';
    if (!conjugate || this.iteration === 0 || this.previousStep >= 1) {
      target.set(y);
      return;
    }
    updateDerivatives(this.network, x, this.derivative);
    const h = this.derivative;
    const s1 = this.previousTarget;
    const n = this.network.linkCount;
    if (this.algorithm === 'bfw' && this.iteration >= 2 && this.olderStep < 1) {
      const s2 = this.olderTarget;
      const tau = this.previousStep;
      // Directions of the two previous iterations, seen from x: z ∝ d_{k−1}, q ∝ d_{k−2}; w = s̄_{k−2} − s̄_{k−1}.
      let muNum = 0;
      let muDen = 0;
      let nuNum = 0;
      let nuDen = 0;
      for (let e = 0; e < n; e++) {
        const he = h[e]!;
        if (he === 0) continue;
        const yx = y[e]! - x[e]!;
        const z = s1[e]! - x[e]!;
        const w = s2[e]! - s1[e]!;
        const q = tau * s1[e]! + (1 - tau) * s2[e]! - x[e]!;
        muNum += he * q * yx;
        muDen += he * q * w;
        nuNum += he * z * yx;
        nuDen += he * z * z;
      }
      if (muDen !== 0 && nuDen !== 0) {
        const mu = Math.max(0, -muNum / muDen);
        const nu = Math.max(0, -nuNum / nuDen + (mu * tau) / (1 - tau));
        const beta0 = 1 / (1 + mu + nu);
        const beta1 = nu * beta0;
        const beta2 = mu * beta0;
        for (let e = 0; e < n; e++) target[e] = beta0 * y[e]! + beta1 * s1[e]! + beta2 * s2[e]!;
        return;
      }
    }
    // Conjugate FW: s̄ = α s̄_{k−1} + (1 − α) y with (s̄ − x) conjugate to (s̄_{k−1} − x) under H = diag(t'(x)).
    let num = 0;
    let den = 0;
    for (let e = 0; e < n; e++) {
      const he = h[e]!;
      if (he === 0) continue;
      const z = s1[e]! - x[e]!;
      num += he * z * (y[e]! - x[e]!);
      den += he * z * (y[e]! - s1[e]!);
    }
    let alpha = den !== 0 ? num / den : 0;
    if (!(alpha > 0)) alpha = 0;
    if (alpha > MAX_CONJUGATE_WEIGHT) alpha = MAX_CONJUGATE_WEIGHT;
    for (let e = 0; e < n; e++) target[e] = alpha * s1[e]! + (1 - alpha) * y[e]!;
  }

  /**
   * Exact line search: the step τ ∈ [0, 1] minimizing the Beckmann objective along x + τ (s̄ − x), found by
   * bisection on its derivative Σ_a t_a(x_a + τ d_a) d_a, which is non-decreasing in τ.
   */
  private lineSearch(): number {
    if (this.slope(1) <= 0) return 1;
    if (this.slope(0) >= 0) return 0;
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60 && hi - lo > 1e-13; i++) {
      const mid = 0.5 * (lo + hi);
      if (this.slope(mid) > 0) hi = mid;
      else lo = mid;
    }
    return 0.5 * (lo + hi);
  }

  private slope(tau: number): number {
    const { freeFlowTime, b, capacity, power, linkCount } = this.network;
    const { volume: x, target } = this;
    let sum = 0;
    for (let e = 0; e < linkCount; e++) {
      const d = target[e]! - x[e]!;
      if (d === 0) continue;
      sum += d * bprCost(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, x[e]! + tau * d);
    }
    return sum;
  }
}
