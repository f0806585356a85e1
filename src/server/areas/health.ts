import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiArea, ServerContext } from '../context.js';

const healthSchema = z.object({
  status: z.literal('ok'),
  network: z.object({ nodes: z.number(), links: z.number() }),
});

/** A liveness probe, and the cheapest request there is: the baseline of the load benchmark. */
export const healthArea: ApiArea = {
  tag: { name: 'health', description: 'Is the server up, and on which network' },
  register(app: FastifyInstance, { network }: ServerContext) {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/api/health',
        { schema: { tags: ['health'], summary: 'Server status', response: { 200: healthSchema } } },
        () => ({ status: 'ok' as const, network: { nodes: network.nodes.length, links: network.links.length } }),
      );
  },
};
