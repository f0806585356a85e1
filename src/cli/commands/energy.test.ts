import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../../data/paths.js';
import { energyComparisonSchema, energyReportSchema, energySummarySchema } from '../../energy/report-schema.js';
import { tempDir } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';

const scenario = (name: string) => join(PACKAGE_ROOT, 'scenarios', 'energy', `${name}.yaml`);

describe('caravan energy', () => {
  it('swaps lists each swap with its published volume, the physical maximum and the binding element', async () => {
    const text = await runCli('energy', 'swaps');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /turkmenistan-azerbaijan-2021 +operating +bcm\/yr +1\.50–2\.00 +12\.50 +astara-interconnection \(delivery\) +2\.00 +8\.70 +0\.40 bcm \(20%\)/,
    );
    const json = await runCli('energy', 'swaps', '--json');
    const report = energyReportSchema.parse(JSON.parse(json.stdout));
    for (const swap of report.swaps) {
      expect(swap.contracted, swap.id).not.toBeNull();
      expect(swap.limit, swap.id).toBe('capacity');
      expect(swap.binding.length, swap.id).toBeGreaterThan(0);
    }
  });

  it('summary counts the layers and gives each link its utilization', async () => {
    const { code, stdout } = await runCli('energy', 'summary', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { summary: unknown; links: { id: string; utilization: number | null }[] };
    const summary = energySummarySchema.parse(parsed.summary);
    expect(summary.layers.map((layer) => layer.unit)).toEqual(['bcm/yr', 'Mt/yr', 'MW']);
    expect(parsed.links.find((link) => link.id === 'dauletabad-sarakhs-khangiran')?.utilization).toBe(1);
  });

  it('a scenario raising the Dauletabad line changes only the swap it binds', async () => {
    const { code, stdout } = await runCli('energy', 'scenario', scenario('turkmen-exports-40bcm'), '--json');
    expect(code).toBe(0);
    const { comparison } = JSON.parse(stdout) as { comparison: unknown };
    const changed = energyComparisonSchema
      .parse(comparison)
      .swaps.filter((swap) => swap.possible !== swap.possibleBefore);
    expect(changed.map((swap) => [swap.id, swap.possibleBefore, swap.possible])).toEqual([
      ['turkmenistan-iraq-2024', 20, 25.55],
    ]);
  });

  it('every bundled energy scenario runs', async () => {
    for (const name of ['turkmen-swap-doubled', 'armenia-third-line', 'turkiye-contract-ends']) {
      const { code, stdout } = await runCli('energy', 'scenario', scenario(name));
      expect(code, name).toBe(0);
      expect(stdout, name).toContain('Swaps that change');
    }
  });

  it('rejects a scenario lever naming an unknown link, or of an unknown type, with its key path', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nlevers:\n  - type: capacity\n    link: korpeje-kordkui\n    value: 3\n');
    const unknown = await runCli('energy', 'scenario', file);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `${file}: levers[0].link: unknown energy link id "korpeje-kordkui" (did you mean "korpeje-kordkuy"?)`,
    );
    writeFileSync(
      file,
      'name: bad\nlevers:\n  - type: pipe_dream\n  - type: capacity\n    link: igat-6\n    value: -1\n',
    );
    const wrong = await runCli('energy', 'scenario', file);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      'levers[0].type: expected one of capacity, open_link, add_link, swap_volume, swap_fee',
    );
    expect(wrong.stderr).toContain('levers[1].value: expected a number > 0, got -1');
  });

  it('says where energy layers are read from when the folder has none', async () => {
    const dir = tempDir();
    cpSync(BUNDLED_NETWORK_DIR, dir, { recursive: true });
    rmSync(join(dir, 'energy'), { recursive: true });
    const { code, stderr } = await runCli('energy', 'swaps', '--data', dir);
    expect(code).toBe(2);
    expect(stderr).toContain('no energy/ folder');
  });

  it('leaves freight routing as it is: the same route with or without the energy layers', async () => {
    const dir = tempDir();
    cpSync(BUNDLED_NETWORK_DIR, dir, { recursive: true });
    const route = ['route', 'ashgabat', 'baku', '--json'];
    const withEnergy = await runCli(...route, '--data', dir);
    rmSync(join(dir, 'energy'), { recursive: true });
    const without = await runCli(...route, '--data', dir);
    expect(withEnergy.code).toBe(0);
    expect(withEnergy.stdout).toBe(without.stdout);
    // Pipelines carry no freight: there is no such mode to route by.
    const pipeline = await runCli('route', 'ashgabat', 'baku', '--modes', 'pipeline');
    expect(pipeline.code).toBe(2);
    expect(pipeline.stderr).toContain('pipelines and power lines carry no freight: see `caravan energy`');
  });
});
