import type { FastifyInstance } from 'fastify';
import type { EnergyNetwork } from '../energy/types.js';
import type { Network } from '../model/types.js';
import type { Store } from '../store/store.js';
import type { RouteAnswerCache } from './answer-cache.js';
import type { JobRegistry } from './jobs.js';
import type { ServerLimits } from './limits.js';
import type { ReliabilityMemo } from './reliability-memo.js';
import type { RouterCache } from './router-cache.js';
import type { RouteWorkers } from './route-workers.js';
import type { StoreWorkers } from './monitoring/store-workers.js';
import type { ScenarioCatalog } from './scenarios/catalog.js';
import type { ScenarioRunResult } from './scenarios/run-result.js';
import type { ScenarioRunParams } from './scenarios/scenario-runs.js';
import type { SweepReport } from '../corridor/sweep/summary.js';
import type { SweepProgress, SweepRunParams } from './sweeps/sweep-runs.js';

/**
 * What every area of the API works on: the network loaded at start, its caches and the limits; the scenarios and
 * their runs; the store of shipment records, when the server has one.
 */
export interface ServerContext {
  network: Network;
  routers: RouterCache;
  reliability: ReliabilityMemo;
  /** Route answers already sent, so that a repeated question is neither planned nor rendered again. */
  routeAnswers: RouteAnswerCache;
  /** Threads that plan and render route requests (`caravan serve --workers`); without them, this thread does. */
  routeWorkers?: RouteWorkers;
  limits: ServerLimits;
  scenarios?: ScenarioCatalog;
  scenarioRuns: JobRegistry<ScenarioRunParams, ScenarioRunResult>;
  /** Sweeps started through the API (`POST /api/sweeps`), as jobs of their own kind on the same jobs table. */
  sweepRuns: JobRegistry<SweepRunParams, SweepReport, SweepProgress>;
  /** The Redis URL of `caravan serve --queue`: jobs wait there, and sweep samples go to `caravan worker`s. */
  queueUrl?: string;
  store?: Store;
  /** Threads that run the store's imports and indicators (`caravan serve`); without them, this thread does. */
  storeWorkers?: StoreWorkers;
  /** The network's energy layers (its energy/ folder), when it has them. */
  energy?: EnergyNetwork;
}

/**
 * One area of the API (network, routes, reliability, …): its endpoints under /api, and its OpenAPI tag. A new
 * engine (flows, scenarios, monitoring) joins the server by adding its area to API_AREAS.
 */
export interface ApiArea {
  tag: { name: string; description: string };
  register(app: FastifyInstance, context: ServerContext): void;
}
