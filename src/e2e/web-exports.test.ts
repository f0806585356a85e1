import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { writeShipmentsCsv } from '../data/shipments-csv.js';
import { generateShipments } from '../monitoring/generate.js';
import { startServer, type RunningServer } from '../server/listen.js';
import { catalogFor } from '../server/scenarios/catalog.js';
import { importShipmentsFile } from '../store/import-shipments.js';
import { Store } from '../store/store.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test-support/chromium.js';

describe.skipIf(!hasChromium)(`the web app's downloads (${CHROMIUM_PATH})`, { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let scratch: string;
  let page: Page;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(PACKAGE_ROOT, 'web', 'build-if-stale.mjs')], { stdio: 'ignore' });
    const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
    scratch = mkdtempSync(join(tmpdir(), 'caravan-e2e-exports-'));
    const store = await Store.open(join(scratch, 'store.sqlite'));
    const shipments = join(scratch, 'synthetic-shipments.csv');
    await writeShipmentsCsv(shipments, generateShipments(network, { rows: 800, seed: 'exports' }), [
      'SYNTHETIC DATA for tests',
    ]);
    await importShipmentsFile(store, network, shipments);
    server = await startServer({ network, host: '127.0.0.1', port: 0, store, scenarios: catalogFor(network) });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const url = (path: string) => new URL(path, server.url).href;
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
    expect(header).toEqual([
      'scenario',
      'year',
      'link',
      'mode',
      'from',
      'to',
      'km',
      'forward_mt',
      'backward_mt',
      'total_mt',
      'vc',
    ]);
    expect(rows.map((row) => row[2])).toEqual(geojson.features.map((feature) => feature.properties.link));
    for (const [index, row] of rows.entries())
      expect(Number(row[9])).toBeCloseTo(geojson.features[index]!.properties.total_mt, 3);
    expect(csv).toBe(await (await fetch(url('/api/scenarios/trend-2027/flows?format=csv'))).text());
  });
});
