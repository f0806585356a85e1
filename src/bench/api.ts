import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { planRoutes } from '../routing/plan-routes.js';
import { routeQuerySchema } from '../routing/request-schema.js';
import { RouterCache } from '../server/router-cache.js';
import { writeResults } from './harness.js';

/**
 * `npm run bench:api`: route requests per second and latency of the HTTP API on the loopback address, against two
 * baselines measured in the same run: the cheapest request the server answers (GET /api/health), and the route
 * planner called in-process, without HTTP. The server runs in its own process, as `caravan serve`, so the load
 * generator does not share its event loop. Bounded: about 10 s of load in all.
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
const ROUTE_PATHS = PAIRS.map(([from, to]) => `/api/route?from=${from}&to=${to}`);
const CONNECTIONS = 16;
const HEALTH_SECONDS = 3;
const ROUTE_SECONDS = 6;
const GOAL = { requestsPerSecond: 2000, p99Ms: 50 };

async function startServerProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'), 'serve', '--port', '0', '--db', ':memory:'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Caravan web app: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`caravan serve exited with ${code} before listening`)));
  });
  return { child, url };
}

async function load(url: string, paths: readonly string[], seconds: number): Promise<Result> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
}

const summary = (result: Result) => ({
  requestsPerSecond: Math.round(result.requests.average),
  latencyMs: {
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
});

/** The same queries, planned in-process on a cached graph: what HTTP, validation and JSON add on top. */
function inProcessRoutesPerSecond(): number {
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  const routers = new RouterCache();
  const queries = PAIRS.map(([from, to]) => routeQuerySchema.parse({ from, to }));
  const plan = (index: number) =>
    planRoutes(network, queries[index % queries.length]!, (unit) => routers.routerFor(network, unit));
  for (let i = 0; i < 200; i++) plan(i);
  const start = process.hrtime.bigint();
  let count = 0;
  while (Number(process.hrtime.bigint() - start) < 1e9) plan(count++);
  return Math.round(count / (Number(process.hrtime.bigint() - start) / 1e9));
}

const { child, url } = await startServerProcess();
try {
  // Warm-up: compiles the graph, fills the reliability memo and lets the JIT settle, so what follows measures
  // cached-graph queries.
  for (const path of ROUTE_PATHS) {
    const response = await fetch(`${url}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  await load(url, ROUTE_PATHS, 1);

  const health = summary(await load(url, ['/api/health'], HEALTH_SECONDS));
  const route = summary(await load(url, ROUTE_PATHS, ROUTE_SECONDS));
  const inProcess = inProcessRoutesPerSecond();
  const goalMet = route.requestsPerSecond >= GOAL.requestsPerSecond && route.latencyMs.p99 < GOAL.p99Ms;
  const path = writeResults('api', {
    setup: {
      server: 'caravan serve (own process), bundled network, loopback',
      connections: CONNECTIONS,
      routeQueries: ROUTE_PATHS,
      routeQueryNote: 'default options: best route by time with its P50/P90 (simulations memoized per route)',
    },
    goal: GOAL,
    goalMet,
    route,
    baselines: { health, inProcessRoutePlanningPerSecond: inProcess },
  });
  console.log(
    `GET /api/route:  ${route.requestsPerSecond} req/s, p99 ${route.latencyMs.p99} ms (goal ≥ ${GOAL.requestsPerSecond} req/s, p99 < ${GOAL.p99Ms} ms: ${goalMet ? 'met' : 'NOT met'})`,
  );
  console.log(`GET /api/health: ${health.requestsPerSecond} req/s, p99 ${health.latencyMs.p99} ms (baseline)`);
  console.log(`in-process route planning: ${inProcess} routes/s (baseline)`);
  console.log(`wrote ${path}`);
  if (route.non2xx > 0 || route.errors > 0) process.exitCode = 1;
} finally {
  child.kill('SIGTERM');
}
