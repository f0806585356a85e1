import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiArea, ServerContext } from '../context.js';

const healthSchema = z.object({
  status: z
    .enum(['ok', 'degraded'])
    .describe('degraded: the store does not answer (routes and the network still do; monitoring answers 503)'),
  network: z.object({ nodes: z.number(), links: z.number() }),
  store: z.enum(['ok', 'unavailable', 'none']).describe('none: the server runs without a store'),
});

/**
 * A liveness probe, and the cheapest request there is: the baseline of the load benchmark. A store that does not
 * answer makes it degraded, not down: the server lives on and the store's pool reconnects when it can.
 */
export const healthArea: ApiArea = {
  tag: { name: 'health', description: 'Is the server up, and on which network' },
  register(app: FastifyInstance, { network, store }: ServerContext) {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/api/health',
        { schema: { tags: ['health'], summary: 'Server status', response: { 200: healthSchema } } },
        async () => {
          const reachable = store === undefined ? undefined : await store.ping();
          return {
            status: reachable === false ? ('degraded' as const) : ('ok' as const),
            network: { nodes: network.nodes.length, links: network.links.length },
            store: reachable === undefined ? ('none' as const) : reachable ? ('ok' as const) : ('unavailable' as const),
          };
        },
      );
  },
};
