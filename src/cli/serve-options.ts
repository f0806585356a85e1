import { Option, type Command } from 'commander';
import { networkInterfaces } from 'node:os';
import { z } from 'zod';
import type { Network } from '../model/types.js';
import { MAX_ROUTE_WORKERS } from '../server/limits.js';
import { dbOption, openStore } from './db-option.js';
import { UsageError } from './errors.js';
import type { CliContext } from './io.js';
import { parseOptions } from './option-name.js';

/**
 * Loopback only by default, where anyone on the machine may read without a token. Listening elsewhere is refused
 * until the store has a token (`caravan tokens create`): from then on every API request needs one.
 */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = '8080';

export function addServeOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <port>', 'TCP port to serve on (0: any free port)').env('PORT').default(DEFAULT_PORT))
    .addOption(new Option('--host <address>', 'address to listen on').default(DEFAULT_HOST))
    .addOption(
      new Option(
        '--workers <n>',
        'plan and render route requests on this many worker threads (one per core; 0: on the server thread)',
      ).default('0'),
    )
    .addOption(
      new Option(
        '--allowed-host <name...>',
        'host names the server answers to besides the loopback ones (as clients reach it, e.g. caravan.example.org)',
      ),
    )
    .addOption(
      new Option('--log-level <level>', 'structured log (JSON lines with request ids) on stderr from this level')
        .choices(['debug', 'info', 'warn', 'error', 'silent'])
        .default('info'),
    )
    .addOption(
      new Option(
        '--queue <url>',
        'scenario runs and sweeps wait on BullMQ over this Redis (redis://HOST:PORT), sweep samples taken by `caravan worker`',
      ).env('CARAVAN_QUEUE'),
    )
    .addOption(
      new Option('--lock-seconds <n>', 'with --queue: how long a job stays locked to a server that stopped').default(
        '30',
      ),
    )
    .addOption(dbOption());
}

const serveOptionsSchema = z.object({
  port: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535'),
  host: z.string().min(1, 'expected an address such as 127.0.0.1'),
  workers: z.coerce
    .number({ error: 'expected a number of threads' })
    .int('expected a whole number')
    .min(0, `expected a number of threads from 0 to ${MAX_ROUTE_WORKERS}`)
    .max(MAX_ROUTE_WORKERS, `expected a number of threads from 0 to ${MAX_ROUTE_WORKERS}`),
  allowedHost: z.array(z.string().regex(/^[a-z0-9.-]{1,253}$|^\[[0-9a-f:.]+\]$/i, 'expected a host name')).optional(),
  logLevel: z.string().default('info'),
  db: z.string().optional(),
  data: z.string().optional(),
  queue: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'expected a redis://HOST:PORT URL')
    .optional(),
  lockSeconds: z.coerce
    .number({ error: 'expected a number of seconds' })
    .min(1, 'expected a number of seconds from 1 to 3600')
    .max(3600, 'expected a number of seconds from 1 to 3600'),
});

/**
 * Starts the API and web app on the network and says where it is; the process then lives until stopped. The server
 * gets the scenarios of the network's corridor data and the store (--db, as the monitoring commands open it).
 */
export async function serveNetwork(network: Network, options: unknown, context: CliContext): Promise<void> {
  const { port, host, workers, db, data, allowedHost, logLevel, queue, lockSeconds } = parseOptions(
    serveOptionsSchema,
    options,
  );
  // Loaded here so that `start --no-serve` and `start --json` never load fastify.
  const [
    { startServer },
    { catalogFor },
    { optionalEnergyOfNetwork },
    { BUNDLED_NETWORK_DIR },
    { isLoopback, LOOPBACK_HOSTS },
    { STORE_WORKERS },
  ] = await Promise.all([
    import('../server/listen.js'),
    import('../server/scenarios/catalog.js'),
    import('../data/energy-inputs.js'),
    import('../data/paths.js'),
    import('../server/access.js'),
    import('../server/monitoring/store-workers.js'),
  ]);
  const scenarios = catalogFor(network, data);
  const energy = optionalEnergyOfNetwork(data ?? BUNDLED_NETWORK_DIR, network);
  const store = await openStore(db);
  const loopback = isLoopback(host);
  if (!loopback && !(await store.tokens.anyActive())) {
    await store.close();
    throw new UsageError(
      `refusing to listen on ${host}: the server would be reachable from other machines with no authentication. ` +
        'Create a token first (caravan tokens create NAME --role admin, with the same --db); every API request ' +
        'then needs one. Or listen on 127.0.0.1 (the default).',
    );
  }
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const allowedHosts = [
    ...LOOPBACK_HOSTS,
    ...(loopback ? [] : wildcard ? interfaceAddresses() : [bracketed(host)]),
    ...(allowedHost ?? []).map((name) => name.toLowerCase()),
  ];
  const server = await startServer({
    network,
    host,
    port,
    store,
    energy,
    routeWorkers: workers,
    storeWorkers: STORE_WORKERS,
    access: { anonymousRead: loopback, allowedHosts },
    log: { level: logLevel, stream: context.io.stderr },
    ...(scenarios === undefined ? {} : { scenarios }),
    ...(queue === undefined ? {} : { queue: { url: queue, lockSeconds } }),
  }).catch(async (error: NodeJS.ErrnoException) => {
    await store.close();
    if (error.code === 'EADDRINUSE')
      throw new UsageError(`${host}:${port} is already in use; choose another port with --port or PORT`);
    if (error.code === 'EADDRNOTAVAIL') throw new UsageError(`--host: ${host} is not an address of this machine`);
    throw error;
  });
  context.io.stdout.write(
    `Caravan web app: ${server.url}\nAPI docs: ${server.url}api/docs (OpenAPI: ${server.url}api/openapi.json)\nStore: ${store.describe()}\n${queue === undefined ? '' : `Jobs: BullMQ on ${queue.replace(/\/\/[^@/]*@/, '//…@')}\n`}Press Ctrl+C to stop.\n`,
  );
  if (context.onServe !== undefined) {
    context.onServe(server);
    return;
  }
  const stop = () => void server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const bracketed = (address: string): string =>
  address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;

/** The addresses of this machine, as a Host header names them: what a server on 0.0.0.0 is reached by. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) =>
    (entries ?? []).map((entry) => bracketed(entry.address.toLowerCase())),
  );
}
