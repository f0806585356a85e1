import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { startServer } from '../server/listen.js';
import { writeResults } from './harness.js';

/**
 * `npm run bench:api`: what one route request costs the server. The server runs in this process and the load
 * generator (autocannon) in a child, so this process's user+system CPU over a load phase, divided by the requests
 * answered, is the server's CPU per request, HTTP parsing and JSON included. GET /api/health, measured the same way
 * in the same run, is the floor any request pays. Bounded: about 15 s of load in all.
 */

/** Origin–destination pairs the route requests cycle through: the corridor questions people ask. */
const PAIRS: readonly [string, string][] = [
  ['almaty', 'bandar-abbas'],
  ['tashkent', 'chabahar'],
  ['urumqi', 'bandar-abbas'],
  ['bishkek', 'tehran'],
  ['ashgabat', 'bandar-anzali'],
  ['dushanbe', 'chabahar'],
  ['aktau', 'mashhad'],
  ['samarkand', 'bandar-abbas'],
];
/** The request the goal is set for: three alternatives, as the text report the CLI prints. */
const ROUTE_PATHS = PAIRS.map(([from, to]) => `/api/route?from=${from}&to=${to}&alternatives=3&format=table`);
/** The same routes as JSON, as the web app asks (without GeoJSON, which it asks for only when it draws a map). */
const JSON_PATHS = PAIRS.map(([from, to]) => `/api/route?from=${from}&to=${to}&alternatives=3`);
const CONNECTIONS = 16;
const HEALTH_SECONDS = 3;
const ROUTE_SECONDS = 6;
const GOAL = { serverCpuMsPerRouteRequest: 0.3, requestsPerSecond: 2000, p99Ms: 50 };
const LOAD_SCRIPT = fileURLToPath(new URL('./api-load.js', import.meta.url));

interface LoadSummary {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs one load phase in a child process; returns its summary and the CPU this (server) process spent meanwhile. */
async function loadPhase(url: string, paths: readonly string[], seconds: number) {
  const job = JSON.stringify({ url, paths, connections: CONNECTIONS, seconds });
  const before = process.cpuUsage();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [LOAD_SCRIPT, job], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
  const cpu = process.cpuUsage(before);
  const load = JSON.parse(output) as LoadSummary;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    requestsPerSecond: Math.round(load.requestsPerSecond),
    latencyMs: load.latencyMs,
    requests: load.requests,
    serverCpuMs: Math.round(cpuMs),
    serverCpuMsPerRequest: load.requests > 0 ? cpuMs / load.requests : NaN,
    non2xx: load.non2xx,
    errors: load.errors,
    timeouts: load.timeouts,
  };
}

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const server = await startServer({ network, webAppDir: '/nonexistent', host: '127.0.0.1', port: 0 });
const url = server.url.replace(/\/$/, '');
try {
  // Warm-up: compiles the graph, fills the reliability memo and lets the JIT settle, so what follows measures
  // cached-graph queries.
  for (const path of [...ROUTE_PATHS, ...JSON_PATHS]) {
    const response = await fetch(`${url}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  await loadPhase(url, ROUTE_PATHS, 1);

  const health = await loadPhase(url, ['/api/health'], HEALTH_SECONDS);
  const route = await loadPhase(url, ROUTE_PATHS, ROUTE_SECONDS);
  const routeJson = await loadPhase(url, JSON_PATHS, HEALTH_SECONDS);
  const goalMet =
    route.serverCpuMsPerRequest <= GOAL.serverCpuMsPerRouteRequest &&
    route.requestsPerSecond >= GOAL.requestsPerSecond &&
    route.latencyMs.p99 < GOAL.p99Ms;
  const ratio = route.serverCpuMsPerRequest / health.serverCpuMsPerRequest;
  const path = writeResults('api', {
    setup: {
      server: 'buildServer in the bench process (no web app, no store), bundled network, loopback',
      loadGenerator: 'autocannon in a child process',
      cpu: 'server process user+system CPU over the load phase / requests answered',
      connections: CONNECTIONS,
      routeQueries: ROUTE_PATHS,
      routeQueryNote: 'best 3 routes by time with their P50/P90 (simulations memoized per route), text table',
    },
    goal: GOAL,
    goalMet,
    route,
    routeJson,
    baselines: { health },
    ratios: { routeCpuPerRequestVsHealth: ratio },
  });
  const line = (name: string, phase: typeof route) =>
    `${name}: ${phase.serverCpuMsPerRequest.toFixed(3)} ms server CPU/request, ${phase.requestsPerSecond} req/s, p99 ${phase.latencyMs.p99} ms`;
  console.log(
    `${line('GET /api/route (k=3, table)', route)} (goal ≤ ${GOAL.serverCpuMsPerRouteRequest} ms, ≥ ${GOAL.requestsPerSecond} req/s, p99 < ${GOAL.p99Ms} ms: ${goalMet ? 'met' : 'NOT met'})`,
  );
  console.log(line('GET /api/route (k=3, json)', routeJson));
  console.log(`${line('GET /api/health (baseline)', health)}; route/health CPU ${ratio.toFixed(1)}×`);
  console.log(`wrote ${path}`);
  if ([route, routeJson, health].some((phase) => phase.non2xx > 0 || phase.errors > 0)) process.exitCode = 1;
} finally {
  await server.close();
}
