import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { startServer, type RunningServer } from '../server/listen.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test-support/chromium.js';

/** Screenshots for people to look at, kept by CI as artefacts (git-ignored). */
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
  /** Requests to anywhere but the app's own origin: there must be none (offline basemap, no CDN, no telemetry). */
  const elsewhere: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // The app as `npm start` serves it: rebuilt here only if its sources changed since the last build.
    execFileSync(process.execPath, [join(PACKAGE_ROOT, 'web', 'build-if-stale.mjs')], { stdio: 'ignore' });
    mkdirSync(ARTIFACTS, { recursive: true });
    const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
    server = await startServer({ network, host: '127.0.0.1', port: 0 });
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
  });

  async function pickPlace(label: string, typed: string, optionName: RegExp) {
    const input = page.getByRole('combobox', { name: label, exact: true });
    await input.fill('');
    await input.pressSequentially(typed);
    await page.getByRole('option', { name: optionName }).first().waitFor();
    await input.press('ArrowDown');
    await input.press('Enter');
  }

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

  it('switches to the network view with the arrow keys', async () => {
    await page.getByRole('tab', { name: 'Route planner' }).focus();
    await page.keyboard.press('ArrowRight');
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
