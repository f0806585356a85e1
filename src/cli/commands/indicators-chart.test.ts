import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IndicatorReport } from '../../monitoring/indicators.js';
import type { DistanceChart } from '../../monitoring/time-distance.js';
import { tempDir, TINY_NETWORK_DIR } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';

const HAND_FILE = fileURLToPath(new URL('../../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));
const TINY = ['--data', TINY_NETWORK_DIR];

async function handStore(): Promise<string> {
  const db = join(tempDir(), 'hand.sqlite');
  expect((await runCli('shipments', 'import', HAND_FILE, '--db', db, ...TINY)).code).toBe(0);
  return db;
}

describe('caravan indicators --chart: time- and cost-distance charts of the stored trips', () => {
  it('gives the points worked out by hand from the three KTI shipments', async () => {
    const db = await handStore();
    const { code, stdout } = await runCli('indicators', '--db', db, ...TINY, '--chart', 'time-distance', '--json');
    expect(code).toBe(0);
    const chart = JSON.parse(stdout) as DistanceChart;
    expect(chart.series).toHaveLength(1);
    const [line] = chart.series;
    expect(line).toMatchObject({ corridor: 'kti', label: 'OBSERVED', trips: 3, tonnes: 150 });
    // Hours since leaving Uzen (UTC): A-1 arrives at Bolashak after 10 h and leaves after 20, at Etrek 38/50, at
    // Gorgan 54; B-2 12/26, 46/54, 60; C-3 10/16, 32/40, 44. Paid (USD): Bolashak 150 + 150 + 80, Etrek
    // 200 + 160 + 100, Gorgan 50 + 40 + 30, over 60 + 40 + 50 t.
    const expected = [
      { node: 'uzen', km: 0, arrivalH: 0, departureH: 0, arrivalUsdPerT: 0, departureUsdPerT: 0 },
      {
        node: 'bolashak',
        km: 300,
        arrivalH: 32 / 3,
        departureH: 62 / 3,
        arrivalUsdPerT: 0,
        departureUsdPerT: 380 / 150,
      },
      {
        node: 'etrek',
        km: 860,
        arrivalH: 116 / 3,
        departureH: 48,
        arrivalUsdPerT: 380 / 150,
        departureUsdPerT: 840 / 150,
      },
      { node: 'gorgan', km: 980, arrivalH: 158 / 3, departureH: 158 / 3, arrivalUsdPerT: 5.6, departureUsdPerT: 6.4 },
    ];
    line!.points.forEach((point, i) => {
      const want = expected[i]!;
      expect(point.node).toBe(want.node);
      for (const field of ['km', 'arrivalH', 'departureH', 'arrivalUsdPerT', 'departureUsdPerT'] as const)
        expect(point[field], `${want.node} ${field}`).toBeCloseTo(want[field], 9);
    });
  });

  it('ends each line at the mean trip time and the USD/t of `caravan indicators`', async () => {
    const db = join(tempDir(), 'generated.sqlite');
    const file = join(tempDir(), 'generated.csv');
    expect((await runCli('shipments', 'generate', '--n', '600', '--seed', 'chart', '--out', file)).code).toBe(0);
    expect((await runCli('shipments', 'import', file, '--db', db)).code).toBe(0);
    const chart = JSON.parse(
      (await runCli('indicators', '--db', db, '--chart', 'cost-distance', '--json')).stdout,
    ) as DistanceChart;
    expect(chart.series.length).toBeGreaterThan(1);
    for (const line of chart.series) {
      expect(line.label).toBe('SYNTHETIC');
      for (let i = 1; i < line.points.length; i++) {
        const [a, b] = [line.points[i - 1]!, line.points[i]!];
        expect(b.km).toBeGreaterThan(a.km);
        expect(b.arrivalH).toBeGreaterThanOrEqual(a.departureH);
        expect(b.departureH).toBeGreaterThanOrEqual(b.arrivalH);
        expect(b.arrivalUsdPerT).toBe(a.departureUsdPerT);
      }
    }
    // A corridor's lines together carry its trips: their total hours and USD are those of `caravan indicators`.
    const report = JSON.parse((await runCli('indicators', '--db', db, '--json')).stdout) as IndicatorReport;
    expect(chart.series.reduce((n, line) => n + line.trips, 0)).toBe(report.shipments);
    for (const corridor of new Set(report.corridors.map((row) => row.corridor))) {
      const rows = report.corridors.filter((row) => row.corridor === corridor);
      const lines = chart.series.filter((line) => line.corridor === corridor);
      const end = (line: (typeof lines)[number]) => line.points.at(-1)!;
      const totalH = rows.reduce((h, row) => h + row.tripH.mean * row.shipments, 0);
      const totalUsd = rows.reduce((usd, row) => usd + row.costUsdPerShipment.total * row.shipments, 0);
      expect(lines.reduce((h, line) => h + end(line).arrivalH * line.trips, 0)).toBeCloseTo(totalH, 6);
      expect(lines.reduce((usd, line) => usd + end(line).departureUsdPerT * line.tonnes, 0)).toBeCloseTo(totalUsd, 6);
    }

    const text = await runCli('indicators', '--db', db, '--chart', 'time-distance');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Time-distance: mean hours since leaving the origin/);
    expect(text.stdout).toMatch(/SYNTHETIC \S+: \S+ → /);
    expect(text.stdout).toContain('█');
    expect(text.stdout).toMatch(/more ways? with fewer trips: --json gives every one/);
  });

  it('refuses a chart as CSV, and an unknown chart', async () => {
    const db = await handStore();
    const csv = await runCli('indicators', '--db', db, ...TINY, '--chart', 'time-distance', '--format', 'csv');
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('--chart: the chart is text (table) or JSON, not CSV');
    const unknown = await runCli('indicators', '--db', db, ...TINY, '--chart', 'speed-distance');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('time-distance');
  });
});
