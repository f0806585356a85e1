import { cpSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, type InputIssue } from '../model/issues.js';
import { readRows, setCell, tempDir } from '../test-support/fixture-network.js';
import { runCli } from '../test-support/run-cli.js';
import { readEnergy } from './load-energy.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';

const sourceIds = () =>
  new Set(
    readRows(BUNDLED_NETWORK_DIR, 'sources.csv')
      .slice(1)
      .map((row) => row[0]!),
  );

/** A private copy of the bundled network's energy folder (in `<dir>/energy`) that a test may break. */
function energyCopy(): string {
  const dir = tempDir();
  cpSync(join(BUNDLED_NETWORK_DIR, 'energy'), join(dir, 'energy'), { recursive: true });
  return dir;
}

/** Line of the row whose first cell is `id`, as a person reading the file counts. */
const lineOf = (dir: string, file: string, id: string) =>
  readRows(join(dir, 'energy'), file).findIndex((row) => row[0] === id) + 1;

const located = (issue: InputIssue) => `${basename(issue.file)}:${issue.line}: ${issue.field}: ${issue.message}`;

function errorsOf(dir: string): string[] {
  const result = readEnergy(dir, sourceIds());
  expect(result.energy, 'invalid energy data must not load').toBeUndefined();
  return result.issues.filter((issue) => issue.severity === 'error').map(located);
}

describe('readEnergy', () => {
  it('loads the bundled energy layers with no issue', () => {
    const result = readEnergy(BUNDLED_NETWORK_DIR, sourceIds());
    expect(result.issues.map(formatIssue)).toEqual([]);
    const links = result.energy!.links;
    expect(new Set(links.map((link) => link.commodity))).toEqual(new Set(['gas', 'oil', 'power']));
    expect(result.energy!.swaps.length).toBeGreaterThanOrEqual(5);
    // Every sourced figure names its sources and how sure it is.
    for (const record of [...result.energy!.points, ...links, ...result.energy!.swaps])
      expect(record.sources.length, record.id).toBeGreaterThan(0);
  });

  it('names file, line and field of a bad number, an unknown point and an unknown source', () => {
    const dir = energyCopy();
    const pipe = lineOf(dir, 'pipelines.csv', 'korpeje-kordkuy');
    const swap = lineOf(dir, 'swaps.csv', 'turkmenistan-iraq-2024');
    setCell(join(dir, 'energy'), 'pipelines.csv', pipe, 'capacity', 'lots');
    setCell(join(dir, 'energy'), 'pipelines.csv', lineOf(dir, 'pipelines.csv', 'igat-6'), 'from', 'asaluye');
    setCell(join(dir, 'energy'), 'swaps.csv', swap, 'sources', 'presstv-tm-iq-swap-2042');
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(
      expect.stringMatching(new RegExp(`^pipelines.csv:${pipe}: capacity: expected a number > 0`)),
    );
    expect(errors).toContainEqual(
      `pipelines.csv:${lineOf(dir, 'pipelines.csv', 'igat-6')}: from: unknown energy point id "asaluye" (did you mean "asaluyeh"?)`,
    );
    expect(errors).toContainEqual(
      expect.stringMatching(
        new RegExp(`^swaps.csv:${swap}: sources\\[0\\]: unknown source id "presstv-tm-iq-swap-2042"`),
      ),
    );
  });

  it('rejects a reservation above the capacity, a swap leg at a point no link of its commodity reaches, a duplicate id', () => {
    const dir = energyCopy();
    const energy = join(dir, 'energy');
    const turkey = lineOf(dir, 'pipelines.csv', 'iran-turkey-pipeline');
    const swap = lineOf(dir, 'swaps.csv', 'turkmenistan-turkiye-2025');
    setCell(energy, 'pipelines.csv', turkey, 'reserved', '15');
    setCell(energy, 'swaps.csv', swap, 'delivery_to', 'van-power');
    setCell(energy, 'interconnectors.csv', 3, 'id', readRows(energy, 'interconnectors.csv')[1]![0]!);
    const errors = errorsOf(dir);
    expect(errors).toContain(`pipelines.csv:${turkey}: reserved: expected ≤ capacity (14), got 15`);
    expect(errors).toContain(`swaps.csv:${swap}: delivery_to[0]: no gas link starts or ends at "van-power"`);
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^interconnectors.csv:3: id: duplicate id "iran-turkmenistan-power" \(first defined at line 2\)/,
      ),
    );
  });

  it('rejects an unknown column and a row with the wrong number of cells', () => {
    const dir = energyCopy();
    const path = join(dir, 'energy', 'swaps.csv');
    const rows = readRows(join(dir, 'energy'), 'swaps.csv');
    writeFileSync(
      path,
      [[...rows[0]!.slice(0, -1), 'remarks'].join(','), rows[1]!.slice(0, 3).join(',')].join('\n') + '\n',
    );
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(expect.stringMatching(/^swaps.csv:1: remarks: unknown column/));
    expect(errors).toContainEqual(
      expect.stringMatching(/^swaps.csv:2: undefined: expected \d+ fields as in the header, got 3/),
    );
  });
});

describe('caravan network validate with energy layers', () => {
  it('counts the energy links and swaps of the bundled network', async () => {
    const { code, stdout, stderr } = await runCli('network', 'validate', BUNDLED_NETWORK_DIR);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^valid: \d+ nodes, \d+ links, \d+ services, energy: 25 links, 6 swaps, 0 warnings\n$/);
  });

  it('reports bad energy rows as file:line: field and exits 2', async () => {
    const dir = tempDir();
    cpSync(BUNDLED_NETWORK_DIR, dir, { recursive: true });
    const line = lineOf(dir, 'interconnectors.csv', 'iran-afghanistan-power');
    setCell(join(dir, 'energy'), 'interconnectors.csv', line, 'status', 'dreaming');
    const { code, stdout, stderr } = await runCli('network', 'validate', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `${join(dir, 'energy', 'interconnectors.csv')}:${line}: status: expected one of operational, under_construction, planned`,
    );
    expect(stderr).toMatch(/invalid: 1 error, 0 warnings\n$/);
  });
});
