import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  braess,
  linkTable,
  randomInstance,
  twoParallelLinks,
  type SmallInstance,
} from '../test-support/assign-networks.js';
import { AlgorithmBSolver } from './algorithm-b.js';
import { ALGORITHMS, assign, relativeGap, type AlgorithmName, type AssignResult } from './assign.js';
import { beckmann, bprCost, bprDerivative, bprIntegral, updateCosts } from './bpr.js';
import {
  AssignmentInputError,
  buildAssignmentNetwork,
  demandFromTriples,
  type AssignmentNetwork,
  type OdDemand,
} from './network.js';
import { SerialOracle, shortestPathTree, TreeWorkspace } from './shortest-path.js';

function prepare(instance: SmallInstance): { network: AssignmentNetwork; demand: OdDemand } {
  const network = buildAssignmentNetwork(instance.links);
  const { origin, destination, volume } = instance.od;
  return { network, demand: demandFromTriples(instance.links.zones, origin, destination, volume) };
}

/** Per-algorithm stopping rules for small networks: the link-based methods converge sublinearly. */
const SETTINGS: Record<AlgorithmName, { gap: number; maxIterations: number }> = {
  msa: { gap: 1e-4, maxIterations: 3000 },
  fw: { gap: 1e-6, maxIterations: 3000 },
  cfw: { gap: 1e-7, maxIterations: 3000 },
  bfw: { gap: 1e-7, maxIterations: 3000 },
  b: { gap: 1e-12, maxIterations: 200 },
};

/** Net outflow minus net inflow at every node must equal the zone's production minus attraction. */
function conservationError(instance: SmallInstance, volume: Float64Array): number {
  const balance = new Float64Array(instance.links.nodes);
  for (let k = 0; k < volume.length; k++) {
    balance[instance.links.tail[k]!]! += volume[k]!;
    balance[instance.links.head[k]!]! -= volume[k]!;
  }
  const { origin, destination, volume: od } = instance.od;
  for (let k = 0; k < od.length; k++) {
    if (origin[k] === destination[k]) continue;
    balance[origin[k]!]! -= od[k]!;
    balance[destination[k]!]! += od[k]!;
  }
  return Math.max(0, ...Array.from(balance, Math.abs));
}

/** Solves t1(v) = t2(D − v) for two parallel BPR links by bisection. */
function parallelEquilibrium(instance: SmallInstance, demand: number): number {
  const { freeFlowTime: f, b, capacity: c, power: p } = instance.links;
  const t = (k: number, v: number) => bprCost(f[k]!, b[k]!, c[k]!, p[k]!, v);
  let lo = 0;
  let hi = demand;
  if (t(0, demand) <= t(1, 0)) return demand;
  if (t(1, demand) <= t(0, 0)) return 0;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (t(0, mid) < t(1, demand - mid)) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

describe('BPR functions', () => {
  it('agree with their definitions, and the derivative and integral with finite differences', () => {
    const cases: [number, number, number, number, number][] = [
      [6, 0.15, 25900, 4, 18000],
      [2, 1, 10, 1, 7],
      [3, 0.5, 40, 2.5, 55],
      [1.08, 0, 1, 0, 600],
    ];
    for (const [fftt, b, c, p, v] of cases) {
      expect(bprCost(fftt, b, c, p, v)).toBeCloseTo(fftt * (1 + b * Math.pow(v / c, p)), 9);
      const h = 1e-4 * Math.max(1, v);
      const numeric = (bprCost(fftt, b, c, p, v + h) - bprCost(fftt, b, c, p, v - h)) / (2 * h);
      expect(bprDerivative(fftt, b, c, p, v)).toBeCloseTo(numeric, 5);
      const integral = (bprIntegral(fftt, b, c, p, v + h) - bprIntegral(fftt, b, c, p, v - h)) / (2 * h);
      expect(integral).toBeCloseTo(bprCost(fftt, b, c, p, v), 5);
    }
  });

  it('define the relative gap as (TSTT − SPTT) / TSTT', () => {
    expect(relativeGap(100, 99)).toBeCloseTo(0.01, 12);
    expect(relativeGap(0, 0)).toBe(0);
  });
});

describe('assign: golden networks', () => {
  for (const algorithm of ALGORITHMS) {
    it(`${algorithm}: splits demand over two parallel BPR links as the closed-form equilibrium does`, () => {
      const demand = 400;
      const instance = twoParallelLinks(demand);
      const { network, demand: od } = prepare(instance);
      const result = assign(network, od, { algorithm, ...SETTINGS[algorithm] });
      const expected = parallelEquilibrium(instance, demand);
      const tolerance = algorithm === 'msa' ? 0.5 : algorithm === 'fw' ? 0.05 : 1e-3;
      expect(result.volume[0]!).toBeCloseTo(expected, 0);
      expect(Math.abs(result.volume[0]! - expected)).toBeLessThan(tolerance);
      expect(result.volume[0]! + result.volume[1]!).toBeCloseTo(demand, 6);
      if (algorithm !== 'msa') expect(Math.abs(result.cost[0]! - result.cost[1]!)).toBeLessThan(1e-3);
    });

    it(`${algorithm}: finds Braess's equilibrium (outer paths 27/13, middle 24/13, cost 51 + 537/13)`, () => {
      const instance = braess();
      const { network, demand } = prepare(instance);
      const result = assign(network, demand, { algorithm, ...SETTINGS[algorithm] });
      const f = 27 / 13;
      const g = 24 / 13;
      const expected = [f + g, f, g, f, f + g];
      const tolerance = algorithm === 'msa' ? 2e-2 : algorithm === 'fw' ? 2e-3 : 1e-4;
      for (let k = 0; k < expected.length; k++)
        expect(Math.abs(result.volume[k]! - expected[k]!)).toBeLessThan(tolerance);
      const pathCost = result.cost[0]! + result.cost[3]!;
      expect(Math.abs(pathCost - (51 + 537 / 13))).toBeLessThan(algorithm === 'msa' ? 0.5 : 0.05);
    });
  }

  it('never routes through a zone below the first thru node, except out of its own origin', () => {
    // Zones 0, 1, 2. Short path 0 → 2 → 1 runs through zone 2; the long one 0 → 3 → 1 does not.
    const specs = (firstThruNode: number) =>
      linkTable(4, 3, firstThruNode, [
        { from: 0, to: 2, fftt: 1, b: 0, capacity: 1, power: 0 },
        { from: 2, to: 1, fftt: 1, b: 0, capacity: 1, power: 0 },
        { from: 0, to: 3, fftt: 5, b: 0, capacity: 1, power: 0 },
        { from: 3, to: 1, fftt: 5, b: 0, capacity: 1, power: 0 },
      ]);
    for (const algorithm of ALGORITHMS) {
      const through = prepare({ links: specs(1), od: { origin: [0], destination: [1], volume: [10] } });
      const open = assign(through.network, through.demand, { algorithm, gap: 1e-9, maxIterations: 5 });
      expect(Array.from(open.volume)).toEqual([10, 10, 0, 0]);
      const blocked = prepare({ links: specs(4), od: { origin: [0, 2], destination: [1, 1], volume: [10, 3] } });
      const closed = assign(blocked.network, blocked.demand, { algorithm, gap: 1e-9, maxIterations: 5 });
      // Zone 2's own trips still leave through its connector 2 → 1.
      expect(Array.from(closed.volume)).toEqual([0, 3, 10, 10]);
    }
  });

  it('reports demand that has no path as an input error', () => {
    const links = linkTable(3, 3, 1, [{ from: 0, to: 1, fftt: 1, b: 0.15, capacity: 10, power: 4 }]);
    const { network, demand } = prepare({ links, od: { origin: [0], destination: [2], volume: [5] } });
    for (const algorithm of ALGORITHMS) {
      expect(() => assign(network, demand, { algorithm })).toThrow(AssignmentInputError);
      expect(() => assign(network, demand, { algorithm })).toThrow('no path from zone 1 to zone 3');
    }
  });

  it('stops at the iteration limit and the time limit, and reports progress for every iteration', () => {
    const { network, demand } = prepare(braess());
    const seen: number[] = [];
    const byIterations = assign(network, demand, {
      algorithm: 'msa',
      gap: 0,
      maxIterations: 7,
      onProgress: (p) => seen.push(p.iteration),
    });
    expect(byIterations.stoppedBy).toBe('iterations');
    expect(byIterations.converged).toBe(false);
    expect(byIterations.iteration).toBe(7);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    let now = 0;
    const byTime = assign(network, demand, { algorithm: 'fw', gap: 0, maxSeconds: 0.5, clock: () => (now += 100) });
    expect(byTime.stoppedBy).toBe('time');
    expect(byTime.elapsedMs).toBeGreaterThanOrEqual(500);
    expect(byTime.history.every((p, i) => p.iteration === i)).toBe(true);
  });

  it('handles a trip table with no demand', () => {
    const { network, demand } = prepare({ ...braess(), od: { origin: [], destination: [], volume: [] } });
    const result = assign(network, demand, { algorithm: 'b' });
    expect(result.gap).toBe(0);
    expect(Array.from(result.volume)).toEqual([0, 0, 0, 0, 0]);
  });
});

/** Shortest distances from `origin` under `cost`, with the first-thru-node rule. */
function distancesFrom(network: AssignmentNetwork, cost: Float64Array, origin: number): Float64Array {
  const workspace = new TreeWorkspace(network.nodeCount);
  shortestPathTree(network, cost, origin, workspace);
  return workspace.dist.slice();
}

describe('assign: properties on random small networks', () => {
  it('conserves flow at every node, and all algorithms agree on the Beckmann objective within their gap', () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const { network, demand } = prepare(instance);
        const total = instance.od.volume.reduce((sum, v) => sum + v, 0);
        const results = new Map<AlgorithmName, AssignResult>();
        for (const algorithm of ALGORITHMS) {
          const result = assign(network, demand, { algorithm, ...SETTINGS[algorithm] });
          results.set(algorithm, result);
          expect(conservationError(instance, result.volume)).toBeLessThanOrEqual(1e-7 * Math.max(1, total));
          for (const v of result.volume) expect(v).toBeGreaterThanOrEqual(-1e-9 * Math.max(1, total));
        }
        // Convexity: Z(x) − Z* ≤ TSTT − SPTT = gap · TSTT, so two solutions' objectives differ by at most the
        // larger of these bounds (plus rounding).
        const reference = results.get('b')!;
        expect(reference.converged).toBe(true);
        for (const [, result] of results) {
          const bound = Math.max(result.tstt - result.sptt, reference.tstt - reference.sptt);
          expect(Math.abs(result.objective - reference.objective)).toBeLessThanOrEqual(
            bound + 1e-9 * Math.max(1, reference.objective),
          );
        }
      }),
      { numRuns: Number(process.env['CARAVAN_PROPERTY_RUNS'] ?? 60) },
    );
  });

  it("Algorithm B's bushes satisfy Wardrop: every link an origin uses lies on one of its shortest paths", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const { network, demand } = prepare(instance);
        const oracle = new SerialOracle(network, demand);
        const solver = new AlgorithmBSolver(network, demand, oracle);
        let gap = Infinity;
        for (let iteration = 0; iteration < 200 && gap > 1e-12; iteration++) {
          const sptt = solver.measure();
          let tstt = 0;
          for (let e = 0; e < network.linkCount; e++) tstt += solver.volume[e]! * solver.cost[e]!;
          gap = relativeGap(tstt, sptt);
          solver.observeGap(gap);
          if (gap > 1e-12) solver.advance();
        }
        const cost = new Float64Array(network.linkCount);
        updateCosts(network, solver.volume, cost);
        const { sources, targets } = network.csr;
        const E = network.linkCount;
        for (let o = 0; o < solver.origins.length; o++) {
          const dist = distancesFrom(network, cost, solver.origins[o]!);
          const scale = Math.max(1, ...Array.from(dist).filter(Number.isFinite));
          // Origin-based flows are conserved too: what enters a node leaves it or ends there.
          for (let e = 0; e < E; e++) {
            const flow = solver.bushFlow[o * E + e]!;
            expect(flow).toBeGreaterThanOrEqual(-1e-9);
            if (flow <= 1e-6) continue;
            const reducedCost = dist[sources[e]!]! + cost[e]! - dist[targets[e]!]!;
            expect(reducedCost).toBeLessThanOrEqual(1e-5 * scale);
          }
        }
        expect(beckmann(network, solver.volume)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: Number(process.env['CARAVAN_PROPERTY_RUNS'] ?? 60) },
    );
  });

  it('a search stopped at a vertex gives it the full tree’s distance and the same predecessors along its path', () => {
    fc.assert(
      fc.property(randomInstance(), fc.nat(), fc.nat(), (instance, from, to) => {
        const { network } = prepare(instance);
        const cost = new Float64Array(network.linkCount);
        updateCosts(network, new Float64Array(network.linkCount), cost);
        const origin = from % network.nodeCount;
        const stop = to % network.nodeCount;
        const full = new TreeWorkspace(network.nodeCount);
        shortestPathTree(network, cost, origin, full);
        const early = new TreeWorkspace(network.nodeCount);
        shortestPathTree(network, cost, origin, early, stop);
        expect(early.dist[stop]).toBe(full.dist[stop]);
        expect(early.settledCount).toBeLessThanOrEqual(full.settledCount);
        for (let v = stop, steps = 0; v !== origin && full.predEdge[v]! >= 0; steps++) {
          expect(early.predEdge[v]).toBe(full.predEdge[v]);
          v = network.csr.sources[full.predEdge[v]!]!;
          expect(steps).toBeLessThan(network.nodeCount);
        }
      }),
      { numRuns: Number(process.env['CARAVAN_PROPERTY_RUNS'] ?? 60) },
    );
  });
});
