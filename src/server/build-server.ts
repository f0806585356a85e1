import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { EnergyNetwork } from '../energy/types.js';
import type { Network } from '../model/types.js';
import type { Store } from '../store/store.js';
import { RouteAnswerCache } from './answer-cache.js';
import { LOOPBACK_ACCESS, registerAccessControl, type AccessOptions } from './access.js';
import { API_AREAS } from './areas/index.js';
import type { ServerContext } from './context.js';
import { storeJobJournal } from './job-journal.js';
import { JobRegistry } from './jobs.js';
import { hardenedFastifyOptions, registerRequestLimits } from './hardening.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { registerCompression } from './compression.js';
import { registerOpenApi } from './openapi.js';
import { registerProblemHandlers } from './problem.js';
import { ReliabilityMemo } from './reliability-memo.js';
import { RouterCache } from './router-cache.js';
import { RouteWorkers } from './route-workers.js';
import { sharedStore, StoreWorkers } from './monitoring/store-workers.js';
import type { ScenarioCatalog } from './scenarios/catalog.js';
import { defineScenarioRuns } from './scenarios/scenario-runs.js';
import { defineSweepRuns } from './sweeps/sweep-runs.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerWebApp, WEB_APP_DIR } from './web-app.js';

export interface ServerOptions {
  network: Network;
  limits?: Partial<ServerLimits>;
  /** Folder of the built web app; default: dist/web. */
  webAppDir?: string;
  /** Log each request (as JSON lines on stdout); off by default, since the CLI prints its own lines. */
  logRequests?: boolean;
  /** Where the structured log (pino JSON lines, each with its request id) goes, and from which level; overrides logRequests. */
  log?: { level: string; stream: { write(line: string): void } };
  /** Who may read and write, and the Host names served; default: anonymous reads, loopback names only. */
  access?: AccessOptions;
  /** The scenarios to offer and their corridor data (`catalogFor`); without it the scenario endpoints answer 404. */
  scenarios?: ScenarioCatalog | undefined;
  /**
   * The store of shipment records and trade figures for the monitoring endpoints; without it they answer 503. The
   * server owns it from here on: it is closed when the server closes.
   */
  store?: Store;
  /**
   * The router cache, reliability memo and route answer cache to use; default: fresh ones (a benchmark passes its
   * own to read hit rates).
   */
  routers?: RouterCache;
  reliability?: ReliabilityMemo;
  routeAnswers?: RouteAnswerCache;
  /** The energy layers for the energy endpoints; without them they answer 404. */
  energy?: EnergyNetwork | undefined;
  /** Route requests planned on this many worker threads (0 or none: on the server's thread); see RouteWorkers. */
  routeWorkers?: number;
  /**
   * Imports and indicators run on this many worker threads, each with its own connection to the store (0 or none,
   * or an in-memory store: on the server's thread); see StoreWorkers.
   */
  storeWorkers?: number;
  /**
   * Jobs wait on BullMQ over this Redis (`caravan serve --queue`), with a lock of `lockSeconds` that a server
   * killed mid-job lets run out; without it they wait in this process (and the store keeps them across restarts).
   */
  queue?: { url: string; lockSeconds: number };
}

/** The API and the web app on one Fastify instance, ready to listen or to be called with inject() in tests. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const { network } = options;
  if (network.nodes.length > limits.networkNodes || network.links.length > limits.networkLinks) {
    throw new RangeError(
      `the network has ${network.nodes.length} nodes and ${network.links.length} links; this server takes at most ${limits.networkNodes} nodes and ${limits.networkLinks} links`,
    );
  }
  const journal = <P, R, G>() => (options.store === undefined ? undefined : storeJobJournal<P, R, G>(options.store));
  const jobLimits = { concurrentJobs: limits.concurrentJobs, queuedJobs: limits.queuedJobs, keptJobs: limits.keptJobs };
  // BullMQ is loaded only by a server that is given a queue.
  const queueFor = options.queue
    ? await import('./job-queue.js').then(
        ({ bullJobQueue }) =>
          (name: string) =>
            bullJobQueue(options.queue!.url, name, options.queue!.lockSeconds),
      )
    : undefined;
  const context: ServerContext = {
    network,
    routers: options.routers ?? new RouterCache(),
    reliability: options.reliability ?? new ReliabilityMemo(network),
    routeAnswers: options.routeAnswers ?? new RouteAnswerCache(),
    limits,
    scenarioRuns: new JobRegistry(jobLimits, journal(), queueFor?.('caravan-scenario-runs')),
    // One sweep at a time: each keeps its own threads (or the queue's workers) busy.
    sweepRuns: new JobRegistry({ ...jobLimits, concurrentJobs: 1 }, journal(), queueFor?.('caravan-sweep-runs')),
    ...(options.queue === undefined ? {} : { queueUrl: options.queue.url }),
    ...(options.scenarios === undefined ? {} : { scenarios: options.scenarios }),
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.energy === undefined ? {} : { energy: options.energy }),
    ...(options.routeWorkers ? { routeWorkers: new RouteWorkers(network, options.routeWorkers) } : {}),
  };
  if (options.storeWorkers && options.store !== undefined && sharedStore(options.store.location))
    context.storeWorkers = new StoreWorkers(network, options.store.location, options.storeWorkers);
  const logger: FastifyServerOptions['logger'] = options.log ?? options.logRequests ?? false;
  const app = Fastify({ ...(await hardenedFastifyOptions(limits)), bodyLimit: limits.bodyBytes, logger });
  app.addHook('onClose', async () => {
    await context.scenarioRuns.close();
    await context.sweepRuns.close();
    await context.routeWorkers?.close();
    await context.storeWorkers?.close();
    await options.store?.close();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  await registerSecurityHeaders(app);
  await registerCompression(app);
  registerAccessControl(app, options.access ?? LOOPBACK_ACCESS, options.store?.tokens);
  await registerRequestLimits(app, limits);
  await registerOpenApi(app, API_AREAS);
  for (const area of API_AREAS) area.register(app, context);
  await registerWebApp(app, options.webAppDir ?? WEB_APP_DIR);
  await app.ready();
  // Runs the store holds as queued or running were cut off by the last server's end: they go on here.
  defineScenarioRuns(context);
  defineSweepRuns(context);
  await context.scenarioRuns.resume();
  await context.sweepRuns.resume();
  return app;
}
