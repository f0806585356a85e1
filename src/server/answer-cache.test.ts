import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import type { Network } from '../model/types.js';
import { RouteAnswerCache } from './answer-cache.js';
import { buildServer } from './build-server.js';
import { routeInputSchema } from './route-answer.js';

const QUERIES = [
  'from=almaty&to=bandar-abbas&alternatives=3&format=table',
  'from=almaty&to=bandar-abbas&alternatives=3&format=json',
  'from=Tashkent&to=chabahar&alternatives=2&by=cost&format=csv',
  'from=almaty&to=bandar-abbas&alternatives=3&via=tehran&format=table',
];

const serverOn = (network: Network, routeAnswers?: RouteAnswerCache) =>
  buildServer({ network, webAppDir: '/nonexistent', ...(routeAnswers === undefined ? {} : { routeAnswers }) });

async function answer(app: FastifyInstance, query: string) {
  const response = await app.inject(`/api/route?${query}`);
  return { status: response.statusCode, type: response.headers['content-type'], body: response.body };
}

/** The bundled network with every link half as fast: other hours, so other tables and JSON. */
function slowerCopy(network: Network): Network {
  return { ...network, links: network.links.map((link) => ({ ...link, speedKmh: link.speedKmh / 2 })) };
}

let network: Network;
let cache: RouteAnswerCache;
let app: FastifyInstance;
let uncached: FastifyInstance;
beforeAll(async () => {
  network = loadNetwork(BUNDLED_NETWORK_DIR).network;
  cache = new RouteAnswerCache();
  app = await serverOn(network, cache);
  // Its own network object (loaded again), so that nothing it computes is shared with `app`.
  uncached = await serverOn(loadNetwork(BUNDLED_NETWORK_DIR).network);
});
afterAll(async () => {
  await app.close();
  await uncached.close();
});

describe('route answers from the cache', () => {
  it('are those of a fresh server, first asked and asked again', async () => {
    for (const query of QUERIES) {
      const fresh = await answer(uncached, query);
      expect(fresh.status).toBe(200);
      const before = cache.stats(network);
      expect(await answer(app, query)).toEqual(fresh);
      expect(await answer(app, query)).toEqual(fresh);
      const after = cache.stats(network);
      expect([after.misses - before.misses, after.hits - before.hits]).toEqual([1, 1]);
    }
  });

  it('are found for the same options in another order or in a JSON body', async () => {
    const asked = await answer(app, 'from=aktau&to=mashhad&alternatives=2&format=csv');
    const before = cache.stats(network);
    expect(await answer(app, 'format=csv&alternatives=2&to=mashhad&from=aktau')).toEqual(asked);
    const posted = await app.inject({
      method: 'POST',
      url: '/api/route',
      payload: { from: 'aktau', to: 'mashhad', alternatives: 2, format: 'csv' },
    });
    expect(posted.body).toBe(asked.body);
    expect(cache.stats(network).hits - before.hits).toBe(2);
  });

  it('are not shared with another network (a reloaded one), even through one cache', async () => {
    const slower = slowerCopy(network);
    const reloaded = await serverOn(slower, cache);
    const freshOnSlower = await serverOn(slower);
    try {
      for (const query of QUERIES) {
        const found = await answer(reloaded, query);
        expect(found).toEqual(await answer(freshOnSlower, query));
        expect(found.body).not.toBe((await answer(app, query)).body);
      }
      expect(cache.stats(slower).hits).toBe(0);
    } finally {
      await reloaded.close();
      await freshOnSlower.close();
    }
  });

  it('are compressed as the first time for a client that asks, and kept compressed', async () => {
    const query = 'from=bishkek&to=tehran&alternatives=3&format=json';
    const plain = (await answer(uncached, query)).body;
    for (const [acceptEncoding, encoding, decompress] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const ask = () => app.inject({ url: `/api/route?${query}`, headers: { 'accept-encoding': acceptEncoding } });
      const [first, second, third] = [await ask(), await ask(), await ask()];
      for (const response of [first, second, third]) {
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(response.headers['vary']).toBe('accept-encoding');
        expect(decompress(response.rawPayload).toString()).toBe(plain);
      }
      expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(third.rawPayload.equals(first.rawPayload)).toBe(true);
    }
    // Kept, not compressed again: one form per header asked with.
    const input = routeInputSchema.parse({ from: 'bishkek', to: 'tehran', alternatives: '3', format: 'json' });
    expect([...(cache.find(network, input)?.compressed.keys() ?? [])]).toEqual(['gzip, deflate, br', 'gzip']);
    const identity = await app.inject({ url: `/api/route?${query}`, headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(plain);
  });

  it('keep no failed request', async () => {
    const query = 'from=almaty&to=nowhere-at-all&format=table';
    expect((await answer(app, query)).status).toBe(400);
    const before = cache.stats(network);
    expect((await answer(app, query)).status).toBe(400);
    expect(cache.stats(network).hits).toBe(before.hits);
  });
});
