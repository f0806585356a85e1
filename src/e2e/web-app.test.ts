import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import { Store } from '../store/store.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test-support/chromium.js';
import { pickPlace as pickPlaceIn } from '../test-support/pick-place.js';

/** Screenshots for people to look at, kept by CI as artifacts (git-ignored). */
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');

if (!hasChromium) {
  console.warn(
    `web app end-to-end tests SKIPPED: ${CHROMIUM_PATH} is missing (install it: apt-get update && apt-get install -y chromium)`,
  );
}

describe.skipIf(!hasChromium)(`the web app in Chromium (${CHROMIUM_PATH})`, { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  /** The server's store (a fresh SQLite file) and a small synthetic shipments file to upload into it. */
  let scratch: string;
  let shipmentsFile: string;
  /** Imports need a data steward's token, typed into the upload form. */
  let stewardToken: string;
  /** Requests to anywhere but the app's own origin: there must be none (offline basemap, no CDN, no telemetry). */
  const elsewhere: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // The app as `npm start` serves it: rebuilt here only if its sources changed since the last build.
    execFileSync(process.execPath, [join(PACKAGE_ROOT, 'web', 'build-if-stale.mjs')], { stdio: 'ignore' });
    mkdirSync(ARTIFACTS, { recursive: true });
    const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
    scratch = mkdtempSync(join(tmpdir(), 'caravan-e2e-'));
    shipmentsFile = join(scratch, 'synthetic-shipments.csv');
    await writeShipmentsCsv(shipmentsFile, generateShipments(network, { rows: 3000, seed: 'e2e' }), [
      'SYNTHETIC DATA: generated for the end-to-end test',
    ]);
    const store = await Store.open(join(scratch, 'store.sqlite'));
    stewardToken = (await store.tokens.create('e2e', 'steward')).token;
    server = await startServer({
      network,
      host: '127.0.0.1',
      port: 0,
      store,
      scenarios: catalogFor(network),
    });
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const origin = new URL(server.url).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const pickPlace = (label: string, typed: string, optionName: RegExp) => pickPlaceIn(page, label, typed, optionName);

  it('plans Almaty → Bandar Abbas from the keyboard and draws the routes on the map', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await pickPlace('From', 'alma', /^Almaty/);
    await pickPlace('To', 'bandar ab', /^Bandar Abbas/);
    await expect(page.getByRole('combobox', { name: 'To', exact: true }).inputValue()).resolves.toMatch(
      /^Bandar Abbas/,
    );
    await page.getByRole('spinbutton', { name: 'Alternatives' }).fill('3');
    await page.getByRole('button', { name: 'Plan route' }).press('Enter');

    const totals = page.locator('#route-totals');
    await totals.waitFor();
    expect(await totals.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await expect(totals.locator('caption').textContent()).resolves.toBe('Route totals');
    await expect(page.locator('#route-results').textContent()).resolves.toContain('Almaty → Bandar Abbas');
    // How many route features MapLibre actually drew, once the map settled after drawing the routes.
    const map = page.locator('#map[data-rendered-route-features]');
    await map.waitFor();
    expect(Number(await map.getAttribute('data-rendered-route-features'))).toBeGreaterThan(0);
    expect(await page.locator('#route-steps tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('svg.cost-chart polyline').count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(ARTIFACTS, 'route-planner.png') });

    await page.getByRole('button', { name: 'Check' }).click();
    const onTime = page.locator('#deadline-routes tbody tr');
    await onTime.first().waitFor();
    expect(await onTime.count()).toBeGreaterThanOrEqual(2);
    await expect(onTime.first().textContent()).resolves.toMatch(/Route 1\d+%/);

    await page.getByRole('button', { name: /^Route 2/ }).click();
    await expect(page.locator('#route-steps caption').textContent()).resolves.toBe('Steps of route 2');
  });

  it('shows the server’s message and marks the field when a place is unknown', async () => {
    await page.getByRole('combobox', { name: 'To', exact: true }).fill('Atlantis');
    await page.getByRole('button', { name: 'Plan route' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/^to: no node matches "Atlantis"/);
    await expect(page.getByRole('combobox', { name: 'To', exact: true }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
  });

  it('runs a scenario in the flows view: gauges against the 15 and 20 Mt targets, flows on the map', async () => {
    await page.getByRole('tab', { name: 'Flows' }).click();
    const gauges = page.locator('#target-gauges [role="meter"]');
    await gauges.first().waitFor({ timeout: 60_000 });
    expect(await gauges.count()).toBe(3);
    await expect(gauges.first().getAttribute('aria-valuetext')).resolves.toMatch(/Mt\/yr, .* 15 Mt$/);
    await expect(page.locator('#target-gauges').textContent()).resolves.toContain('20 Mt · 2030');
    await expect(page.locator('#flow-results').textContent()).resolves.toContain('Binding bottlenecks');
    const capacity = page.locator('#flow-capacity');
    await capacity.waitFor({ timeout: 60_000 });
    await expect(capacity.textContent()).resolves.toMatch(/Capacity next to flow.*Inche-Burun/s);
    const map = page.locator('#map[data-rendered-flow-features]');
    await map.waitFor();
    expect(Number(await map.getAttribute('data-rendered-flow-features'))).toBeGreaterThan(10);
    await expect(page.locator('#legend').textContent()).resolves.toContain('v/c');
    await page.screenshot({ path: join(ARTIFACTS, 'flows.png') });
  });

  it('compares two scenarios side by side and draws the flow change', async () => {
    await page.getByRole('tab', { name: 'Compare scenarios' }).click();
    await page.locator('#diff-totals').waitFor({ timeout: 60_000 });
    await expect(page.locator('#compare-results h2').first().textContent()).resolves.toBe(
      'joint-customs-2027 against trend-2027',
    );
    expect(await page.locator('#diff-targets tbody tr').count()).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, 'compare.png') });
  });

  it('shows the monitoring dashboard: how to fill an empty store, then the indicators of an uploaded file', async () => {
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    const empty = page.locator('#monitoring-empty');
    await empty.waitFor();
    await expect(empty.textContent()).resolves.toContain('caravan shipments generate');
    await page.locator('#target-progress').waitFor();
    // The published CPMM series, labelled OBSERVED, with their sources.
    await expect(page.locator('#observed-series caption').textContent()).resolves.toContain('OBSERVED');
    await expect(page.locator('#observed-series').textContent()).resolves.toContain('cpmm-2022-road');
    await page.screenshot({ path: join(ARTIFACTS, 'monitoring-empty.png') });

    await page.getByLabel('Shipments CSV file').setInputFiles(shipmentsFile);
    await page.locator('#steward-token').fill(stewardToken);
    await page.getByRole('button', { name: 'Import' }).click();
    const charts = page.locator('#dwell-charts svg.dwell-chart');
    await charts.first().waitFor();
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#dwell-charts polyline').count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole('note').textContent()).resolves.toMatch(/^SYNTHETIC: all of these \d+ shipments/);
    await expect(page.locator('#monitoring-results .notice').textContent()).resolves.toMatch(
      /^Imported synthetic-shipments\.csv: 3,000 rows read, 3,000 new/,
    );
    expect(await page.locator('#crossing-times tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(ARTIFACTS, 'monitoring.png') });

    await page.getByLabel('Period').selectOption('month');
    await expect
      .poll(() => page.locator('#crossing-times caption').textContent())
      .toMatch(/^Border crossing times, \d{4}-\d{2}$/);
  });

  it('switches to the network view with the arrow keys', async () => {
    await page.getByRole('tab', { name: 'Route planner' }).click();
    await page.getByRole('tab', { name: 'Route planner' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('tab', { name: 'Network' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByRole('heading', { name: 'The network' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'network.png') });
  });

  it('serves the API docs page', async () => {
    await page.goto(`${server.url}api/docs`);
    await page.getByText('Caravan API').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs.png') });
  });

  it('loaded nothing from elsewhere and logged no error', () => {
    expect(elsewhere).toEqual([]);
    expect(consoleErrors.filter((text) => !/status of 400|status of 404/.test(text))).toEqual([]);
  });
});
