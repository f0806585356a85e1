import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_CSV_COLUMNS } from '../render/flows-csv.js';
import { CHROMIUM_PATH, hasChromium } from '../test-support/chromium.js';
import { startWebAppHarness, type WebAppHarness } from '../test-support/web-app-harness.js';

describe.skipIf(!hasChromium)(`the web app's downloads (${CHROMIUM_PATH})`, { timeout: 180_000 }, () => {
  let app: WebAppHarness;
  let page: Page;

  beforeAll(async () => {
    app = await startWebAppHarness({ shipments: 800, seed: 'exports' });
    page = await app.browser.context.newPage();
  }, 180_000);

  afterAll(() => app?.close());

  const url = (path: string) => app.url(path);
  const download = async (trigger: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
    return readFileSync((await file.path())!).toString('utf8');
  };

  /** A CSV as the API writes it: a header, then rows of as many cells (no cell of these exports holds a comma). */
  function parseCsv(text: string): { header: string[]; rows: string[][] } {
    const [header, ...rows] = text
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    for (const row of rows) expect(row).toHaveLength(header!.length);
    return { header: header!, rows };
  }

  it('downloads the planned routes as GeoJSON and CSV, each the API’s answer to the same query', async () => {
    await page.goto(url('/?from=almaty&to=bandar-abbas&by=cost'));
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#route-totals').waitFor();
    const geojson = JSON.parse(await download(() => page.locator('[data-export="geojson"]').click())) as {
      type: string;
      features: { geometry: { type: string }; properties: { route: number } }[];
    };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.some((feature) => feature.geometry.type === 'LineString')).toBe(true);
    const [request, csv] = await Promise.all([
      page.waitForRequest((sent) => sent.url().endsWith('/api/route') && /"format":"csv"/.test(sent.postData() ?? '')),
      download(() => page.locator('[data-export="csv"]').click()),
    ]);
    const { header, rows } = parseCsv(csv);
    expect(header.slice(0, 4)).toEqual(['route', 'step', 'kind', 'what']);
    expect(header).toContain('cum_usd');
    // One row per step of every route, as the GeoJSON has one feature per step.
    expect(rows).toHaveLength(geojson.features.length);
    // The query the page sent, asked again: the file is the API's answer, byte for byte.
    const api = await fetch(url('/api/route'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request.postData()!,
    });
    expect(csv).toBe(await api.text());
  });

  it('downloads the indicators on screen as the API’s CSV', async () => {
    await page.goto(url('/monitoring?by=month'));
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('[data-export="indicators-csv"]').waitFor({ timeout: 90_000 });
    const csv = await download(() => page.locator('[data-export="indicators-csv"]').click());
    const { header, rows } = parseCsv(csv);
    expect(header.slice(0, 7)).toEqual(['level', 'period', 'node', 'from', 'to', 'corridor', 'n']);
    expect(rows.filter((row) => row[0] === 'node').length).toBeGreaterThan(0);
    expect(rows.every((row) => /^\d{4}-\d{2}$/.test(row[1]!))).toBe(true);
    expect(csv).toBe(await (await fetch(url('/api/indicators?by=month&format=csv'))).text());
  });

  it('downloads a scenario run’s link flows as GeoJSON and CSV', async () => {
    await page.goto(url('/flows?scenario=trend-2027'));
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('[data-export="flows-csv"]').waitFor({ timeout: 120_000 });
    const geojson = JSON.parse(await download(() => page.locator('[data-export="flows-geojson"]').click())) as {
      type: string;
      features: { geometry: { type: string }; properties: { link: string; total_mt: number } }[];
    };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.length).toBeGreaterThan(20);
    expect(geojson.features.every((feature) => feature.geometry.type === 'LineString')).toBe(true);
    const csv = await download(() => page.locator('[data-export="flows-csv"]').click());
    const { header, rows } = parseCsv(csv);
    expect(header).toEqual([...FLOW_CSV_COLUMNS]);
    expect(rows.map((row) => row[2])).toEqual(geojson.features.map((feature) => feature.properties.link));
    for (const [index, row] of rows.entries())
      expect(Number(row[9])).toBeCloseTo(geojson.features[index]!.properties.total_mt, 3);
    expect(csv).toBe(await (await fetch(url('/api/scenarios/trend-2027/flows?format=csv'))).text());
  });
});
