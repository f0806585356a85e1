import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
import type { MixedJob, MixedPhaseOutput } from './api-mixed-load-client.js';
import { latencyIn, LoopDelaySampler, mallocHeapsMiB } from './api-mixed-load-figures.js';
import { writeResults } from './harness.js';

/**
 * `npm run bench:api-mixed` (and the second half of `npm run bench:api`): the server under mixed load while a large
 * import runs, as `caravan serve` runs it (imports and store answers on its store worker threads). Two phases on
 * one server: a baseline of route, network and indicators requests on 50 connections for 60 s, then the same load
 * with a 50 MB shipments file (generated from a fixed seed) uploaded a few seconds in. The goal is the issue's: no
 * errors, route p99 under 100 ms while the import runs, and RSS growth under 10% over the import phase. On a busy
 * machine the baseline's p99 over the same window tells the machine's share of the p99 from the import's.
 * CARAVAN_BENCH_SHORT=1: a smoke run of 10 s with a 5 MB import (CARAVAN_BENCH_SECONDS and CARAVAN_BENCH_IMPORT_MB
 * override either). CARAVAN_BENCH_NO_TIME_DISTANCE=1 leaves the time-distance chart out of the indicators requests,
 * to tell its share of the figures from the import's.
 */
const SHORT = process.env['CARAVAN_BENCH_SHORT'] === '1';
const SECONDS = Number(process.env['CARAVAN_BENCH_SECONDS'] ?? (SHORT ? 10 : 60));
const IMPORT_MB = Number(process.env['CARAVAN_BENCH_IMPORT_MB'] ?? (SHORT ? 5 : 50));
/** A generated checkpoint row is about 147 bytes. */
const BYTES_PER_ROW = 147;
/** Shipments in the store before the load, so that indicators have something to compute. */
const STORED_ROWS = SHORT ? 5_000 : 50_000;
const TIME_DISTANCE = process.env['CARAVAN_BENCH_NO_TIME_DISTANCE'] !== '1';
const IMPORT_AFTER_SECONDS = 3;
const CONNECTIONS = { route: 30, network: 10, indicators: 10 };
const GOAL = { errors: 0, routeP99MsDuringImport: 100, rssGrowth: 0.1 };
const CLIENT_SCRIPT = fileURLToPath(new URL('./api-mixed-load-client.js', import.meta.url));
const MIB = 2 ** 20;

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const PREPARE = 'CARAVAN_BENCH_MIXED_PREPARE';

/**
 * The files and the store, made in a child process (this script again): 50 MB of generated rows would otherwise sit
 * in this process's heap, which is the server's, and make its RSS before the load a poor base for the growth.
 */
async function prepare(folder: string): Promise<void> {
  const storedFile = join(folder, 'stored.csv');
  await writeShipmentsCsv(storedFile, generateShipments(network, { rows: STORED_ROWS, seed: 'bench-mixed-stored' }));
  await writeShipmentsCsv(
    join(folder, 'import.csv'),
    generateShipments(network, { rows: Math.round((IMPORT_MB * 1e6) / BYTES_PER_ROW), seed: 'bench-mixed-import' }),
  );
  const token = await Store.using(join(folder, 'store.sqlite'), async (store) => {
    await importShipmentsFile(store, network, storedFile);
    return (await store.tokens.create('bench', 'steward')).token;
  });
  process.stdout.write(token);
}

const preparing = process.env[PREPARE];
if (preparing !== undefined) {
  await prepare(preparing);
  process.exit(0);
}
const folder = mkdtempSync(join(tmpdir(), 'caravan-bench-mixed-'));
const importFile = join(folder, 'import.csv');
const storePath = join(folder, 'store.sqlite');
const token = execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
  env: { ...process.env, [PREPARE]: folder },
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});

const random = seededRandom('bench-mixed-pairs');
const places = network.nodes.map((node) => node.id);
const routeCandidates: string[] = [];
while (routeCandidates.length < 150) {
  const [from, to] = [pick(random, places), pick(random, places)];
  if (from !== to) routeCandidates.push(`/api/route?from=${from}&to=${to}&alternatives=3&format=table`);
}

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

/** Every path once (graphs compiled, answers kept); the route pairs the network has no route for are left out. */
async function warmUp(paths: string[]): Promise<{ ok: string[]; failed: string[] }> {
  const ok: string[] = [];
  const failed: string[] = [];
  for (const path of paths) {
    const response = await fetch(`${url}${path}`);
    await response.arrayBuffer();
    (response.ok ? ok : failed).push(path);
  }
  return { ok, failed };
}

function runLoad(job: MixedJob): Promise<MixedPhaseOutput> {
  return new Promise<MixedPhaseOutput>((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(JSON.stringify(job));
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(text) as MixedPhaseOutput)
        : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

/** One phase of load: what the clients saw, and the server process's RSS, CPU time and event-loop delay. */
async function phase(groups: MixedJob['groups'], withImport: boolean) {
  const loop = new LoopDelaySampler();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 250);
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const loadAverageBefore = loadavg()[0]!;
  const load = await runLoad({
    url,
    token,
    seconds: SECONDS,
    importAfterSeconds: IMPORT_AFTER_SECONDS,
    groups,
    ...(withImport ? { importFile } : {}),
  });
  clearInterval(sampler);
  loop.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const rssAfter = process.memoryUsage.rss();
  // The server thread's share of the RSS at the end: what is left is native memory and the worker threads'.
  const main = process.memoryUsage();
  // And after 10 s without load: threads that end after 5 s idle have given their heaps back, so what remains is held.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const rssSettled = process.memoryUsage.rss();
  const mallocHeaps = mallocHeapsMiB();
  // Route pairs answering 404 were left out at the warm-up: every response must be 2xx; timeouts are among errors.
  const errors =
    load.groups.reduce((sum, group) => sum + group.errors + group.non2xx, 0) +
    (load.import === undefined || load.import.status === 200 ? 0 : 1);
  return {
    load,
    errors,
    loop,
    rss: {
      beforeMiB: rssBefore / MIB,
      afterMiB: rssAfter / MIB,
      peakMiB: peak / MIB,
      growth: rssAfter / rssBefore - 1,
      settledMiB: rssSettled / MIB,
      ...(mallocHeaps && { mallocHeapsSettledMiB: mallocHeaps }),
      serverThreadAtEndMiB: {
        heapTotal: main.heapTotal / MIB,
        heapUsed: main.heapUsed / MIB,
        external: main.external / MIB,
        arrayBuffers: main.arrayBuffers / MIB,
      },
    },
    serverCpuSeconds: (cpu.user + cpu.system) / 1e6,
    loadGeneratorCpuSeconds: load.cpuSeconds,
    loadAverage1m: { before: loadAverageBefore, after: loadavg()[0]! },
  };
}

try {
  const routes = await warmUp(routeCandidates);
  const others = await warmUp([
    '/api/network/summary',
    '/api/nodes?q=a',
    '/api/indicators',
    '/api/indicators?by=month',
    '/api/indicators?corridor=kti',
    ...(TIME_DISTANCE ? ['/api/indicators/time-distance'] : []),
  ]);
  if (others.failed.length > 0) throw new Error(`warm-up failed: ${others.failed.join(', ')}`);
  const groups = [
    { name: 'route', connections: CONNECTIONS.route, paths: routes.ok },
    { name: 'network', connections: CONNECTIONS.network, paths: others.ok.slice(0, 2) },
    { name: 'indicators', connections: CONNECTIONS.indicators, paths: others.ok.slice(2) },
  ];

  const baseline = await phase(groups, false);
  const loaded = await phase(groups, true);
  const imported = loaded.load.import!;
  // The import's window, as offsets from its phase's start, and the same window of the baseline phase; cut at the
  // end of the load if the import outlasts it.
  const window = {
    fromMs: imported.start - loaded.load.loadStart,
    toMs: Math.min(imported.end, loaded.load.loadEnd) - loaded.load.loadStart,
  };
  const routeDuringImport = latencyIn(loaded.load.route, window);
  const routeBaselineWindow = latencyIn(baseline.load.route, window);
  const routeP99 = routeDuringImport.latencyMs?.p99 ?? NaN;
  const errors = baseline.errors + loaded.errors;
  const goalMet = errors === 0 && routeP99 < GOAL.routeP99MsDuringImport && loaded.rss.growth < GOAL.rssGrowth;
  const summary = (run: Awaited<ReturnType<typeof phase>>) => ({
    errors: run.errors,
    groups: run.load.groups,
    route: latencyIn(run.load.route, { fromMs: 0, toMs: Infinity }),
    serverEventLoopDelayMs: run.loop.summary(0, Infinity),
    rss: run.rss,
    serverCpuSeconds: run.serverCpuSeconds,
    loadGeneratorCpuSeconds: run.loadGeneratorCpuSeconds,
    loadAverage1m: run.loadAverage1m,
  });
  const path = writeResults('api-mixed', {
    setup: {
      server: `startServer in the bench process with a SQLite store of ${STORED_ROWS} checkpoint rows and ${STORE_WORKERS} store worker threads (as caravan serve), bundled network, loopback`,
      loadGenerator:
        'autocannon in a child process: one instance per group of requests, closed loop; the import uploaded by fetch',
      phases:
        'baseline (no import), then the same load with the import started importAfterSeconds in; same server, same store',
      short: SHORT,
      seconds: SECONDS,
      connections: CONNECTIONS,
      routePaths: routes.ok.length,
      indicatorPaths: others.ok.slice(2),
      importAfterSeconds: IMPORT_AFTER_SECONDS,
      rss: 'the bench process (server and its worker threads) at the start and end of each phase, its peak, 10 s after the load (settledMiB) and the server thread heap at the end; malloc heaps of glibc 10 s after the load (mallocHeapsSettledMiB: the main arena and the arenas of other threads)',
      mallocArenaMax: process.env['MALLOC_ARENA_MAX'] ?? 'unset (glibc: 8 per core)',
    },
    goal: GOAL,
    goalMet,
    machine: { cpus: availableParallelism(), loadAverage1mAtEnd: loadavg()[0] },
    errors,
    import: {
      megabytes: imported.bytes / 1e6,
      status: imported.status,
      seconds: (imported.end - imported.start) / 1000,
      finishedWithinLoad: imported.end <= loaded.load.loadEnd,
      answer: imported.answer,
    },
    importWindowMs: window,
    routeDuringImport,
    routeBaselineSameWindow: routeBaselineWindow,
    serverEventLoopDelayMs: {
      duringImport: loaded.loop.summary(window.fromMs + loaded.load.loadStart, window.toMs + loaded.load.loadStart),
      baselineSameWindow: baseline.loop.summary(
        window.fromMs + baseline.load.loadStart,
        window.toMs + baseline.load.loadStart,
      ),
    },
    baseline: summary(baseline),
    withImport: summary(loaded),
  });
  const p99 = (figures: ReturnType<typeof latencyIn>) => figures.latencyMs?.p99.toFixed(1) ?? '-';
  console.log(
    `import of ${(imported.bytes / 1e6).toFixed(1)} MB: ${imported.status} in ${((imported.end - imported.start) / 1000).toFixed(1)} s; errors ${errors} (baseline ${baseline.errors}, with import ${loaded.errors})`,
  );
  for (const [name, run] of [
    ['baseline', baseline],
    ['with import', loaded],
  ] as const)
    console.log(
      `${name}: ${run.load.groups.map((group) => `${group.name} ${group.requests} req p99 ${group.latencyMs.p99} ms`).join(', ')}; server CPU ${run.serverCpuSeconds.toFixed(1)} s, load generator ${run.loadGeneratorCpuSeconds.toFixed(1)} s; load average ${run.loadAverage1m.before.toFixed(2)} → ${run.loadAverage1m.after.toFixed(2)}`,
    );
  console.log(
    `route during the import: ${routeDuringImport.requests} requests, p99 ${p99(routeDuringImport)} ms (goal < ${GOAL.routeP99MsDuringImport} ms); baseline over the same window: p99 ${p99(routeBaselineWindow)} ms`,
  );
  console.log(
    `RSS over the import phase ${loaded.rss.beforeMiB.toFixed(0)} → ${loaded.rss.afterMiB.toFixed(0)} MiB (${(loaded.rss.growth * 100).toFixed(1)}%, goal < ${GOAL.rssGrowth * 100}%); goal ${goalMet ? 'met' : 'NOT met'}`,
  );
  console.log(`wrote ${path}`);
  if (!goalMet) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}
