import type { FastifyInstance } from 'fastify';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { buildServer, type ServerOptions } from '../server/build-server.js';
import { catalogFor } from '../server/scenarios/catalog.js';

/**
 * A server on the bundled network with its scenarios, for tests; without the web app unless asked (tests build it
 * themselves) and without a store unless given one.
 */
export async function bundledNetworkServer(options: Partial<ServerOptions> = {}): Promise<FastifyInstance> {
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  return buildServer({ network, webAppDir: '/nonexistent', scenarios: catalogFor(network), ...options });
}
