import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IndicatorReport } from '../../monitoring/indicators.js';
import { tempDir, TINY_NETWORK_DIR } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';

const HAND_FILE = fileURLToPath(new URL('../../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));
const TINY = ['--data', TINY_NETWORK_DIR];
const close = (actual: number | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 9);

async function handStore(): Promise<string> {
  const db = join(tempDir(), 'hand.sqlite');
  expect((await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY)).code).toBe(0);
  return db;
}

const report = async (db: string, ...args: string[]) => {
  const { code, stdout, stderr } = await runCli('indicators', '--db', db, ...TINY, '--json', ...args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as IndicatorReport;
};

describe('caravan indicators: the CPMM indicators of the hand-written KTI shipments', () => {
  it('gives TFI3 per 500 km per 20 t as worked out by hand', async () => {
    const q1 = await report(await handStore());
    // Corridor, Q1: A-1 paid 150 + 200 + 50 = 400 USD, B-2 150 + 160 + 40 = 350; tonne-km 60 × 980 + 40 × 980 =
    // 98,000; TFI3 = 500 × 20 × 750 / 98,000 = 76.53 USD.
    close(q1.corridors.find((r) => r.period === '2025-Q1')!.usdPer500km20t, (10_000 * 750) / 98_000);
    // Uzen → Bolashak (300 km), Q1: the payments at Bolashak (and at the origin, nothing) 150 + 150 on 300 km × 100 t.
    const first = q1.sections.find((r) => r.from === 'uzen' && r.period === '2025-Q1')!;
    close(first.usdPer500km20t, (10_000 * 300) / 30_000);
    // Etrek → Gorgan (120 km): 50 + 40 USD on 120 km × 100 t = 75 USD per 500 km per 20 t.
    close(q1.sections.find((r) => r.from === 'etrek' && r.period === '2025-Q1')!.usdPer500km20t, 75);
  });

  it('shows no speed on a section shorter than the minimum, but keeps its kilometres in the corridor speed', async () => {
    const db = await handStore();
    const r = await report(db, '--min-section-km', '200');
    const last = r.sections.find((s) => s.from === 'etrek' && s.period === '2025-Q1')!;
    expect(last).toMatchObject({ km: 120, short: true });
    expect(last.swodKmh).toBeUndefined();
    expect(r.sections.find((s) => s.from === 'uzen' && s.period === '2025-Q1')!.short).toBeUndefined();
    close(r.corridors.find((c) => c.period === '2025-Q1')!.swodKmh, 1960 / 70);
    expect(r.minSectionKm).toBe(200);
  });

  it('breaks trips down by direction with respect to a country, by mode and by commodity', async () => {
    const db = await handStore();
    const groups = async (...args: string[]) =>
      (await report(db, ...args)).breakdown!.rows.map((row) => `${row.period} ${row.group} ${row.shipments}`);
    // Every trip runs Uzen (KZ) → Gorgan (IR) through Etrek (TM).
    expect(await groups('--by', 'direction', '--country', 'ir')).toEqual(['2025-Q1 inbound 2', '2025-Q2 inbound 1']);
    expect(await groups('--by', 'direction', '--country', 'KZ', '--period', 'month')).toEqual([
      '2025-01 outbound 1',
      '2025-02 outbound 1',
      '2025-04 outbound 1',
    ]);
    expect(await groups('--by', 'direction', '--country', 'TM')).toEqual(['2025-Q1 transit 2', '2025-Q2 transit 1']);
    expect(await groups('--by', 'mode')).toEqual(['2025-Q1 rail 2', '2025-Q2 rail 1']);
    expect(await groups('--by', 'commodity')).toEqual(['2025-Q1 (not given) 2', '2025-Q2 (not given) 1']);
    const byMode = (await report(db, '--by', 'mode')).breakdown!.rows[0]!;
    close(byMode.usdPer500km20t, (10_000 * 750) / 98_000);
    close(byMode.usdPerT, 7.5);

    const missing = await runCli('indicators', '--db', db, ...TINY, '--by', 'direction');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--by direction: say whose borders with --country');
  });

  it('opens with a summary of at most 30 lines naming the slowest and costliest crossings', async () => {
    const db = join(tempDir(), 'generated.sqlite');
    const file = join(tempDir(), 'generated.csv');
    expect((await runCli('shipments', 'generate', '--n', '4000', '--seed', 'summary', '--out', file)).code).toBe(0);
    expect((await runCli('shipments', 'import', file, '--db', db)).code).toBe(0);
    const { stdout } = await runCli('indicators', '--db', db, '--summary');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(30);
    expect(lines[0]).toMatch(/SYNTHETIC [\d,]+ \(generated, not observed\)/);
    expect(stdout).toMatch(/Slowest crossings \(median dwell\):\n {2}\S/);
    expect(stdout).toMatch(/Costliest crossings \(USD per visit\):\n {2}\S/);
    expect(stdout).toMatch(/TFI3 \$[\d,]+\/500 km\/20 t/);
    const full = await runCli('indicators', '--db', db);
    expect(full.stdout.startsWith(stdout.trimEnd())).toBe(true);
    // Generated shipments say what they carry.
    const commodities = (
      JSON.parse((await runCli('indicators', '--db', db, '--by', 'commodity', '--json')).stdout) as IndicatorReport
    ).breakdown!.rows.map((row) => row.group);
    expect(new Set(commodities)).toEqual(new Set(['containers', 'grain', 'metals_minerals', 'oil_products', 'other']));
  });
});
