import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      // Rail only: with sea allowed, the second corridor is the sea voyage from China (25 days, not on time by 300 h).
      '--modes',
      'rail',
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

describe('caravan reliability --observed', () => {
  it('resamples the dwell times monitored in the store at the borders that have enough of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-observed-'));
    const file = join(dir, 'synthetic.csv');
    const db = join(dir, 'store.sqlite');
    expect((await runCli('shipments', 'generate', '--n', '3000', '--seed', '3', '--out', file)).code).toBe(0);
    expect((await runCli('shipments', 'import', file, '--db', db)).code).toBe(0);
    const args = ['reliability', 'almaty', 'bandar-abbas', '--modes', 'rail', '--samples', '5000', '--json'];
    const observed = await runCli(...args, '--observed', '--db', db);
    expect(observed.code).toBe(0);
    const { observedDwell } = JSON.parse(observed.stdout) as { observedDwell: { node: string; visits: number }[] };
    expect(observedDwell.length).toBeGreaterThan(0);
    for (const entry of observedDwell) expect(entry.visits).toBeGreaterThanOrEqual(30);
    const fitted = await runCli(...args);
    expect(observed.stdout).not.toBe(fitted.stdout);
  });

  it('says so when the store has no monitored border on the routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-observed-'));
    const result = await runCli(
      'reliability',
      'almaty',
      'bandar-abbas',
      '--samples',
      '1000',
      '--observed',
      '--db',
      join(dir, 'none.sqlite'),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no border on these routes has 30 or more monitored visits/);
  });
});
