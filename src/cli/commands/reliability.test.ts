import { describe, expect, it } from 'vitest';
import { runCli } from '../../test-support/run-cli.js';

interface ReliabilityJson {
  routes: {
    rank: number;
    reliability: {
      p50H: number;
      p90H: number;
      p95H: number;
      onTimeProbability?: number;
      contributions: { label: string }[];
    };
  }[];
}

describe('caravan reliability', () => {
  it('is reproducible with a seed and reports the on-time probability for a deadline', async () => {
    const args = [
      'reliability',
      'almaty',
      'bandar-abbas',
      '--modes',
      'rail,sea',
      '--alternatives',
      '2',
      '--samples',
      '20000',
      '--deadline',
      '300',
      '--json',
    ];
    const first = await runCli(...args, '--seed', '42');
    const again = await runCli(...args, '--seed', '42');
    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    const { routes } = JSON.parse(first.stdout) as ReliabilityJson;
    expect(routes).toHaveLength(2);
    for (const { reliability } of routes) {
      expect(reliability.p50H).toBeLessThanOrEqual(reliability.p90H);
      expect(reliability.p90H).toBeLessThanOrEqual(reliability.p95H);
      expect(reliability.onTimeProbability).toBeGreaterThan(0);
      expect(reliability.onTimeProbability).toBeLessThanOrEqual(1);
      // On these corridors the tail comes from border crossings.
      expect(reliability.contributions[0]!.label).toMatch(/^border /);
    }
    const otherSeed = await runCli(...args, '--seed', '43');
    expect(otherSeed.stdout).not.toBe(first.stdout);
  });

  it('prints the transit-time table and what drives the P90', async () => {
    const result = await runCli('reliability', 'almaty', 'bandar-abbas', '--samples', '5000');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Transit time/);
    expect(result.stdout).toMatch(/what drives the P90/);
  });

  it('rejects bad simulation settings with the option named', async () => {
    const samples = await runCli('reliability', 'almaty', 'bandar-abbas', '--samples', '10');
    expect(samples.code).toBe(2);
    expect(samples.stderr).toMatch(/--samples: expected at least 100/);
    const correlation = await runCli('reliability', 'almaty', 'bandar-abbas', '--border-correlation', '1.5');
    expect(correlation.stderr).toMatch(/--border-correlation: expected ≤ 0.99/);
  });
});
