import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeShipmentsCsv } from '../data/shipments-csv.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import type { IndicatorReport } from '../monitoring/indicators.js';
import { generateShipments } from '../monitoring/generate.js';
import { tempDir, TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { runCli } from '../test-support/run-cli.js';
import {
  BACKENDS,
  freshStoreUrl,
  PG_TEST_URL,
  SKIP_POSTGRES_MESSAGE,
  storeDigest,
  type Backend,
} from '../test-support/store-backends.js';

const HAND_FILE = fileURLToPath(new URL('../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));
const TINY = ['--data', TINY_NETWORK_DIR];
const CLI_ENTRY = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

if (PG_TEST_URL === undefined) console.warn(SKIP_POSTGRES_MESSAGE);

describe('the PostgreSQL store tests', () => {
  it.runIf(process.env['CI'] === 'true')('have a server to run against in CI', () => {
    expect(PG_TEST_URL, 'CI must run the tests through scripts/with-postgres.sh').toBeDefined();
  });
});

const close = (actual: number | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 9);

describe.each(BACKENDS)('store on %s', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;

  it.skipIf(skip)('imports hand-written shipments and computes their indicators as worked out by hand', async () => {
    const db = freshStoreUrl(backend);
    const imported = await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      rowsRead: 12,
      accepted: 12,
      new: 12,
      duplicates: 0,
      rejected: 0,
    });

    const { code, stdout } = await runCli('indicators', '--by', 'quarter', '--db', db, ...TINY, '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as IndicatorReport;
    expect(report.shipments).toBe(3);
    expect(report.periods).toEqual(['2025-Q1', '2025-Q2']);

    // Bolashak in Q1: dwell 10 h and 14 h (B-2); p90 = 10 + 0.9 × 4; payments (120 + 30) and (100 + 50) on 100 t.
    const bolashakQ1 = report.nodes.find((row) => row.node === 'bolashak' && row.period === '2025-Q1')!;
    expect(bolashakQ1.visits).toBe(2);
    close(bolashakQ1.dwellH.median, 12);
    close(bolashakQ1.dwellH.mean, 12);
    close(bolashakQ1.dwellH.p90, 13.6);
    close(bolashakQ1.costUsdPerVisit.official, 110);
    close(bolashakQ1.costUsdPerVisit.unofficial, 40);
    close(bolashakQ1.totalUsdPerT, 3);
    expect(bolashakQ1.delays).toEqual({ customs: 1, documents: 1 });
    // Q2: C-3 waited 6 h, half the Q1 median.
    const bolashakQ2 = report.nodes.find((row) => row.node === 'bolashak' && row.period === '2025-Q2')!;
    close(bolashakQ2.medianDwellChange, -0.5);
    // Origin and destination are not transit checkpoints.
    expect(report.nodes.map((row) => row.node)).not.toContain('uzen');
    expect(report.nodes.map((row) => row.node)).not.toContain('gorgan');

    // Uzen → Bolashak (300 km): moving 10 h and 12 h; with the dwell at Bolashak 20 h and 26 h.
    const firstSection = report.sections.find((row) => row.from === 'uzen' && row.period === '2025-Q1')!;
    expect(firstSection.km).toBe(300);
    close(firstSection.movingH.median, 11);
    close(firstSection.swodKmh, 600 / 22);
    close(firstSection.swdKmh, 600 / 46);
    // Etrek → Gorgan ends at the destination: its dwell there is not counted, so SWD = SWOD = 240 km / 10 h.
    const lastSection = report.sections.find((row) => row.from === 'etrek' && row.period === '2025-Q1')!;
    close(lastSection.swodKmh, 24);
    close(lastSection.swdKmh, 24);

    // Corridor trips: 54 h and 60 h from first departure to last arrival, 980 km each, moving 32 h and 38 h.
    const ktiQ1 = report.corridors.find((row) => row.corridor === 'kti' && row.period === '2025-Q1')!;
    expect(ktiQ1.shipments).toBe(2);
    close(ktiQ1.tripH.median, 57);
    close(ktiQ1.tripH.p90, 59.4);
    close(ktiQ1.dwellH.median, 22);
    close(ktiQ1.costUsdPerShipment.total, 375);
    close(ktiQ1.costUsdPerShipment.unofficial, 45);
    close(ktiQ1.usdPerT, 7.5);
    close(ktiQ1.usdPerTeu, 175);
    close(ktiQ1.swodKmh, 1960 / 70);
    close(ktiQ1.swdKmh, 1960 / 114);
    const ktiQ2 = report.corridors.find((row) => row.corridor === 'kti' && row.period === '2025-Q2')!;
    close(ktiQ2.medianTripChange, 44 / 57 - 1);
    expect(report.trends.find((t) => t.level === 'corridor' && t.key === 'kti')).toMatchObject({
      periods: 2,
      first: 57,
      last: 44,
    });
  });

  it.skipIf(skip)('adds nothing when the same file is imported again', async () => {
    const db = freshStoreUrl(backend);
    expect((await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY)).code).toBe(0);
    const before = await storeDigest(db);
    const again = await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^new\s+0$/m);
    expect(again.stdout).toMatch(/^duplicates\s+12$/m);
    expect(again.stdout).toContain('nothing new');
    expect(await storeDigest(db)).toEqual(before);
  });

  it.skipIf(skip)('rejects a changed record of a stored shipment instead of overwriting it', async () => {
    const db = freshStoreUrl(backend);
    await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY);
    const before = await storeDigest(db);
    const dir = tempDir();
    const changed = join(dir, 'changed.csv');
    writeFileSync(changed, readFileSync(HAND_FILE, 'utf8').replace('120,30,customs', '125,30,customs'));
    const { code, stderr } = await runCli('shipments', 'import', changed, '--db', db, ...TINY);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${changed}:5: seq: shipment A-1 checkpoint 2 is already recorded differently (${HAND_FILE}:5)`,
    );
    expect(await storeDigest(db)).toEqual(before);
  });

  it.skipIf(skip)('imports nothing from 10,000 generated rows with one bad row, and names its line', async () => {
    const db = freshStoreUrl(backend);
    await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY);
    const before = await storeDigest(db);
    const network = loadNetwork(BUNDLED_NETWORK_DIR).network;
    const visits = generateShipments(network, { rows: 10_000, seed: 'one-bad-row' });
    const bad = 6_543;
    visits[bad] = { ...visits[bad]!, node: 'atlantis' };
    const file = join(tempDir(), 'generated.csv');
    await writeShipmentsCsv(file, visits, ['SYNTHETIC test data']);
    const badLine = 1 + 1 + bad + 1; // comment, header, then row `bad` (0-based)

    const { code, stdout, stderr } = await runCli('shipments', 'import', file, '--db', db, '--json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({
      rowsRead: 10_000,
      accepted: 9_999,
      new: 0,
      rejected: 1,
      imported: false,
    });
    expect(stderr).toContain(`${file}:${badLine}: node: unknown node id "atlantis"`);
    const rejects = parse(readFileSync(`${file.replace(/\.csv$/, '')}.rejects.csv`, 'utf8')) as string[][];
    expect(rejects).toHaveLength(2);
    expect(rejects[1]!.slice(0, 2)).toEqual([String(badLine), 'node: unknown node id "atlantis"']);
    expect(rejects[1]![2]).toBe(visits[bad]!.shipmentId);
    expect(await storeDigest(db)).toEqual(before);
  });

  it.skipIf(skip)(
    'is left exactly as before by an import killed in the middle of its transaction',
    async () => {
      const db = freshStoreUrl(backend);
      await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY);
      const before = await storeDigest(db);
      const network = loadNetwork(BUNDLED_NETWORK_DIR).network;
      const file = join(tempDir(), 'big.csv');
      await writeShipmentsCsv(file, generateShipments(network, { rows: 30_000, seed: 'killed' }));

      const child = spawn(
        process.execPath,
        [
          '--import',
          import.meta.resolve('tsx'),
          CLI_ENTRY,
          'shipments',
          'import',
          file,
          '--db',
          db,
          '--progress',
          'always',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        // Rows are being written inside the transaction: kill the process there, without a chance to clean up. (The
        // total is of the chunks read so far, and PostgreSQL reports a chunk's rows 10,000 at a time: the first
        // report with rows written, whatever its total.)
        if (/progress: writing [1-9]\d*\/\d+/.test(stderr)) child.kill('SIGKILL');
      });
      const { signal } = await ended;
      expect(stderr).toMatch(/progress: writing \d+\/\d+ rows/);
      expect(stderr).not.toContain('progress: writing 30000/30000');
      expect(signal).toBe('SIGKILL');

      expect(await storeDigest(db)).toEqual(before);
      // And the store still works: the same file imports whole afterwards.
      const retry = await runCli('shipments', 'import', file, '--db', db, '--json');
      expect(JSON.parse(retry.stdout)).toMatchObject({ new: 30_000, rejected: 0 });
    },
    120_000,
  );

  it.skipIf(skip)('imports trade figures all or nothing, and not twice', async () => {
    const db = freshStoreUrl(backend);
    const dir = tempDir();
    const header = 'id,kind,indicator,label,period,value,unit,qualifier,sources,confidence,estimated_fields,notes';
    const good =
      'ir-kz-trade-2025,figure,ir-kz-trade,Iran–Kazakhstan trade,2025,380000000,usd,approx,unlisted,estimate,value,Test figure: invented for this test';
    const file = join(dir, 'trade.csv');
    writeFileSync(file, `${header}\n${good}\nbad-row,figure,ir-kz-trade,X,2025-13,1,usd,,nowhere,reported,,\n`);
    const rejected = await runCli('targets', 'import', file, '--db', db);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain(
      `${file}:3: period: expected a year (2024) or a span of months (2025-01/2025-09), got "2025-13"`,
    );
    expect((await storeDigest(db)).counts.tradeRecords).toBe(0);
    expect(existsSync(join(dir, 'trade.rejects.csv'))).toBe(true);

    writeFileSync(file, `${header}\n${good}\n`);
    const imported = await runCli('targets', 'import', file, '--db', db, '--json');
    expect(JSON.parse(imported.stdout)).toMatchObject({ new: 1, rejected: 0 });
    expect(existsSync(join(dir, 'trade.rejects.csv'))).toBe(false);
    const again = await runCli('targets', 'import', file, '--db', db, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, duplicates: 1 });

    const { stdout } = await runCli('targets', '--db', db, '--json');
    const progress = JSON.parse(stdout) as { targets: { target: { id: string }; latest?: { id: string } }[] };
    expect(progress.targets.find((p) => p.target.id === 'target-ir-kz-1b')?.latest?.id).toBe('ir-kz-trade-2025');
  });
});
