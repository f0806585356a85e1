import { describe, expect, it } from 'vitest';
import { highsSolver } from '../data/highs-solver.js';
import { solveMcf, type LpSolver, type McfObjective, type McfProblem } from './lp.js';
import { cheapestAtOptimum, throughputLimit } from './optimize-limits.js';

/**
 * Vertex 0 sends `demand` to vertex 2 through the gateway edge 0 → 1 → 2 (edge 0 counts as throughput, capacity 2)
 * or round it by 0 → 3 → 2 at a higher cost. Candidate 0 (cost 10) adds 3 to the gateway; candidate 1 (cost 5)
 * adds 5 to the bypass edge 3 → 2, which never binds: it adds nothing.
 */
function smallCase(objective: McfObjective, demand = 10): McfProblem {
  return {
    vertexCount: 4,
    tail: [0, 1, 0, 3],
    head: [1, 2, 3, 2],
    commodities: [{ source: 0, sinks: [{ vertex: 2, amount: demand }], cost: [1, 1, 2, 2] }],
    groups: [
      { name: 'gateway', edges: [0], capacity: 2, upgrades: [{ candidate: 0, add: 3 }] },
      { name: 'bypass', edges: [3], capacity: 100, upgrades: [{ candidate: 1, add: 5 }] },
    ],
    candidates: [
      { id: 'gateway-upgrade', cost: 10, annualCost: 1 },
      { id: 'zero-gain', cost: 5, annualCost: 0.5 },
    ],
    objective,
  };
}
const throughput = [{ commodity: 0, edge: 0 }];

/** HiGHS with the zero-gain candidate forced in: a first solve that picked it among equally good choices. */
const forcingZeroGain: LpSolver = (lp) =>
  highsSolver(lp.replace('Bounds\n y_none = 0', 'Bounds\n y_none = 0\n y1 = 1'));

describe('optimize never buys an upgrade that adds nothing', () => {
  it('max_throughput: the second solve drops a zero-gain upgrade the first one picked, keeping the throughput', async () => {
    const mcf = smallCase({ kind: 'max_throughput', budget: 100, throughput, epsilon: 1e-4 });
    const first = await solveMcf(mcf, forcingZeroGain);
    expect(first.chosen).toEqual([true, true]);
    const second = await cheapestAtOptimum(mcf, first, highsSolver);
    expect(second.chosen).toEqual([true, false]);
    expect(second.throughput).toBeCloseTo(first.throughput, 6);
    expect(second.throughput).toBeCloseTo(5, 6);
  });

  it('meet_target: the least-cost set meeting the target has no zero-gain upgrade', async () => {
    const result = await solveMcf(
      smallCase({ kind: 'meet_target', target: 4, throughput, epsilon: 1e-4 }),
      highsSolver,
    );
    expect(result.optimal).toBe(true);
    expect(result.chosen).toEqual([true, false]);
  });
});

describe('what limits an optimized throughput', () => {
  it('capacity, when the demand exceeds the gateway: the figure is an upper bound', async () => {
    const mcf = smallCase({ kind: 'max_throughput', budget: 100, throughput, epsilon: 1e-4 });
    const result = await cheapestAtOptimum(mcf, await solveMcf(mcf, highsSolver), highsSolver);
    const limit = await throughputLimit(mcf, result, highsSolver);
    expect(limit?.by).toEqual(['capacity']);
    expect(limit?.saturated).toEqual(['gateway']);
    expect(limit?.note).toContain('upper bound');
  });

  it('demand, when the demand table offers less than the gateway carries', async () => {
    const mcf = smallCase({ kind: 'max_throughput', budget: 0, throughput, epsilon: 1e-4 }, 1);
    const limit = await throughputLimit(mcf, await solveMcf(mcf, highsSolver), highsSolver);
    expect(limit?.by).toEqual(['demand']);
    expect(limit?.countableDemandMt).toBe(1);
    expect(limit?.note).toContain("not the corridor's capacity");
  });
});
