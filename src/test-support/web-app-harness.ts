import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { writeShipmentsCsv } from '../data/shipments-csv.js';
import { generateShipments } from '../monitoring/generate.js';
import { startServer, type RunningServer } from '../server/listen.js';
import { catalogFor } from '../server/scenarios/catalog.js';
import { importShipmentsFile } from '../store/import-shipments.js';
import { Store } from '../store/store.js';
import { launchChromium } from './chromium.js';

/** The web app as a browser test drives it: served on a free port over a fresh store, and Chromium. */
export interface WebAppHarness {
  server: RunningServer;
  browser: Awaited<ReturnType<typeof launchChromium>>;
  /** The test's own folder, removed by close(); the store is `db` in it. */
  scratch: string;
  db: string;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Builds the app if its sources changed (as `npm start` does), opens a store in a temporary folder with `shipments`
 * synthetic shipment records (so that the monitoring views have indicators), serves the bundled network's API and
 * app over it, and launches Chromium.
 */
export async function startWebAppHarness(options: { shipments: number; seed: string }): Promise<WebAppHarness> {
  execFileSync(process.execPath, [join(PACKAGE_ROOT, 'web', 'build-if-stale.mjs')], { stdio: 'ignore' });
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  const scratch = mkdtempSync(join(tmpdir(), 'caravan-e2e-'));
  const db = join(scratch, 'store.sqlite');
  const store = await Store.open(db);
  const shipments = join(scratch, 'synthetic-shipments.csv');
  await writeShipmentsCsv(shipments, generateShipments(network, { rows: options.shipments, seed: options.seed }), [
    'SYNTHETIC DATA for tests',
  ]);
  await importShipmentsFile(store, network, shipments);
  const server = await startServer({ network, host: '127.0.0.1', port: 0, store, scenarios: catalogFor(network) });
  const browser = await launchChromium();
  return {
    server,
    browser,
    scratch,
    db,
    url: (path) => new URL(path, server.url).href,
    async close() {
      await browser.close();
      await server.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
