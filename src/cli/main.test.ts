import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { copyFixture, setCell, TINY_NETWORK_DIR, tempDir } from '../test-support/fixture-network.js';
import { runCli } from '../test-support/run-cli.js';
import { packageVersion } from './version.js';

const DATA = ['--data', TINY_NETWORK_DIR];
const STACK_FRAME = /^\s+at /m;

describe('caravan network validate', () => {
  it('accepts a valid network', async () => {
    const { code, stdout, stderr } = await runCli('network', 'validate', TINY_NETWORK_DIR);
    expect(code).toBe(0);
    expect(stdout).toBe('valid: 7 nodes, 8 links, 0 warnings\n');
    expect(stderr).toBe('');
  });

  it('reports every problem as file:line: field: message on stderr and exits 2', async () => {
    const dir = copyFixture();
    setCell(dir, 'links.csv', 3, 'to', 'bolashk');
    setCell(dir, 'nodes.csv', 2, 'lat', '95');
    const { code, stdout, stderr } = await runCli('network', 'validate', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toContain(
      `${join(dir, 'nodes.csv')}:2: lat: expected a number ≥ -90 and ≤ 90 (degrees latitude), got 95`,
    );
    expect(lines).toContain(`${join(dir, 'links.csv')}:3: to: unknown node id "bolashk" (did you mean "bolashak"?)`);
    expect(lines.at(-1)).toBe('invalid: 2 errors, 0 warnings');
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('prints the report as JSON with --json', async () => {
    const dir = copyFixture();
    setCell(dir, 'links.csv', 2, 'km', '0');
    const { code, stdout, stderr } = await runCli('network', 'validate', dir, '--json');
    expect(code).toBe(2);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({
      valid: false,
      errors: [{ severity: 'error', file: join(dir, 'links.csv'), line: 2, field: 'km' }],
      warnings: [],
    });
  });
});

describe('caravan network summary', () => {
  it('prints JSON that parses', async () => {
    const { code, stdout, stderr } = await runCli('network', 'summary', ...DATA, '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({ nodes: 7, links: 8, totalKm: 2770, operationalKm: 2650 });
  });

  it('prints tables with headings', async () => {
    const { code, stdout } = await runCli('network', 'summary', ...DATA);
    expect(code).toBe(0);
    for (const heading of ['Links by mode', 'Links by status', 'Nodes by kind', 'Nodes by country', 'Corridors']) {
      expect(stdout).toContain(`\n${heading}\n`);
    }
    expect(stdout).toMatch(/^kti +Kazakhstan–Turkmenistan–Iran railway +4 +1,380 +IR KZ TM$/m);
  });

  it('reports an invalid --data network as file:line issues and exits 2', async () => {
    const dir = copyFixture();
    setCell(dir, 'links.csv', 9, 'opening_year', '');
    const { code, stdout, stderr } = await runCli('network', 'summary', '--data', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${join(dir, 'links.csv')}:9: opening_year: required for a planned link\n`);
  });
});

describe('caravan network show', () => {
  it('finds a node by name in any case and shows its figures, sources and links', async () => {
    const { code, stdout } = await runCli('network', 'show', 'BOLASHAK', ...DATA);
    expect(code).toBe(0);
    expect(stdout).toContain('Bolashak (bolashak)');
    expect(stdout).toMatch(/^border with +Turkmenistan \(TM\)$/m);
    expect(stdout).toMatch(/^dwell +median 10\.0 h, 90th percentile 30\.0 h$/m);
    expect(stdout).toMatch(/^estimated +dwell_median_h, dwell_p90_h$/m);
    expect(stdout).toContain('kti-fixture: Kazakhstan–Turkmenistan–Iran railway (fixture) (Test Publisher, 2014)');
    expect(stdout).toMatch(/^bolashak-etrek +Etrek \(etrek\) +rail +560 +1520 mm +operational +kti$/m);
  });

  it('says that a blank capacity at a crossing or port leaves it unconstrained', async () => {
    const crossing = await runCli('network', 'show', 'bolashak', ...DATA);
    expect(crossing.stdout).toMatch(/^capacity +not constrained in the model \(no sourced figure\)$/m);
    const city = await runCli('network', 'show', 'tehran', ...DATA);
    expect(city.stdout).not.toMatch(/^capacity /m);
  });

  it('gives the node, its sources and links as JSON', async () => {
    const { code, stdout } = await runCli('network', 'show', 'amirabad', ...DATA, '--json');
    expect(code).toBe(0);
    const details = JSON.parse(stdout) as { node: { id: string }; sources: { id: string }[]; links: unknown[] };
    expect(details.node.id).toBe('amirabad');
    expect(details.sources.map((source) => source.id)).toEqual(['caspian-fixture']);
    expect(details.links).toContainEqual(
      expect.objectContaining({ id: 'amirabad-gorgan', to: 'gorgan', direction: 'out', status: 'planned' }),
    );
  });

  it('suggests the closest node for an unknown one and exits 2', async () => {
    const { code, stdout, stderr } = await runCli('network', 'show', 'gorgon', ...DATA);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: no node matches "gorgon"; did you mean "gorgan" (Gorgan)?\n');
  });
});

describe('caravan network export', () => {
  it('writes GeoJSON that `network validate` accepts', async () => {
    const path = join(tempDir(), 'out', 'network.geojson');
    const exported = await runCli('network', 'export', '--format', 'geojson', ...DATA, '--out', path);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`wrote 7 nodes and 8 links as geojson to ${path}\n`);
    const validated = await runCli('network', 'validate', path);
    expect(validated).toEqual({ code: 0, stdout: 'valid: 7 nodes, 8 links, 0 warnings\n', stderr: '' });
  });

  it('writes GeoJSON to stdout without --out', async () => {
    const { code, stdout } = await runCli('network', 'export', '--format', 'geojson', ...DATA);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ type: 'FeatureCollection', caravan: { version: 1 } });
  });

  it('writes a CSV folder, and insists on --out for it', async () => {
    const dir = join(tempDir(), 'csv');
    const written = await runCli('network', 'export', '--format', 'csv', ...DATA, '--out', dir, '--json');
    expect(written.code).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ format: 'csv', out: dir });
    expect(existsSync(join(dir, 'links.csv'))).toBe(true);

    const missingOut = await runCli('network', 'export', '--format', 'csv', ...DATA);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toContain('--out');
  });
});

describe('caravan start', () => {
  it('shows the network summary', async () => {
    const { code, stdout } = await runCli('start', ...DATA, '--no-serve');
    expect(code).toBe(0);
    expect(stdout).toContain('Network summary\n===============\n7 nodes and 8 links in 3 countries');
  });

  it('gives each section under its id with --json', async () => {
    const { code, stdout } = await runCli('start', ...DATA, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ summary: { nodes: 7, links: 8 } });
  });
});

describe('command-line usage', () => {
  it('exits 2 on an unknown command, option or choice', async () => {
    for (const argv of [
      ['network', 'frobnicate'],
      ['network', 'summary', '--color'],
      ['network', 'export', '--format', 'kml'],
      ['network', 'validate'],
    ]) {
      const { code, stderr } = await runCli(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toMatch(/^error: /);
    }
  });

  it('shows help on stdout and exits 0', async () => {
    const { code, stdout } = await runCli('network', 'export', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: caravan network export [options]');
    expect(stdout).toContain('--format <format>');
  });

  it('reports a missing --data path without a stack trace', async () => {
    const { code, stderr } = await runCli('network', 'summary', '--data', '/nonexistent/network');
    expect(code).toBe(2);
    expect(stderr).toBe('/nonexistent/network: no such file or folder\n');
  });

  it('prints the version', async () => {
    expect(await runCli('--version')).toEqual({ code: 0, stdout: `${packageVersion()}\n`, stderr: '' });
  });

  it('lists every command in the top-level help, with or without `help`', async () => {
    const commands = /Commands:\n([\s\S]*)$/;
    const names = (help: string) => [...(commands.exec(help)?.[1] ?? '').matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]);
    const expected = [
      'start',
      'serve',
      'route',
      'reliability',
      'assign',
      'scenario',
      'optimize',
      'calibrate',
      'capacity',
      'energy',
      'network',
    ].concat([
      'shipments',
      'indicators',
      'targets',
      'observations',
      'scorecard',
      'sweep',
      'worker',
      'imports',
      'tokens',
      'help',
    ]);
    for (const argv of [['--help'], ['help'], []]) {
      const { stdout, stderr } = await runCli(...argv);
      expect(names(stdout || stderr), argv.join(' ')).toEqual(expected);
    }
  });

  it('shows the help of one command, and of every network subcommand under `network`', async () => {
    const route = await runCli('help', 'route');
    expect(route.stdout).toContain('Usage: caravan route [options] <from> <to>');
    const network = await runCli('network', '--help');
    for (const sub of ['summary', 'validate', 'show', 'export'])
      expect(network.stdout).toMatch(new RegExp(`^  ${sub}`, 'm'));
  });

  it('suggests the command meant by a misspelled one', async () => {
    expect((await runCli('rout', 'almaty', 'bandar-abbas')).stderr).toContain('(Did you mean route?)');
    expect((await runCli('network', 'sumary')).stderr).toContain('(Did you mean summary?)');
    for (const name of ['constructor', 'toString']) {
      expect(await runCli(name)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`unknown command '${name}'`),
      });
      expect(await runCli('network', name)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('unknown command'),
      });
    }
  });

  it('gives the same output from the network snapshot cache as from the CSV files', async () => {
    vi.stubEnv('CARAVAN_NO_CACHE', '');
    const cacheDir = tempDir();
    vi.stubEnv('CARAVAN_CACHE_DIR', cacheDir);
    try {
      const fromCsv = await runCli('route', 'almaty', 'bandar-abbas', '--json');
      const fromSnapshot = await runCli('route', 'almaty', 'bandar-abbas', '--json');
      expect(fromCsv.code).toBe(0);
      expect(fromSnapshot).toEqual(fromCsv);
      expect(readdirSync(cacheDir)).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
