import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { pick, seededRandom } from '../numeric/random.js';
import { stepCellStats } from '../render/route.js';
import { RouteAnswerCache } from '../server/answer-cache.js';
import { startServer } from '../server/listen.js';
import { ReliabilityMemo } from '../server/reliability-memo.js';
import { RouterCache } from '../server/router-cache.js';
import type { CacheStats } from '../routing/small-cache.js';
import { writeResults } from './harness.js';

/**
 * `npm run bench:api`: what one route request costs the server. The server runs in this process and the load
 * generator (autocannon) in a child, so this process's user+system CPU over a load phase, divided by the requests
 * answered, is the server's CPU per request, HTTP parsing and JSON included. GET /api/health, measured the same way
 * in the same run, is the floor any request pays. Bounded: about 15 s of load in all.
 */

/**
 * Route requests go between random pairs of places (a fixed seed, so every run asks the same questions). Two
 * workloads, both reported:
 * - repeated questions: 150 pairs, each asked many times, as a team looking at its corridors asks them. The server
 *   keeps whole answers (RouteAnswerCache, 512 of them), and the warm-up asks each pair once, so these phases
 *   measure a server answering from that cache: receiving, validating, looking up and sending. The cache's hit
 *   rate is reported.
 * - new questions: 4000 pairs without the simulation (reliability=false), asked in turn. More than the answer cache
 *   holds, so with its least-recently-used order none is found there (its hit rate is reported too): these phases
 *   measure planning and rendering, with the search trees the router keeps per place.
 */
const ROUTE_PAIRS = 150;
const UNMEMOIZED_PAIRS = 4000;
const PAIR_SEED = 'bench-api-pairs';
const routePath = ([from, to]: readonly [string, string], format: string, extra = '') =>
  `/api/route?from=${from}&to=${to}&alternatives=3&format=${format}${extra}`;
const CONNECTIONS = 16;
const HEALTH_SECONDS = 3;
/**
 * Health and route phases alternate, a few rounds of each, so that a busy moment of a shared machine falls on both;
 * the median round of each is reported, with every round.
 */
const ROUNDS = 3;
const HEALTH_ROUND_SECONDS = 1;
const ROUTE_ROUND_SECONDS = 2;
const GOAL = { serverCpuMsPerRouteRequest: 0.3, requestsPerSecond: 2000, p99Ms: 50 };
/**
 * The new-questions phases on a second server that plans on worker threads (`caravan serve --workers`), one per core
 * of the machine the goal names: its CPU per request is all threads' together, so it adds the cost of handing
 * requests between threads. (Repeated questions are answered from the cache on the server's thread, before any
 * worker.)
 */
const ROUTE_WORKERS = 2;
const BROWSER_ENCODINGS = { 'accept-encoding': 'gzip, deflate, br' };
const LOAD_SCRIPT = fileURLToPath(new URL('./api-load.js', import.meta.url));

interface LoadSummary {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  cpuMs: number;
}

/**
 * CPU time of the whole machine, all processes and cores, from /proc/stat (Linux; NaN elsewhere): with the server's
 * and the load generator's own, it tells how much of a phase went to other work on a shared machine.
 */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy; in 1/100 s (USER_HZ).
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
  } catch {
    return NaN;
  }
}

/** Runs one load phase in a child process; returns its summary and the CPU this (server) process spent meanwhile. */
async function loadPhase(url: string, paths: readonly string[], seconds: number, headers?: Record<string, string>) {
  const job = JSON.stringify({ url, paths, connections: CONNECTIONS, seconds, headers });
  const before = process.cpuUsage();
  const busyBefore = machineBusyMs();
  const startedAt = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    // The job goes on stdin: thousands of paths are too long for one command-line argument.
    const child = spawn(process.execPath, [LOAD_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(job);
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
  const cpu = process.cpuUsage(before);
  const busyMs = machineBusyMs() - busyBefore;
  const wallMs = performance.now() - startedAt;
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
    loadGeneratorCpuMs: Math.round(load.cpuMs),
    // Cores' worth of CPU that other processes took meanwhile (of the machine's availableParallelism()).
    otherProcessesCores: Math.max(0, busyMs - cpuMs - load.cpuMs) / wallMs,
  };
}

type Phase = Awaited<ReturnType<typeof loadPhase>>;

/** The round with the median CPU per request, with the figures of every round. */
function medianRound(rounds: readonly Phase[]) {
  const sorted = [...rounds].sort((a, b) => a.serverCpuMsPerRequest - b.serverCpuMsPerRequest);
  return {
    ...sorted[Math.floor(sorted.length / 2)]!,
    rounds: rounds.map((round) => ({
      serverCpuMsPerRequest: round.serverCpuMsPerRequest,
      requestsPerSecond: round.requestsPerSecond,
      p99Ms: round.latencyMs.p99,
      otherProcessesCores: round.otherProcessesCores,
    })),
  };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The share of lookups between two readings of a cache's counters that it answered from memory. */
function hitRate(before: CacheStats, after: CacheStats): number {
  const lookups = after.hits + after.misses - before.hits - before.misses;
  return lookups > 0 ? (after.hits - before.hits) / lookups : NaN;
}

/** Random pairs of distinct places that have a route, asked of the server once each (which also warms it). */
async function routablePairs(url: string, places: readonly string[], count: number, seed: string) {
  const random = seededRandom(seed);
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (let tries = 0; pairs.length < count && tries < count * 20; tries++) {
    const pair: [string, string] = [pick(random, places), pick(random, places)];
    const key = pair.join('>');
    if (pair[0] === pair[1] || seen.has(key)) continue;
    seen.add(key);
    const response = await fetch(`${url}/api/route?from=${pair[0]}&to=${pair[1]}&format=csv`);
    await response.arrayBuffer();
    if (response.ok) pairs.push(pair);
  }
  if (pairs.length < count) throw new Error(`only ${pairs.length} of ${count} random pairs have a route`);
  return pairs;
}

/** The floor of sending a text answer: a bare Fastify, in this process, returning one of the route tables. */
async function bareTextServer(text: string) {
  const app = Fastify();
  app.get('/text', (_request, reply) => {
    void reply.type('text/plain; charset=utf-8').send(text);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

const loadAtStart = loadavg();
const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const reliability = new ReliabilityMemo(network);
const routers = new RouterCache();
const routeAnswers = new RouteAnswerCache();
const answerStats = () => routeAnswers.stats(network);
const treeStats = () => routers.routerFor(network, 't').searchTreeStats();
const server = await startServer({
  network,
  reliability,
  routers,
  routeAnswers,
  webAppDir: '/nonexistent',
  host: '127.0.0.1',
  port: 0,
  // One client at full speed: the per-client limit would measure the limiter, not the server.
  limits: { requestsPerMinute: 1e9 },
});
const url = server.url.replace(/\/$/, '');
const places = network.nodes.map((node) => node.id);
try {
  const pairs = await routablePairs(url, places, ROUTE_PAIRS, PAIR_SEED);
  const tablePaths = pairs.map((pair) => routePath(pair, 'table'));
  const jsonPaths = pairs.map((pair) => routePath(pair, 'json'));
  const unmemoizedPaths = (await routablePairs(url, places, UNMEMOIZED_PAIRS, `${PAIR_SEED}-unmemoized`)).map((pair) =>
    routePath(pair, 'table', '&reliability=false'),
  );
  // Warm-up: compiles the graph, simulates each route once (the memo's misses) and lets the JIT settle.
  const tableBytes: number[] = [];
  let typicalTable = '';
  for (const path of [...tablePaths, ...jsonPaths]) {
    const response = await fetch(`${url}${path}`);
    const text = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
    if (path.endsWith('table')) {
      tableBytes.push(Buffer.byteLength(text));
      if (tableBytes.length === Math.ceil(tablePaths.length / 2)) typicalTable = text;
    }
  }
  await loadPhase(url, tablePaths, 1);
  const bare = await bareTextServer(typicalTable);
  const bareText = await loadPhase(bare.url, ['/text'], HEALTH_SECONDS);
  await bare.close();

  const memoBefore = reliability.stats();
  const answersBefore = answerStats();
  const treesBefore = treeStats();
  const stepCellsBefore = stepCellStats(network);
  const healthRounds: Phase[] = [];
  const routeRounds: Phase[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    healthRounds.push(await loadPhase(url, ['/api/health'], HEALTH_ROUND_SECONDS));
    routeRounds.push(await loadPhase(url, tablePaths, ROUTE_ROUND_SECONDS));
  }
  const health = medianRound(healthRounds);
  const route = medianRound(routeRounds);
  const routeJson = await loadPhase(url, jsonPaths, HEALTH_SECONDS);
  // As a browser asks: compressed. The first request of each answer and encoding compresses it, here the warm-up.
  for (const path of jsonPaths) await (await fetch(`${url}${path}`, { headers: BROWSER_ENCODINGS })).arrayBuffer();
  const routeJsonCompressed = await loadPhase(url, jsonPaths, HEALTH_SECONDS, BROWSER_ENCODINGS);
  const memoAfter = reliability.stats();
  const answersAfter = answerStats();
  const treesAfter = treeStats();
  const routeUnmemoized = await loadPhase(url, unmemoizedPaths, HEALTH_SECONDS);
  const treesUnmemoized = treeStats();
  const answersUnmemoized = answerStats();
  const stepCellsAfter = stepCellStats(network);
  const threadedAnswers = new RouteAnswerCache();
  const threaded = await startServer({
    network,
    routeAnswers: threadedAnswers,
    webAppDir: '/nonexistent',
    host: '127.0.0.1',
    port: 0,
    routeWorkers: ROUTE_WORKERS,
    limits: { requestsPerMinute: 1e9 },
  });
  const workerRounds: Phase[] = [];
  let threadedHitRate = NaN;
  try {
    const threadedUrl = threaded.url.replace(/\/$/, '');
    // Warms every thread (compiled graph, kept trees, JIT) on other questions than those measured: the first
    // asked reach a worker, the repeats of the short load phase are answered from the cache.
    await Promise.all(tablePaths.map(async (path) => (await fetch(`${threadedUrl}${path}`)).text()));
    await loadPhase(threadedUrl, tablePaths, 1);
    const before = threadedAnswers.stats(network);
    for (let round = 0; round < ROUNDS; round++)
      workerRounds.push(await loadPhase(threadedUrl, unmemoizedPaths, ROUTE_ROUND_SECONDS));
    threadedHitRate = hitRate(before, threadedAnswers.stats(network));
  } finally {
    await threaded.close();
  }
  const routeWorkers = medianRound(workerRounds);
  // A phase answered with errors (a limiter's 429s, say) measures nothing of the route engine.
  const meetsThroughput = (phase: Phase) =>
    phase.non2xx === 0 &&
    phase.errors === 0 &&
    phase.requestsPerSecond >= GOAL.requestsPerSecond &&
    phase.latencyMs.p99 < GOAL.p99Ms;
  const cpuGoalMet = route.serverCpuMsPerRequest <= GOAL.serverCpuMsPerRouteRequest;
  const throughputGoalMet = meetsThroughput(route) || meetsThroughput(routeWorkers);
  // The goal is read on repeated questions; on new ones it is reported, not claimed.
  const newQuestions = {
    cpuGoalMet: routeUnmemoized.serverCpuMsPerRequest <= GOAL.serverCpuMsPerRouteRequest,
    throughputGoalMet: meetsThroughput(routeUnmemoized) || meetsThroughput(routeWorkers),
  };
  const goalMet = cpuGoalMet && throughputGoalMet;
  // Round by round, so that each route phase is set against the health phase just before it.
  const ratio = median(
    routeRounds.map((phase, round) => phase.serverCpuMsPerRequest / healthRounds[round]!.serverCpuMsPerRequest),
  );
  const lookups = memoAfter.hits + memoAfter.misses - memoBefore.hits - memoBefore.misses;
  const memoHitRate = hitRate(memoBefore, memoAfter);
  const path = writeResults('api', {
    setup: {
      server: 'buildServer in the bench process (no web app, no store), bundled network, loopback',
      loadGenerator: 'autocannon in a child process',
      cpu: 'server process user+system CPU over the load phase / requests answered',
      rounds: `health ${HEALTH_ROUND_SECONDS} s and route ${ROUTE_ROUND_SECONDS} s phases alternate ${ROUNDS} times; route and health are their median rounds, the ratio the median of the round-by-round ratios`,
      connections: CONNECTIONS,
      routeQueries: `repeated questions: ${pairs.length} random pairs of places (seed "${PAIR_SEED}"), k=3; e.g. ${tablePaths[0]}`,
      routeQueryNote:
        'best 3 routes by time with their P50/P90, text table; each asked before the phases, so answered from the answer cache',
      routeUnmemoizedQueries: `new questions: ${unmemoizedPaths.length} random pairs, k=3, table, reliability=false, asked in turn: more than the answer cache holds, so planned and rendered`,
      tableBytes: {
        min: Math.min(...tableBytes),
        max: Math.max(...tableBytes),
        typical: Buffer.byteLength(typicalTable),
      },
    },
    goal: GOAL,
    goalMet,
    cpuGoalMet,
    throughputGoalMet,
    newQuestions,
    machine: {
      cpus: availableParallelism(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg(),
      note: 'load averages (1, 5, 15 min) include this bench (server and load generator); otherProcessesCores in each phase excludes them',
    },
    route,
    routeWorkers: {
      threads: ROUTE_WORKERS,
      queries: 'the new questions (routeUnmemoizedQueries)',
      answerCacheHitRate: threadedHitRate,
      ...routeWorkers,
    },
    routeJson,
    routeJsonCompressed: { acceptEncoding: BROWSER_ENCODINGS['accept-encoding'], ...routeJsonCompressed },
    routeUnmemoized,
    reliabilityMemo: { lookupsDuringRoutePhases: lookups, hitRate: memoHitRate, entries: memoAfter.entries },
    routeAnswers: {
      note: 'whole answers the server keeps (RouteAnswerCache); a hit is neither planned nor rendered again',
      hitRateDuringRoutePhases: hitRate(answersBefore, answersAfter),
      hitRateDuringUnmemoizedPhase: hitRate(answersAfter, answersUnmemoized),
      entries: answersUnmemoized.entries,
    },
    searchTrees: {
      note: 'full search trees the distinct method keeps per place (origin or destination), weights and masks',
      hitRateDuringRoutePhases: hitRate(treesBefore, treesAfter),
      hitRateDuringUnmemoizedPhase: hitRate(treesAfter, treesUnmemoized),
      entries: treesUnmemoized.entries,
    },
    stepCells: {
      note: "each step's own cells in the text report (not its running totals), kept per link or node",
      hitRateDuringTablePhases: hitRate(stepCellsBefore, stepCellsAfter),
      entries: stepCellsAfter.entries,
    },
    baselines: { health, bareFastifyText: bareText },
    ratios: {
      routeCpuPerRequestVsHealthMedianOfRounds: ratio,
      routeCpuPerRequestVsBareText: route.serverCpuMsPerRequest / bareText.serverCpuMsPerRequest,
    },
  });
  const line = (name: string, phase: Phase) =>
    `${name}: ${phase.serverCpuMsPerRequest.toFixed(3)} ms server CPU/request, ${phase.requestsPerSecond} req/s, p99 ${phase.latencyMs.p99} ms`;
  console.log(
    `${line('GET /api/route (k=3, table, repeated pairs)', route)} (goal ≤ ${GOAL.serverCpuMsPerRouteRequest} ms, ≥ ${GOAL.requestsPerSecond} req/s, p99 < ${GOAL.p99Ms} ms: ${goalMet ? 'met' : 'NOT met'})`,
  );
  console.log(line('GET /api/route (k=3, json)', routeJson));
  console.log(line('GET /api/route (k=3, json, Accept-Encoding br)', routeJsonCompressed));
  console.log(line(`GET /api/route (k=3, table, no simulation, ${unmemoizedPaths.length} new pairs)`, routeUnmemoized));
  console.log(line(`  the same on ${ROUTE_WORKERS} route worker threads`, routeWorkers));
  console.log(`${line('GET /api/health (baseline)', health)}; route/health CPU ${ratio.toFixed(1)}×`);
  console.log(line(`bare Fastify, ${Buffer.byteLength(typicalTable)} B text (baseline)`, bareText));
  console.log(
    `hit rates: answers ${hitRate(answersBefore, answersAfter).toFixed(3)} (route phases), ${hitRate(answersAfter, answersUnmemoized).toFixed(3)} (no-simulation phase); reliability memo ${memoHitRate.toFixed(3)}; search trees ${hitRate(treesBefore, treesAfter).toFixed(3)} (route phases), ${hitRate(treesAfter, treesUnmemoized).toFixed(3)} (no-simulation phase); step cells ${hitRate(stepCellsBefore, stepCellsAfter).toFixed(3)}`,
  );
  const others = median(routeRounds.map((round) => round.otherProcessesCores));
  console.log(
    `machine: ${availableParallelism()} cores, load average ${loadAtStart[0]!.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end (1 min); other processes took ${others.toFixed(2)} cores during the route rounds`,
  );
  console.log(`wrote ${path}`);
  const phases: [string, Phase][] = [
    ...routeRounds.map((phase, round) => [`route round ${round + 1}`, phase] as [string, Phase]),
    ...healthRounds.map((phase, round) => [`health round ${round + 1}`, phase] as [string, Phase]),
    ['route json', routeJson],
    ['route json compressed', routeJsonCompressed],
    ['route new questions', routeUnmemoized],
    ['bare text', bareText],
    ...workerRounds.map((phase, round) => [`route workers round ${round + 1}`, phase] as [string, Phase]),
  ];
  for (const [name, phase] of phases) {
    if (phase.non2xx === 0 && phase.errors === 0) continue;
    console.error(`${name}: ${phase.non2xx} answers other than 2xx and ${phase.errors} errors of ${phase.requests}`);
    process.exitCode = 1;
  }
} finally {
  await server.close();
}
