import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../data/paths.js';
import { editText, tempDir } from '../test-support/fixture-network.js';
import { runCli } from '../test-support/run-cli.js';

/**
 * The same end-to-end checks on both bundled networks: nothing the commands print about a region may come from
 * code written for the other one.
 */
const NETWORKS = [
  {
    dir: 'data/networks/central-asia-iran',
    title: 'Central Asia and Iran',
    route: ['almaty', 'bandar-abbas'],
    overview: 'Main routes Almaty → Bandar Abbas',
    through: 'IR',
    scenario: 'scenarios/baseline-2024.yaml',
    measures: ['instc-east', 'kti', 'kti'],
    target: { year: 2027, mt: 15 },
    tradeTarget: 'Eastern INSTC throughput objective',
  },
  {
    dir: 'data/networks/middle-corridor',
    title: 'the Middle Corridor',
    route: ['urumqi', 'istanbul'],
    overview: 'Main routes Urumqi → Istanbul',
    through: 'GE',
    scenario: 'scenarios/middle-corridor/baseline-2024.yaml',
    measures: ['trans-caspian', 'btk', 'btk'],
    target: { year: 2027, mt: 10 },
    tradeTarget: 'Middle Corridor capacity objective',
  },
] as const;

const at = (path: string) => join(PACKAGE_ROOT, path);

describe.each(NETWORKS)('bundled network $dir', (network) => {
  const data = ['--data', at(network.dir)];

  it('start names the region and compares its own overview route', async () => {
    const { code, stdout, stderr } = await runCli('start', '--no-serve', ...data);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Caravan: freight corridors of ${network.title}`));
    expect(stdout).toContain(`${network.overview} (per tonne, network of today)`);
    expect(stdout).toMatch(/^time\s+\d+\.\d/m);
    const json = JSON.parse((await runCli('start', '--json', ...data)).stdout);
    expect(json.routes[0]).toMatchObject({ from: network.route[0], to: network.route[1] });
    expect(json.routes[0].railAndSea.length).toBeGreaterThan(0);
  });

  it('route finds a way between its overview places', async () => {
    const { code, stdout } = await runCli('route', network.route[0], network.route[1], '--json', ...data);
    expect(code).toBe(0);
    const [best] = JSON.parse(stdout).routes;
    expect(best.from).toBe(network.route[0]);
    expect(best.to).toBe(network.route[1]);
    expect(best.countries).toContain(network.through);
  });

  it("scenario run reports the network's own measures against its own targets", async () => {
    const { code, stdout, stderr } = await runCli('scenario', 'run', at(network.scenario), '--json', ...data);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { targets, totals } = JSON.parse(stdout).report;
    expect(totals.demandMt).toBeGreaterThan(0);
    expect(targets.map((target: { corridor: string }) => target.corridor)).toEqual(network.measures);
    for (const target of targets) {
      expect(target).toMatchObject({ targetYear: network.target.year, targetMt: network.target.mt });
      expect(target.throughputMt).toBeGreaterThan(0);
    }
  });

  it('targets shows the trade figures and targets of the network', async () => {
    const { code, stdout } = await runCli('targets', '--json', ...data, '--db', join(tempDir(), 'store.sqlite'));
    expect(code).toBe(0);
    const labels = JSON.parse(stdout).targets.map((p: { target: { label: string } }) => p.target.label);
    expect(labels).toContain(network.tradeTarget);
  });
});

describe('model parameters', () => {
  const copy = () => {
    const dir = tempDir();
    cpSync(at('data/networks/middle-corridor'), dir, { recursive: true });
    return dir;
  };

  it('a missing row of the demand parameters is reported as file: key with exit 2', async () => {
    const dir = copy();
    editText(dir, 'demand/parameters.csv', (text) => text.replace(/^logit_routes,.*\n/m, ''));
    const scenario = at('scenarios/middle-corridor/baseline-2024.yaml');
    const { code, stderr } = await runCli('scenario', 'run', scenario, '--data', dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/demand\/parameters\.csv: logit_routes: expected a whole number from 1 to 50 .*missing/);
    expect(stderr).not.toContain('bug');
  });

  it('an out-of-range network parameter is reported with its line, exit 2', async () => {
    const dir = copy();
    editText(dir, 'parameters.csv', (text) => text.replace(/^handling_p90_ratio,2,/m, 'handling_p90_ratio,0.5,'));
    const { code, stderr } = await runCli('network', 'validate', dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/parameters\.csv:\d+: handling_p90_ratio: expected a number from 1 to 10 .*got 0\.5/);
  });

  it("a region.yaml naming an unknown node is reported with the value's line", async () => {
    const dir = copy();
    editText(dir, 'region.yaml', (text) => text.replace('from: urumqi', 'from: urumchi'));
    const { code, stderr } = await runCli('network', 'validate', dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/region\.yaml:\d+: overview\[0\]\.from: unknown node id "urumchi"/);
  });

  it("a measure naming an unknown link is reported with the value's line", async () => {
    const dir = tempDir();
    cpSync(at('data/networks/central-asia-iran'), dir, { recursive: true });
    editText(dir, 'region.yaml', (text) => text.replace('      - serhetyaka-bereket-rail', '      - x'));
    const { code, stderr } = await runCli('network', 'validate', dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/region\.yaml:\d+: measures\[2\]\.links\[2\]: unknown link "x"/);
  });
});
