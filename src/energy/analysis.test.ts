import { describe, expect, it } from 'vitest';
import { highsSolver } from '../data/highs-solver.js';
import { loadEnergy } from '../data/load-energy.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { analyzeSwaps } from './analysis.js';
import { compareEnergy } from './diff.js';
import { applyEnergyLevers } from './levers.js';

const bundled = loadEnergy(BUNDLED_NETWORK_DIR);

describe('analyzeSwaps on the bundled energy layers', () => {
  it('raising one link changes exactly the swaps that link binds, and only swaps that can route over it', async () => {
    const base = await analyzeSwaps(bundled, highsSolver);
    const capacitated = bundled.links.filter((link) => link.status === 'operational' && link.capacity !== undefined);
    expect(capacitated.length).toBeGreaterThan(10);
    for (const link of capacitated) {
      const { energy, issues } = applyEnergyLevers(bundled, [{ type: 'capacity', link: link.id, multiplier: 2 }]);
      expect(issues).toEqual([]);
      const after = await analyzeSwaps(energy, highsSolver);
      const changed = compareEnergy(base, after)
        .swaps.filter((swap) => swap.possible !== swap.possibleBefore)
        .map((swap) => swap.id);
      const bound = base.swaps.filter((swap) => swap.binding.some((b) => b.link === link.id)).map((swap) => swap.id);
      const using = base.swaps.filter((swap) => swap.links.includes(link.id)).map((swap) => swap.id);
      expect(changed, link.id).toEqual(bound);
      for (const id of changed) expect(using, link.id).toContain(id);
    }
  });

  it('finds the delivery at Astara binding the Turkmen swap to Azerbaijan, with its fee', async () => {
    const report = await analyzeSwaps(bundled, highsSolver);
    const swap = report.swaps.find((candidate) => candidate.id === 'turkmenistan-azerbaijan-2021')!;
    // Astara's 10 bcm/yr carry the delivery, 80% of the intake once Iran keeps its 20%: 10 / 0.8.
    expect(swap.possible).toBeCloseTo(10 / 0.8, 6);
    expect(swap.binding.map((element) => [element.link, element.leg])).toEqual([
      ['astara-interconnection', 'delivery'],
    ]);
    expect(swap.feasible).toBe(2);
    expect(swap.feeInKind).toBeCloseTo(0.4, 9);
    // Beside the Iraq (10) and Türkiye (1.3) swaps, the two Turkmen pipelines (20) leave it 8.7.
    expect(swap.headroom).toBeCloseTo(20 - 10 - 1.3, 5);
    // The gas-for-power barter: the 300 MW of the two Armenian lines carry 365.3 MW per bcm/yr of gas.
    const barter = report.swaps.find((candidate) => candidate.id === 'iran-armenia-gas-for-power')!;
    expect(barter.possible).toBeCloseTo(300 / 365.3, 5);
    expect(barter.binding[0]?.link).toBe('iran-armenia-power');
    // A suspended swap is not in the joint run; an unpublished limit never binds.
    const oil = report.swaps.find((candidate) => candidate.id === 'caspian-oil-neka')!;
    expect(oil.feasible).toBeNull();
    expect(oil.binding[0]?.link).toBe('neka-berths');
    const link = report.links.find((candidate) => candidate.id === 'iran-turkey-pipeline')!;
    expect(link.utilization).toBeCloseTo((1.3 + 10) / 14, 6);
  });

  it('reports a swap with no path on a leg, and unknown ids in levers', async () => {
    const { energy } = applyEnergyLevers(bundled, [{ type: 'capacity', link: 'astara-interconnection', value: 10 }]);
    const cut = { ...energy, links: energy.links.filter((link) => link.id !== 'astara-interconnection') };
    const report = await analyzeSwaps(cut, highsSolver);
    const swap = report.swaps.find((candidate) => candidate.id === 'turkmenistan-azerbaijan-2021')!;
    expect([swap.limit, swap.noPathLeg, swap.possible]).toEqual(['no_path', 'delivery', 0]);
    const { issues } = applyEnergyLevers(bundled, [
      { type: 'capacity', link: 'korpeje-kordkui', value: 3 },
      { type: 'swap_volume', swap: 'nope', value: 1 },
      { type: 'add_link', id: 'x', name: 'x', from: 'rasht', to: 'bakuu', commodity: 'gas', bidirectional: false },
    ]);
    expect(issues).toEqual([
      {
        field: 'levers[0].link',
        message: 'unknown energy link id "korpeje-kordkui" (did you mean "korpeje-kordkuy"?)',
      },
      { field: 'levers[1].swap', message: expect.stringContaining('unknown swap id "nope"') },
      { field: 'levers[2].to', message: expect.stringContaining('unknown energy point id "bakuu"') },
    ]);
  });
});
