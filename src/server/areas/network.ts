import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { networkToGeoJson } from '../../data/geojson.js';
import { countryName } from '../../model/countries.js';
import { searchNodes } from '../../model/search-nodes.js';
import { summarizeNetwork } from '../../model/summary.js';
import { NODE_KINDS } from '../../model/vocabulary.js';
import type { ApiArea, ServerContext } from '../context.js';
import { problemSchema } from '../problem.js';
import { featureCollectionSchema } from '../schemas/geojson.js';
import { sendRaw } from '../send-raw.js';

export const nodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2 code'),
  countryName: z.string(),
  kind: z.enum(NODE_KINDS),
  lat: z.number(),
  lon: z.number(),
});

/** The network never changes while the server runs: its GeoJSON is written once and revalidated by ETag. */
function networkDocument(context: ServerContext) {
  const body = JSON.stringify(networkToGeoJson(context.network));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}

export const networkArea: ApiArea = {
  tag: { name: 'network', description: 'The network: places and links, as GeoJSON, searchable by name' },
  register(app: FastifyInstance, context: ServerContext) {
    const api = app.withTypeProvider<ZodTypeProvider>();
    let document: ReturnType<typeof networkDocument> | undefined;
    const summary = summarizeNetwork(context.network);

    api.get(
      '/api/network',
      {
        schema: {
          tags: ['network'],
          summary: 'The whole network as GeoJSON',
          description:
            'Nodes as Points and links as LineStrings with every documented column in `properties`; the records without a geometry (sources, corridors, transfers, emission factors, parameters) under the `caravan` member. The same document as `caravan network export --format geojson`.',
          response: { 200: featureCollectionSchema.extend({ caravan: z.record(z.string(), z.unknown()) }) },
        },
      },
      (request, reply) => {
        document ??= networkDocument(context);
        void reply.header('etag', document.etag).header('cache-control', 'no-cache');
        if (request.headers['if-none-match'] === document.etag) sendRaw(reply, 'application/geo+json', '', 304);
        else sendRaw(reply, 'application/geo+json', document.body);
      },
    );

    api.get(
      '/api/network/summary',
      {
        schema: {
          tags: ['network'],
          summary: 'Counts of nodes, links and km by kind, mode, status and country',
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      () => summary as unknown as Record<string, unknown>,
    );

    api.get(
      '/api/nodes',
      {
        schema: {
          tags: ['network'],
          summary: 'Search places by id or name',
          description:
            'Best matches first: exact id or name, then names starting with the query, then a word of the name, then anywhere. Case, accents and punctuation are ignored. An empty query lists all places by name.',
          querystring: z.object({
            q: z.string().max(200).default('').describe('part of a node id or name, e.g. "bandar"'),
            limit: z.coerce
              .number({ error: 'expected a whole number' })
              .int('expected a whole number')
              .min(1, 'expected at least 1')
              .max(context.limits.searchResults, `expected at most ${context.limits.searchResults}`)
              .default(10),
          }),
          response: { 200: z.object({ nodes: z.array(nodeSchema) }), 400: problemSchema },
        },
      },
      (request) => ({
        nodes: searchNodes(context.network.nodes, request.query.q, request.query.limit).map((node) => ({
          id: node.id,
          name: node.name,
          country: node.country,
          countryName: countryName(node.country),
          kind: node.kind,
          lat: node.lat,
          lon: node.lon,
        })),
      }),
    );
  },
};
