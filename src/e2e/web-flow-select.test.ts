import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../data/paths.js';
import { CHROMIUM_PATH, hasChromium } from '../test-support/chromium.js';
import { startWebAppHarness, type WebAppHarness } from '../test-support/web-app-harness.js';

const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts', 'flow-select');

const SIZES = [
  { name: 'phone', width: 390, height: 844, maxPx: 9 },
  { name: 'desktop', width: 1440, height: 900, maxPx: 16 },
] as const;

interface FlowFeature {
  geometry: { coordinates: [number, number][] };
  properties: { link: string; total_mt: number };
}

/** What the page says about the flow layers, through the map the app exposes for tests. */
type MapHandle = {
  project(lngLat: [number, number]): { x: number; y: number };
  queryRenderedFeatures(
    pointOrOptions?: unknown,
    options?: { layers: string[] },
  ): { layer: { id: string }; properties: Record<string, unknown> }[];
};

/** The little of the page's globals these checks use: the test's TypeScript has no DOM types. */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface PageGlobals {
  caravanMap: MapHandle & { once(event: string, listener: () => void): void; triggerRepaint(): void };
  document: {
    querySelector(selector: string): { getBoundingClientRect(): Box } | null;
    elementFromPoint(x: number, y: number): unknown;
  };
}

describe.skipIf(!hasChromium)(`selecting corridors in the flows view (${CHROMIUM_PATH})`, { timeout: 240_000 }, () => {
  let app: WebAppHarness;
  let flows: FlowFeature[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startWebAppHarness({ shipments: 200, seed: 'flow-select' });
  }, 180_000);

  afterAll(() => app?.close());

  /**
   * A pixel of the map where the topmost thing drawn is this run's busiest flow line with a corridor, clear of the
   * legend and controls: the middle, on screen, of one of its links.
   */
  async function flowLinePixel(page: Page): Promise<{ x: number; y: number; link: string; corridors: string }> {
    const candidates = flows
      .filter((feature) => feature.properties.total_mt > 0.5)
      .sort((a, b) => b.properties.total_mt - a.properties.total_mt)
      .map((feature) => ({ link: feature.properties.link, coordinates: feature.geometry.coordinates }));
    const found = await page.evaluate((links) => {
      const { caravanMap: map, document } = globalThis as unknown as PageGlobals;
      const canvas = document.querySelector('#map canvas')!;
      const box = canvas.getBoundingClientRect();
      for (const { link, coordinates } of links) {
        const middle = Math.floor((coordinates.length - 1) / 2);
        const [a, b] = [map.project(coordinates[middle]!), map.project(coordinates[middle + 1]!)];
        const point = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        const [x, y] = [box.left + point.x, box.top + point.y];
        if (x < box.left + 20 || y < box.top + 20 || x > box.right - 20 || y > box.bottom - 20) continue;
        if (document.elementFromPoint(x, y) !== canvas) continue;
        const [top] = map.queryRenderedFeatures([point.x, point.y]);
        if (top?.layer.id !== 'flow-lines' || top.properties['id'] !== link) continue;
        const corridors = String(top.properties['corridors']);
        if (corridors === ';;') continue;
        return { x, y, link, corridors };
      }
      return undefined;
    }, candidates);
    expect(found, 'a flow line with a corridor on screen').toBeDefined();
    return found!;
  }

  const selectedRows = (page: Page) =>
    page.locator('#flow-corridors tbody tr.selected').evaluateAll((rows) => rows.map((row) => row.dataset['corridor']));

  /** The highlight layer's features once the map has settled (MapLibre draws after the filter changes). */
  const highlighted = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const map = (globalThis as unknown as PageGlobals).caravanMap;
          const read = () =>
            resolve(
              map
                .queryRenderedFeatures(undefined, { layers: ['flow-selected'] })
                .map((feature) => String(feature.properties['corridors'])),
            );
          map.once('idle', read);
          map.triggerRepaint();
        }),
    );

  async function openFlows(page: Page, path: string) {
    await page.goto(app.url(path));
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#flow-corridors').waitFor({ timeout: 120_000 });
    await page.locator('#map[data-rendered-flow-features]').waitFor({ timeout: 60_000 });
  }

  it.each(SIZES)(
    'selects a corridor from its flow line and from its row at $width×$height, kept in the address',
    async (size) => {
      const page = await app.browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.setViewportSize({ width: size.width, height: size.height });
      await openFlows(page, '/flows?scenario=trend-2027');
      // The run's flows as the API serves them once the page has run it: the geometry to find a line's pixel from.
      flows ??= (
        (await (await fetch(app.url('/api/scenarios/trend-2027/flows'))).json()) as { features: FlowFeature[] }
      ).features;

      // Widths stay readable: none wider than the scale's widest, and the legend's widest swatch is the widest drawn.
      const widths = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).caravanMap
          .queryRenderedFeatures(undefined, { layers: ['flow-lines'] })
          .map((feature) => Number(feature.properties['width'])),
      );
      const swatches = await page
        .locator('#legend .legend-line')
        .evaluateAll((lines) =>
          lines.map((line) =>
            parseFloat(
              (line as unknown as { style: { getPropertyValue(name: string): string } }).style.getPropertyValue(
                '--swatch-width',
              ),
            ),
          ),
        );
      const drawnMax = Math.max(...widths);
      expect(drawnMax).toBeLessThanOrEqual(size.maxPx);
      expect(Math.min(...widths)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...swatches.filter((width) => !Number.isNaN(width)))).toBeCloseTo(drawnMax, 3);

      // A click on a flow line selects the corridors of its link: their rows, the address, the outline, a popup.
      const target = await flowLinePixel(page);
      const corridors = target.corridors.split(';').filter((id) => id !== '');
      await page.mouse.click(target.x, target.y);
      const popup = page.locator('.flow-popup');
      await popup.waitFor();
      await expect(popup.getAttribute('data-link')).resolves.toBe(target.link);
      await expect(popup.textContent()).resolves.toMatch(/Mt\/yr.*Capacity.*v\/c.*Source/s);
      // Within the map side to side, on a phone too (MapLibre anchors a popup at its side, it does not shrink it).
      const popupBox = (await page.locator('.maplibregl-popup:has(.flow-popup)').boundingBox())!;
      const mapBox = (await page.locator('#map').boundingBox())!;
      expect(popupBox.x).toBeGreaterThanOrEqual(mapBox.x);
      expect(popupBox.x + popupBox.width).toBeLessThanOrEqual(mapBox.x + mapBox.width + 0.5);
      await expect.poll(() => selectedRows(page)).toEqual(expect.arrayContaining(corridors));
      expect(await selectedRows(page)).toHaveLength(corridors.length);
      expect(new URL(page.url()).searchParams.get('corridor')?.split(',').sort()).toEqual([...corridors].sort());
      const outlined = await highlighted(page);
      expect(outlined.length).toBeGreaterThan(0);
      expect(outlined.every((key) => corridors.some((id) => key.includes(`;${id};`)))).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `${size.name}-clicked.png`) });

      // Reload: the same selection, from the address alone.
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await page.locator('#flow-corridors').waitFor({ timeout: 120_000 });
      await expect.poll(() => selectedRows(page), { timeout: 30_000 }).toEqual(expect.arrayContaining(corridors));
      await expect.poll(async () => (await highlighted(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);

      // A row chosen from the keyboard: the same selection on the map and in the address.
      const other = (await page
        .locator('#flow-corridors tbody tr')
        .evaluateAll(
          (rows, taken) => rows.map((row) => row.dataset['corridor']!).find((id) => !taken.includes(id)),
          corridors,
        ))!;
      const button = page.locator(`#flow-corridors button[data-corridor="${other}"]`);
      await button.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => selectedRows(page)).toEqual([other]);
      await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
      expect(new URL(page.url()).searchParams.get('corridor')).toBe(other);
      await expect.poll(async () => (await highlighted(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);
      expect((await highlighted(page)).every((key) => key.includes(`;${other};`))).toBe(true);
      await expect(page.locator('#legend').textContent()).resolves.toContain('Selected:');
      await page.screenshot({ path: join(ARTIFACTS, `${size.name}-row.png`) });
      if (size.name === 'phone')
        await page.locator('#panel').screenshot({ path: join(ARTIFACTS, 'phone-row-panel.png') });

      // Back: the selection made on the map before.
      await page.goBack();
      await expect.poll(() => selectedRows(page)).toEqual(expect.arrayContaining(corridors));
      expect(new URL(page.url()).searchParams.get('corridor')?.split(',').sort()).toEqual([...corridors].sort());
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
