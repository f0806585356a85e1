import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import { shortestPathTree, TreeWorkspace } from '../assign/shortest-path.js';
import type { EquilibriumOptions, EquilibriumResult } from './equilibrium.js';
import { classCosts, toCsrOrder, type CorridorProblem } from './problem.js';

export interface LogitOptions {
  /** Dispersion per USD/t: a route dearer by Δ gets e^(−θΔ) times the share of the other. */
  theta: number;
  /** Distinct network routes per pair (the outside option comes on top). */
  routes: number;
  gap?: number;
  maxIterations?: number;
  onProgress?: EquilibriumOptions['onProgress'];
}

export interface PathSet {
  pair: number;
  /** Input-order edge ids of each route; the last route is the outside option. */
  routes: Uint32Array[];
}

/** How much a route's edges cost more in the next search, so the next route differs (the `distinct` idea). */
const PENALTY = 2;

/**
 * Route sets by the penalty method (as the router's `distinct` alternatives): the cheapest route at free flow, then
 * repeated searches in which the edges already used cost PENALTY times more, keeping new routes only. The outside
 * option is added as a route of its own.
 */
export function buildPathSets(problem: CorridorProblem, routes: number): PathSet[] {
  const net = problem.network;
  const workspace = new TreeWorkspace(net.nodeCount);
  const scratch = new Float64Array(problem.edgeCount);
  const sets: PathSet[] = [];
  const outsideCsr = new Map<number, number>();
  for (let k = 0; k < net.linkCount; k++)
    if (net.toInput[k]! >= problem.graph.edgeCount) outsideCsr.set(net.toInput[k]!, k);
  problem.pairs.forEach((pair, index) => {
    const base = toCsrOrder(net, classCosts(problem, pair.cls, undefined, scratch));
    for (const k of outsideCsr.values()) base[k] = Infinity;
    const penalized = base.slice();
    const found: Uint32Array[] = [];
    const seen = new Set<string>();
    for (let attempt = 0; attempt < routes * 4 && found.length < routes; attempt++) {
      shortestPathTree(net, penalized, pair.from, workspace);
      if (!Number.isFinite(workspace.dist[pair.to]!)) break;
      const csrEdges: number[] = [];
      for (let v = pair.to; v !== pair.from;) {
        const e = workspace.predEdge[v]!;
        if (e < 0) break;
        csrEdges.push(e);
        v = net.csr.sources[e]!;
      }
      csrEdges.reverse();
      const signature = csrEdges.join(',');
      if (!seen.has(signature)) {
        seen.add(signature);
        found.push(Uint32Array.from(csrEdges, (e) => net.toInput[e]!));
      }
      for (const e of csrEdges) penalized[e] = penalized[e]! * PENALTY;
    }
    found.push(Uint32Array.of(pair.outsideEdge));
    sets.push({ pair: index, routes: found });
  });
  return sets;
}

/**
 * Stochastic user equilibrium with logit route choice over fixed route sets, by the method of successive averages
 * on route flows: route costs at the current volumes, logit shares, and a 1/(k+1) step towards them. Stops when
 * the relative change of route flows is at or below `gap`.
 */
export function logitAssignment(problem: CorridorProblem, options: LogitOptions): EquilibriumResult {
  const gapTarget = options.gap ?? DEFAULT_GAP;
  const maxIterations = options.maxIterations ?? DEFAULT_SCENARIO_ITERATIONS;
  const sets = buildPathSets(problem, options.routes);
  const flows = sets.map((set) => new Float64Array(set.routes.length));
  const classCount = problem.classes.length;
  const costs = problem.classes.map(() => new Float64Array(problem.edgeCount));
  const volume = new Float64Array(problem.edgeCount);
  const shares = (set: PathSet, cost: Float64Array, out: Float64Array) => {
    let best = Infinity;
    const pathCost = set.routes.map((route) => route.reduce((sum, e) => sum + cost[e]!, 0));
    for (const c of pathCost) best = Math.min(best, c);
    let sum = 0;
    pathCost.forEach((c, i) => {
      out[i] = Math.exp(-options.theta * (c - best));
      sum += out[i]!;
    });
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  };
  const loadVolumes = () => {
    volume.fill(0);
    sets.forEach((set, s) => set.routes.forEach((route, i) => route.forEach((e) => (volume[e]! += flows[s]![i]!))));
  };
  const target = sets.map((set) => new Float64Array(set.routes.length));
  const evaluate = (initial: boolean) => {
    for (let c = 0; c < classCount; c++) classCosts(problem, c, initial ? undefined : volume, costs[c]!);
    sets.forEach((set, s) => {
      const pair = problem.pairs[set.pair]!;
      shares(set, costs[pair.cls]!, target[s]!);
      for (let i = 0; i < target[s]!.length; i++) target[s]![i] = target[s]![i]! * pair.mt;
    });
  };
  evaluate(true);
  target.forEach((t, s) => flows[s]!.set(t));
  let iteration = 0;
  let gap = Infinity;
  const classGaps = new Array<number>(classCount).fill(0);
  for (;;) {
    loadVolumes();
    evaluate(false);
    const change = new Float64Array(classCount);
    const mass = new Float64Array(classCount);
    sets.forEach((set, s) => {
      const cls = problem.pairs[set.pair]!.cls;
      for (let i = 0; i < set.routes.length; i++) {
        change[cls]! += Math.abs(target[s]![i]! - flows[s]![i]!);
        mass[cls]! += flows[s]![i]!;
      }
    });
    let totalChange = 0;
    let totalMass = 0;
    for (let c = 0; c < classCount; c++) {
      classGaps[c] = mass[c]! > 0 ? change[c]! / mass[c]! : 0;
      totalChange += change[c]!;
      totalMass += mass[c]!;
    }
    gap = totalMass > 0 ? totalChange / totalMass : 0;
    options.onProgress?.({ iteration, gap });
    if (gap <= gapTarget || iteration >= maxIterations) break;
    const step = 1 / (iteration + 2);
    flows.forEach((f, s) => {
      for (let i = 0; i < f.length; i++) f[i] = f[i]! + step * (target[s]![i]! - f[i]!);
    });
    iteration++;
  }
  loadVolumes();
  const classVolume = problem.classes.map(() => new Float64Array(problem.edgeCount));
  sets.forEach((set, s) => {
    const cls = problem.pairs[set.pair]!.cls;
    set.routes.forEach((route, i) => route.forEach((e) => (classVolume[cls]![e]! += flows[s]![i]!)));
  });
  return {
    method: 'logit',
    solver: 'logit-msa',
    algorithm: 'msa',
    iterations: iteration,
    gap,
    classGaps,
    converged: gap <= gapTarget,
    volume: volume.slice(),
    classVolume,
  };
}
