import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { writeShipmentsCsv } from '../data/shipments-csv.js';
import { generateShipments } from '../monitoring/generate.js';
import { pick, seededRandom } from '../numeric/random.js';
import { startServer } from '../server/listen.js';
import { STORE_WORKERS } from '../server/monitoring/store-workers.js';
import { importShipmentsFile } from '../store/import-shipments.js';
import { Store } from '../store/store.js';
import { writeResults } from './harness.js';

/**
 * `npm run bench:api-mixed`: the server under mixed load while a large import runs. Route, network and indicators
 * requests on 50 connections for 60 s (CARAVAN_BENCH_SECONDS), and a 50 MB shipments file (CARAVAN_BENCH_IMPORT_MB)
 * uploaded a few seconds in, as `caravan serve` runs it: imports and indicators on its store worker threads. The
 * goal is the issue's: no errors, route p99 under 100 ms while the import runs, and the process's RSS at the end
 * within 10% of what it was when the load began.
 */
const SECONDS = Number(process.env['CARAVAN_BENCH_SECONDS'] ?? 60);
const IMPORT_MB = Number(process.env['CARAVAN_BENCH_IMPORT_MB'] ?? 50);
/** A generated checkpoint row is about 134 bytes. */
const BYTES_PER_ROW = 134;
/** Shipments in the store before the load, so that indicators have something to compute. */
const STORED_ROWS = 50_000;
const IMPORT_AFTER_SECONDS = 3;
const CONNECTIONS = { route: 30, network: 10, indicators: 10 };
const GOAL = { errors: 0, routeP99MsDuringImport: 100, rssGrowth: 0.1 };
const CLIENT_SCRIPT = fileURLToPath(new URL('./mixed-load-client.js', import.meta.url));

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const folder = mkdtempSync(join(tmpdir(), 'caravan-bench-mixed-'));
const storedFile = join(folder, 'stored.csv');
const importFile = join(folder, 'import.csv');
await writeShipmentsCsv(storedFile, generateShipments(network, { rows: STORED_ROWS, seed: 'bench-mixed-stored' }));
await writeShipmentsCsv(
  importFile,
  generateShipments(network, { rows: Math.round((IMPORT_MB * 1e6) / BYTES_PER_ROW), seed: 'bench-mixed-import' }),
);
const storePath = join(folder, 'store.sqlite');
const token = await Store.using(storePath, async (store) => {
  await importShipmentsFile(store, network, storedFile);
  return (await store.tokens.create('bench', 'steward')).token;
});

const random = seededRandom('bench-mixed-pairs');
const places = network.nodes.map((node) => node.id);
const routePaths: string[] = [];
while (routePaths.length < 150) {
  const [from, to] = [pick(random, places), pick(random, places)];
  if (from !== to) routePaths.push(`/api/route?from=${from}&to=${to}&alternatives=3&format=table`);
}
const groups = [
  { name: 'route', connections: CONNECTIONS.route, paths: routePaths },
  { name: 'network', connections: CONNECTIONS.network, paths: ['/api/network/summary', '/api/nodes?q=a'] },
  {
    name: 'indicators',
    connections: CONNECTIONS.indicators,
    paths: ['/api/indicators', '/api/indicators?by=month', '/api/indicators?corridor=kti'],
  },
];

const server = await startServer({
  network,
  store: await Store.open(storePath),
  storeWorkers: STORE_WORKERS,
  webAppDir: '/nonexistent',
  host: '127.0.0.1',
  port: 0,
  // One client at full speed: the per-client limit would measure the limiter, not the server.
  limits: { requestsPerMinute: 1e9 },
});
const url = server.url.replace(/\/$/, '');
try {
  // Warm-up: every path once (graphs compiled, the indicators computed on the worker threads and kept).
  const refused: string[] = [];
  for (const path of groups.flatMap((group) => group.paths)) {
    const response = await fetch(`${url}${path}`);
    await response.arrayBuffer();
    if (response.status >= 500 || (response.status >= 400 && !path.startsWith('/api/route'))) refused.push(path);
  }
  if (refused.length > 0) throw new Error(`warm-up failed: ${refused.join(', ')}`);

  const rss: { at: number; bytes: number }[] = [];
  const sampler = setInterval(() => rss.push({ at: Date.now(), bytes: process.memoryUsage.rss() }), 250);
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const job = { url, token, seconds: SECONDS, importFile, importAfterSeconds: IMPORT_AFTER_SECONDS, groups };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(JSON.stringify(job));
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const rssAfter = process.memoryUsage.rss();
  const load = JSON.parse(output) as {
    import: { status: number; seconds: number; bytes: number; answer: Record<string, unknown> };
    groups: { name: string; non2xx: number; errors: number; timeouts: number; latencyMs: { p99: number } }[];
    routeDuringImport: { requests: number; latencyMs?: { p50: number; p99: number; max: number } };
  };
  // Route pairs with no route answer 404 by design; the other groups must all be 2xx. autocannon counts timeouts among
  // its errors.
  const errors =
    load.groups.reduce((sum, group) => sum + group.errors + (group.name === 'route' ? 0 : group.non2xx), 0) +
    (load.import.status === 200 ? 0 : 1);
  const routeP99 = load.routeDuringImport.latencyMs?.p99 ?? NaN;
  const rssGrowth = rssAfter / rssBefore - 1;
  const goalMet = errors === 0 && routeP99 < GOAL.routeP99MsDuringImport && rssGrowth < GOAL.rssGrowth;
  const machine = { cpus: availableParallelism(), loadAverage1m: loadavg()[0] };
  const path = writeResults('api-mixed', {
    setup: {
      server: `startServer in the bench process with a SQLite store of ${STORED_ROWS} checkpoint rows and ${STORE_WORKERS} store worker threads (as caravan serve), bundled network, loopback`,
      loadGenerator: 'autocannon in a child process: one instance per group of requests; the import uploaded by fetch',
      seconds: SECONDS,
      connections: CONNECTIONS,
      importAfterSeconds: IMPORT_AFTER_SECONDS,
      rss: 'this process (server and its worker threads) at the start and end of the load, and its peak',
    },
    goal: GOAL,
    goalMet,
    machine,
    errors,
    import: { ...load.import, megabytes: statSync(importFile).size / 1e6 },
    groups: load.groups,
    routeDuringImport: load.routeDuringImport,
    rss: {
      beforeMiB: rssBefore / 2 ** 20,
      afterMiB: rssAfter / 2 ** 20,
      peakMiB: Math.max(...rss.map((sample) => sample.bytes)) / 2 ** 20,
      growth: rssGrowth,
    },
    serverCpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
  console.log(
    `import of ${(load.import.bytes / 1e6).toFixed(1)} MB: ${load.import.status} in ${load.import.seconds.toFixed(1)} s; errors ${errors}`,
  );
  for (const group of load.groups)
    console.log(
      `${group.name}: p99 ${group.latencyMs.p99} ms, non-2xx ${group.non2xx}, errors ${group.errors}, timeouts ${group.timeouts}`,
    );
  console.log(
    `route during the import: ${load.routeDuringImport.requests} requests, p99 ${routeP99} ms (goal < ${GOAL.routeP99MsDuringImport} ms)`,
  );
  console.log(
    `RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB (${(rssGrowth * 100).toFixed(1)}%, goal < ${GOAL.rssGrowth * 100}%); goal ${goalMet ? 'met' : 'NOT met'}`,
  );
  console.log(`machine: ${machine.cpus} cores, load average ${machine.loadAverage1m!.toFixed(2)} (1 min)`);
  console.log(`wrote ${path}`);
  if (!goalMet) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}
