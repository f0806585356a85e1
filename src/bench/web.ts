import type { Socket } from 'node:net';
import type { CDPSession } from 'playwright-core';
import { launchChromium, hasChromium, CHROMIUM_PATH } from '../browser/chromium.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { startServer } from '../server/listen.js';
import { writeResults } from './harness.js';

/**
 * `npm run bench:web`: what a first visit to the web app costs. Each load is cold (a fresh page, the browser cache
 * off) in Debian Chromium with software WebGL at 1440×900: the bytes that crossed the wire (everything the server's
 * sockets wrote during the load, headers included, the map's worker script too) and the time from navigation until the map had drawn the network (MapLibre's first idle
 * with the network layers, which the app writes on #map). The baseline, measured in the same run, is the same load
 * asking for no compression (Accept-Encoding: identity), which is what the server sent before.
 */
const BUDGET = { transferredBytes: 1_000_000, networkDrawnMs: 2000 };
const RUNS = 3;

interface Load {
  transferredBytes: number;
  requests: number;
  networkDrawnMs: number;
  /** What Chromium counts per kind of request on the page (the worker's own script is not among them). */
  byType: Record<string, number>;
  /** When the app reached each step (main.ts's performance marks), ms from navigation. */
  marks: Record<string, number>;
  /** The page's main-thread CPU until the network was drawn (CDP Performance metrics), ms. */
  cpu: Record<string, number>;
}

/** The CDP metrics that say where the main thread's time went: script, layout, style, all tasks. */
const CPU_METRICS = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration'];

async function coldLoad(
  context: Awaited<ReturnType<typeof launchChromium>>['context'],
  url: string,
  identity: boolean,
  written: () => number,
): Promise<Load> {
  const before = written();
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const byType: Record<string, number> = {};
  let requests = 0;
  // Playwright's request events include the map's worker script, which a CDP session on the page does not see.
  page.on('requestfinished', (request) => {
    void request.sizes().then((sizes) => {
      requests += 1;
      const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      byType[request.resourceType()] = (byType[request.resourceType()] ?? 0) + bytes;
    });
  });
  await page.goto(url);
  const drawn = await page.waitForSelector('#map[data-network-drawn]', { timeout: 60_000 });
  const networkDrawnMs = Number(await drawn.getAttribute('data-network-drawn'));
  const { metrics } = await cdp.send('Performance.getMetrics');
  const cpu = Object.fromEntries(
    metrics
      .filter((metric) => CPU_METRICS.includes(metric.name))
      .map((metric) => [metric.name, Math.round(metric.value * 1000)]),
  );
  const marks = Object.fromEntries(
    await page.evaluate(() =>
      performance.getEntriesByType('mark').map((mark) => [mark.name, Math.round(mark.startTime)] as [string, number]),
    ),
  );
  await page.waitForSelector('body[data-ready="true"]');
  // Whatever is still in flight (the country outline) belongs to the cold load too.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(200);
  await page.close();
  return { transferredBytes: written() - before, requests, networkDrawnMs, byType, marks, cpu };
}

const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!hasChromium) {
  console.error(`bench:web needs ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  process.exit(1);
}
const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const server = await startServer({ network, host: '127.0.0.1', port: 0 });
// Bytes on the wire, counted where they leave: every socket's bytesWritten, closed sockets' kept at their close.
let closedBytes = 0;
const sockets = new Set<Socket>();
server.app.server.on('connection', (socket: Socket) => {
  sockets.add(socket);
  socket.on('close', () => {
    closedBytes += socket.bytesWritten;
    sockets.delete(socket);
  });
});
const written = () => closedBytes + [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0);
const browser = await launchChromium({ width: 1440, height: 900 });
try {
  // One load first, not counted: the server's first answers compile its schemas and routes.
  await coldLoad(browser.context, server.url, false, written);
  const compressed: Load[] = [];
  const identity: Load[] = [];
  for (let run = 0; run < RUNS; run++) {
    compressed.push(await coldLoad(browser.context, server.url, false, written));
    identity.push(await coldLoad(browser.context, server.url, true, written));
  }
  const summary = (loads: Load[]) => ({
    transferredBytes: median(loads.map((load) => load.transferredBytes)),
    networkDrawnMs: median(loads.map((load) => load.networkDrawnMs)),
    requests: loads[0]!.requests,
    byType: loads[0]!.byType,
    runs: loads.map(({ transferredBytes, networkDrawnMs, marks, cpu }) => ({
      transferredBytes,
      networkDrawnMs,
      marks,
      cpu,
    })),
  });
  const result = summary(compressed);
  const baseline = summary(identity);
  const goalMet = result.transferredBytes <= BUDGET.transferredBytes && result.networkDrawnMs <= BUDGET.networkDrawnMs;
  const path = writeResults('web', {
    budget: BUDGET,
    goalMet,
    coldLoad: result,
    baselines: { uncompressedColdLoad: baseline },
    ratios: { transferredVsUncompressed: result.transferredBytes / baseline.transferredBytes },
    note: 'median of cold loads at 1440×900, Chromium with SwiftShader (software WebGL), server on loopback',
  });
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
  console.log(
    `cold load: ${kb(result.transferredBytes)} transferred (${result.requests} page requests and the map worker), network drawn at ${result.networkDrawnMs} ms (budget ${kb(BUDGET.transferredBytes)}, ${BUDGET.networkDrawnMs} ms: ${goalMet ? 'met' : 'NOT met'})`,
  );
  console.log(
    `baseline without compression: ${kb(baseline.transferredBytes)}, network drawn at ${baseline.networkDrawnMs} ms; compressed/uncompressed bytes ${result.transferredBytes / baseline.transferredBytes > 0 ? (result.transferredBytes / baseline.transferredBytes).toFixed(2) : '?'}`,
  );
  console.log(
    `by type: ${Object.entries(result.byType)
      .map(([type, bytes]) => `${type} ${kb(bytes)}`)
      .join(', ')}`,
  );
  const last = compressed[compressed.length - 1]!;
  console.log(
    `last load: marks ${Object.entries(last.marks)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(', ')}; main-thread CPU ${Object.entries(last.cpu)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(', ')}`,
  );
  console.log(`wrote ${path}`);
} finally {
  await browser.close();
  await server.close();
}
