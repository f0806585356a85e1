import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium } from '../test-support/chromium.js';
import { storeSmallSweep } from '../test-support/stored-sweep.js';
import { startWebAppHarness, type WebAppHarness } from '../test-support/web-app-harness.js';

/** The polylines' point counts and the legend's entries of a chart, read in the page (no DOM types here). */
const polylinePoints = (selector: string) =>
  `[...document.querySelectorAll('${selector} polyline')].map((line) => line.getAttribute('points').trim().split(/\\s+/).length)`;

describe.skipIf(!hasChromium)(`the web app's charts (${CHROMIUM_PATH})`, { timeout: 180_000 }, () => {
  let app: WebAppHarness;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startWebAppHarness({ shipments: 800, seed: 'charts' });
    page = await app.browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  }, 180_000);

  afterAll(() => app?.close());

  const url = (path: string) => app.url(path);

  it('draws the time-distance chart of the stored trips, with its axes and a legend entry per line', async () => {
    await page.goto(url('/monitoring'));
    await page.waitForSelector('body[data-ready="true"]');
    const chart = page.locator('#time-distance');
    await chart.waitFor({ timeout: 90_000 });
    const lines = (await page.evaluate(polylinePoints('#time-distance'))) as number[];
    expect(lines.length).toBeGreaterThan(0);
    // Each line has an arrival and a departure point per checkpoint, at least two checkpoints.
    for (const points of lines) expect(points).toBeGreaterThanOrEqual(4);
    await expect(chart.locator('circle').count()).resolves.toBeGreaterThan(0);
    await expect(chart.locator('.chart-legend li').count()).resolves.toBe(lines.length);
    await expect(chart.locator('.chart-legend li').first().textContent()).resolves.toMatch(
      / → .* · \d+ trips? SYNTHETIC$/,
    );
    const text = await chart.locator('svg').textContent();
    expect(text).toContain('km from the origin');
    expect(text).toContain('hours since departure');
    const box = await chart.locator('svg').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
  });

  it('says how to store a sweep when there is none, then draws the stored one: fans against the targets and a tornado', async () => {
    await page.goto(url('/sweeps'));
    await page.waitForSelector('#view-sweeps[data-loaded="true"]');
    await expect(page.locator('#sweeps-empty').textContent()).resolves.toContain(
      'caravan sweep run scenarios/sweeps/targets.yaml',
    );

    const { sweep } = await storeSmallSweep(app.scratch, app.db, 4);
    await page.reload();
    await page.locator('#sweep-fans').waitFor({ timeout: 60_000 });
    // A fan per measure with a target: a band, a median through both years, and a mark per target level.
    const fans = page.locator('#sweep-fans figure');
    expect(await fans.count()).toBeGreaterThan(0);
    const gateway = page.locator('#sweep-fans figure[data-measure="instc-east-gateway"]');
    await expect(gateway.locator('polygon.fan-band').count()).resolves.toBe(1);
    const medians = (await page.evaluate(
      polylinePoints('#sweep-fans figure[data-measure="instc-east-gateway"]'),
    )) as number[];
    expect(medians).toEqual([2]);
    const targets = await gateway.locator('.fan-target-label').allTextContents();
    expect(targets).toEqual([
      expect.stringMatching(/^target 15 Mt · P\(≥\) \d+%$/),
      expect.stringMatching(/^target 20 Mt · P\(≥\) \d+%$/),
    ]);
    await expect(page.locator('#sweep-fans .chart-legend').textContent()).resolves.toContain('P5–P95 of 4 samples');
    // The tornado: one bar per driver the API reports, of the measure and year chosen.
    const report = (await (await fetch(url(`/api/sweeps/${sweep.id}`))).json()) as {
      drivers: { measure: string; year: number; inputs: { label: string }[] }[];
    };
    const chosen = await page.getByRole('combobox', { name: 'Drivers of' }).inputValue();
    const drivers = report.drivers.find((d) => `${d.measure}:${d.year}` === chosen)!;
    const bars = page.locator('#sweep-tornado .tornado-bar');
    expect(drivers.inputs.length).toBeGreaterThan(0);
    await expect(bars.count()).resolves.toBe(drivers.inputs.length);
    await expect(page.locator('#sweep-tornado .tornado-label').allTextContents()).resolves.toEqual(
      drivers.inputs.map((input) => input.label),
    );
    const widest = await bars.first().boundingBox();
    expect(widest!.width).toBeGreaterThan(10);
    expect(new URL(page.url()).pathname).toBe('/sweeps');
    expect(errors).toEqual([]);
  });
});
