import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnergy } from '../data/load-energy.js';
import { writeShipmentsCsv } from '../data/shipments-csv.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { startServer, type RunningServer } from '../server/listen.js';
import { generateShipments } from '../monitoring/generate.js';
import { catalogFor } from '../server/scenarios/catalog.js';
import { importShipmentsFile } from '../store/import-shipments.js';
import { Store } from '../store/store.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test-support/chromium.js';
import { pickPlace } from '../test-support/pick-place.js';
import { storeSmallSweep } from '../test-support/stored-sweep.js';

/** Screenshots of every view at both sizes, for people to look at; CI keeps test-artifacts/ (git-ignored). */
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts', 'responsive');

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

/** Each tab, the path it lives at, and what shows it has drawn its answer. */
const VIEWS = [
  { tab: 'Route planner', path: '/', ready: '#view-route h1' },
  { tab: 'Flows', path: '/flows', ready: '#target-gauges [role="meter"]' },
  { tab: 'Compare scenarios', path: '/compare', ready: '#diff-totals' },
  { tab: 'Monitoring', path: '/monitoring', ready: '#target-progress' },
  { tab: 'Scorecard', path: '/scorecard', ready: '#view-scorecard[data-loaded="true"]' },
  { tab: 'Uncertainty', path: '/sweeps', ready: '#sweep-tornado' },
  { tab: 'Network', path: '/network', ready: '#view-network h1' },
] as const;

/** The labels that must be on the first view, whatever the size of the screen. */
const FIRST_VIEW_PLACES = ['Almaty', 'Tashkent', 'Bandar Abbas', 'Chabahar'];

describe.skipIf(!hasChromium)(`the web app at phone and desktop sizes (${CHROMIUM_PATH})`, { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let scratch: string;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(PACKAGE_ROOT, 'web', 'build-if-stale.mjs')], { stdio: 'ignore' });
    mkdirSync(ARTIFACTS, { recursive: true });
    const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
    scratch = mkdtempSync(join(tmpdir(), 'caravan-e2e-responsive-'));
    const store = await Store.open(join(scratch, 'store.sqlite'));
    // Shipments in the store, so that the monitoring view has indicators to chart and to export.
    const shipments = join(scratch, 'synthetic-shipments.csv');
    await writeShipmentsCsv(shipments, generateShipments(network, { rows: 1500, seed: 'responsive' }), [
      'SYNTHETIC DATA for tests',
    ]);
    await importShipmentsFile(store, network, shipments);
    // A small sweep in the store, so that the uncertainty view draws its fans and tornado.
    await storeSmallSweep(scratch, join(scratch, 'store.sqlite'), 4);
    const energy = loadEnergy(BUNDLED_NETWORK_DIR, new Set(network.sources.map((source) => source.id)));
    server = await startServer({
      network,
      energy,
      host: '127.0.0.1',
      port: 0,
      store,
      scenarios: catalogFor(network),
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const url = (path: string) => new URL(path, server.url).href;

  async function openPage(size: { width: number; height: number }, path = '/'): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: size.width, height: size.height });
    const response = await page.goto(url(path));
    expect(response?.status()).toBe(200);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  /** The map is there and nothing pushes the page wider than the screen. */
  async function expectLayoutFits(page: Page, width: number) {
    const canvas = await page.locator('#map canvas').boundingBox();
    expect(canvas?.width).toBeGreaterThan(100);
    expect(canvas?.height).toBeGreaterThan(100);
    const scrollWidth = await page.locator('html').evaluate((html) => html.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  }

  /**
   * The screen as it is and, on a phone, the whole panel under the map as a second picture: a full-page screenshot
   * would stretch the window and with it the map, whose height follows the window's.
   */
  async function screenshot(page: Page, name: string, size: string) {
    await page.locator('#map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    if (size === 'phone') await page.locator('#panel').screenshot({ path: join(ARTIFACTS, `${name}-panel.png`) });
  }

  it('works at 200% zoom of a 1440×900 window (a 720×450 CSS viewport): map, tabs, no sideways scroll', async () => {
    const zoomed = { name: 'zoom-200', width: 720, height: 450 } as const;
    const page = await openPage(zoomed);
    for (const view of VIEWS) {
      const tab = page.getByRole('tab', { name: view.tab, exact: true });
      await tab.click();
      await expect(tab.getAttribute('aria-selected')).resolves.toBe('true');
      await expectLayoutFits(page, zoomed.width);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'zoom-200-network.png') });
    await page.close();
  });

  it.each(SIZES)(
    'draws the energy layer when toggled in the network and flows views at $width×$height',
    async (size) => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(url('/network'));
      await page.waitForSelector('body[data-ready="true"]');
      const map = page.locator('#map');
      // Off by default: the freight views look as they did.
      await expect(map.getAttribute('data-rendered-energy-features')).resolves.toBeNull();
      await page.getByRole('checkbox', { name: /Energy layer/ }).check();
      // Rendering waits for the map's idle, which takes seconds on a loaded machine: longer than poll's default second.
      await expect
        .poll(async () => Number(await map.getAttribute('data-rendered-energy-features')), { timeout: 30_000 })
        .toBeGreaterThan(0);
      const legend = page.locator('#legend');
      await expect(legend.getByText('Gas pipeline', { exact: true }).count()).resolves.toBe(1);
      await expect(legend.getByText('Power line', { exact: true }).count()).resolves.toBe(1);
      await expectLayoutFits(page, size.width);
      await page.screenshot({ path: join(ARTIFACTS, `${size.name}-network-energy.png`) });
      // A click on a drawn gas pipeline opens its figures: the middle one of the pixels of the gas color that no
      // label covers (the first ones are often at a line's end, under its point).
      // As a string: the test's TypeScript has no DOM types. The map keeps its drawing buffer (create-map.ts).
      const gasPixel = (await page.evaluate(`(() => {
      const canvas = document.querySelector('#map canvas');
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context2d = copy.getContext('2d');
      context2d.drawImage(canvas, 0, 0);
      const { data } = context2d.getImageData(0, 0, copy.width, copy.height);
      const scale = canvas.width / canvas.clientWidth;
      const box = canvas.getBoundingClientRect();
      const found = [];
      for (let index = 0; index < data.length; index += 4) {
        if (Math.abs(data[index] - 0xd9) + Math.abs(data[index + 1] - 0x48) + Math.abs(data[index + 2] - 0x0f) > 12) continue;
        const pixel = index / 4;
        const x = box.left + (pixel % copy.width) / scale;
        const y = box.top + Math.floor(pixel / copy.width) / scale;
        if (document.elementFromPoint(x, y) === canvas) found.push({ x, y });
      }
      return found[Math.floor(found.length / 2)] ?? null;
    })()`)) as { x: number; y: number } | null;
      expect(gasPixel).not.toBeNull();
      await page.mouse.click(gasPixel!.x, gasPixel!.y);
      const popup = page.locator('.energy-popup');
      await popup.waitFor();
      await page.screenshot({ path: join(ARTIFACTS, `${size.name}-network-energy-popup.png`) });
      await expect(popup.textContent()).resolves.toMatch(/gas · .*Capacity.*Utilization.*Source: /);
      await page.keyboard.press('Escape');
      // The flows view offers the same layer, and keeps the choice made in the network view.
      await page.getByRole('tab', { name: 'Flows', exact: true }).click();
      const flowsToggle = page.locator('#flows-energy-layer');
      await expect(flowsToggle.isChecked()).resolves.toBe(true);
      await expect
        .poll(async () => Number(await map.getAttribute('data-rendered-energy-features')), { timeout: 30_000 })
        .toBeGreaterThan(0);
      // Off again: nothing of it is left drawn.
      await flowsToggle.uncheck();
      await expect.poll(() => map.getAttribute('data-rendered-energy-features')).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  describe.each(SIZES)('at $width×$height', (size) => {
    let page: Page;

    afterAll(async () => page?.close());

    it('shows the map and place names on the first view, within the width of the screen', async () => {
      page = await openPage(size);
      await expectLayoutFits(page, size.width);
      const map = await page.locator('#map').boundingBox();
      for (const place of FIRST_VIEW_PLACES) {
        const label = page.locator('.map-label:not([hidden])', { hasText: new RegExp(`^${place}$`) });
        await expect(label.count()).resolves.toBe(1);
        const box = await label.boundingBox();
        expect(box, place).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(map!.x);
        expect(box!.x + box!.width).toBeLessThanOrEqual(map!.x + map!.width + 1);
        expect(box!.y).toBeGreaterThanOrEqual(map!.y);
        expect(box!.y + box!.height).toBeLessThanOrEqual(map!.y + map!.height + 1);
      }
      await page.screenshot({ path: join(ARTIFACTS, `${size.name}-first-view.png`) });
    });

    it('reaches and activates every tab, each at its own address, and Back returns to the one before', async () => {
      for (const view of VIEWS) {
        const tab = page.getByRole('tab', { name: view.tab, exact: true });
        await tab.click();
        await expect(tab.getAttribute('aria-selected')).resolves.toBe('true');
        await page.locator(view.ready).first().waitFor({ timeout: 90_000 });
        expect(new URL(page.url()).pathname).toBe(view.path);
        await expectLayoutFits(page, size.width);
        await screenshot(page, `${size.name}-${view.path === '/' ? 'route' : view.path.slice(1)}`, size.name);
      }
      await page.goBack();
      await expect
        .poll(() => page.getByRole('tab', { name: 'Uncertainty' }).getAttribute('aria-selected'))
        .toBe('true');
      expect(new URL(page.url()).pathname).toBe('/sweeps');
      await page.goForward();
      await expect.poll(() => page.getByRole('tab', { name: 'Network' }).getAttribute('aria-selected')).toBe('true');
    });

    it('shows the scorecard: three tests, each OBSERVED, with its figures, verdicts and sources', async () => {
      await page.goto(url('/scorecard'));
      await page.waitForSelector('#view-scorecard[data-loaded="true"]');
      const tests = page.locator('.scorecard-test');
      await expect(tests.count()).resolves.toBe(3);
      await expect(page.locator('.scorecard-test .observed-label').count()).resolves.toBe(3);
      for (const id of ['scorecard-trade', 'scorecard-projects', 'scorecard-flows']) {
        const rows = page.locator(`#${id} tbody tr`);
        expect(await rows.count(), id).toBeGreaterThan(0);
        // Every row has a verdict and names its source.
        const first = await rows.first().textContent();
        expect(first, id).toMatch(/MET|ON TRACK|BEHIND|GAP|NO FIGURE|PENDING|OVERDUE|DONE|MISSED/);
        const source = await rows.first().locator('.row-sources').textContent();
        expect(source?.trim(), id).toMatch(/^Source: [a-z0-9-]+(; [a-z0-9-]+)*$/);
      }
      // Every table within the panel: no column (Growth seen, Status) behind a sideways scroll.
      const tables = (await page.evaluate(
        `[...document.querySelectorAll('#view-scorecard table')].map((table) => ({ id: table.id, scrollWidth: table.scrollWidth, clientWidth: table.parentElement.clientWidth }))`,
      )) as { id: string; scrollWidth: number; clientWidth: number }[];
      expect(tables.length).toBe(4);
      for (const table of tables) expect(table.scrollWidth, table.id).toBeLessThanOrEqual(table.clientWidth);
      await expectLayoutFits(page, size.width);
    });

    it('serves every view at its own address (deep links)', async () => {
      for (const view of VIEWS.slice(1)) {
        const response = await page.goto(url(view.path));
        expect(response?.status(), view.path).toBe(200);
        await page.waitForSelector('body[data-ready="true"]');
        await expect(
          page.getByRole('tab', { name: view.tab, exact: true }).getAttribute('aria-selected'),
        ).resolves.toBe('true');
      }
    });

    it('refuses a route from a place to itself, with the reason', async () => {
      await page.goto(url('/'));
      await page.waitForSelector('body[data-ready="true"]');
      await pickPlace(page, 'From', 'alma', /^Almaty/);
      await pickPlace(page, 'To', 'alma', /^Almaty/);
      await page.getByRole('button', { name: 'Plan route' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(/same place \(Almaty\)/);
      await expect(page.locator('#route-totals').count()).resolves.toBe(0);
    });

    it('keeps a planned route in its address: reload and a new page plan it again', async () => {
      await pickPlace(page, 'To', 'bandar ab', /^Bandar Abbas/);
      await page.getByRole('combobox', { name: 'Optimize for' }).selectOption('cost');
      await page.getByRole('button', { name: 'Plan route' }).click();
      await page.locator('#route-totals').waitFor();
      const address = new URL(page.url());
      expect(address.searchParams.get('from')).toBe('almaty');
      expect(address.searchParams.get('to')).toBe('bandar-abbas');
      expect(address.searchParams.get('by')).toBe('cost');
      const answer = await page.locator('#route-totals tbody').textContent();
      await expect(page.locator('.map-pin').count()).resolves.toBe(2);
      await expectLayoutFits(page, size.width);
      await screenshot(page, `${size.name}-route-planned`, size.name);

      // A change of the form marks the answer out of date.
      await page.getByRole('spinbutton', { name: 'Alternatives' }).fill('2');
      await page.locator('#route-stale').waitFor();

      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await page.locator('#route-totals').waitFor();
      await expect(page.locator('#route-totals tbody').textContent()).resolves.toBe(answer);
      await expect(page.getByRole('combobox', { name: 'Optimize for' }).inputValue()).resolves.toBe('cost');

      const other = await browser.context.newPage();
      await other.setViewportSize({ width: size.width, height: size.height });
      await other.goto(address.href);
      await other.locator('#route-totals').waitFor();
      await expect(other.locator('#route-totals tbody').textContent()).resolves.toBe(answer);
      await other.close();
    });

    it('downloads the routes as GeoJSON and CSV in the API’s formats, and the map as a PNG', async () => {
      const download = async (trigger: () => Promise<void>) => {
        const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
        return readFileSync((await file.path())!);
      };
      const geojson = JSON.parse(
        (await download(() => page.locator('[data-export="geojson"]').click())).toString('utf8'),
      ) as { type: string; features: { geometry: { type: string } }[] };
      expect(geojson.type).toBe('FeatureCollection');
      expect(geojson.features.some((feature) => feature.geometry.type === 'LineString')).toBe(true);
      const csv = (await download(() => page.locator('[data-export="csv"]').click())).toString('utf8');
      const lines = csv.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(3);
      const columns = lines[0]!.split(',').length;
      expect(columns).toBeGreaterThan(4);
      expect(lines[0]).toMatch(/\broute\b/);
      const png = await download(() => page.getByRole('button', { name: 'Download the map as a PNG image' }).click());
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    });
  });
});
