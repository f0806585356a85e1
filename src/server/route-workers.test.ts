import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledNetworkServer } from '../test-support/api-server.js';

/** The same requests to a server that plans on its own thread and to one that plans on two route worker threads. */
const QUERIES = [
  'from=almaty&to=bandar-abbas&alternatives=3&format=table',
  'from=Tashkent&to=chabahar&alternatives=2&by=cost&format=json',
  'from=almaty&to=bandar-abbas&alternatives=3&via=tehran&format=csv&reliability=false',
  'from=urumqi&to=bandar-abbas&format=geojson',
  'from=almaty&to=bandar-abbas&avoidCountry=KZ',
  'from=almaty&to=atlantis',
];

let inline: FastifyInstance;
let threaded: FastifyInstance;
beforeAll(async () => {
  [inline, threaded] = await Promise.all([bundledNetworkServer(), bundledNetworkServer({ routeWorkers: 2 })]);
});
afterAll(() => Promise.all([inline.close(), threaded.close()]));

describe('route worker threads', () => {
  it('answer byte for byte as the server thread does, errors included, under concurrent requests', async () => {
    const expected = await Promise.all(QUERIES.map((query) => inline.inject(`/api/route?${query}`)));
    expect(expected.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 400, 400]);
    // Twice over at once, so that both threads answer every query and requests queue on them.
    const found = await Promise.all([...QUERIES, ...QUERIES].map((query) => threaded.inject(`/api/route?${query}`)));
    found.forEach((response, index) => {
      const reference = expected[index % QUERIES.length]!;
      expect(response.statusCode).toBe(reference.statusCode);
      expect(response.headers['content-type']).toBe(reference.headers['content-type']);
      expect(response.body).toBe(reference.body);
    });
  });

  it('answer a POST as the server thread does', async () => {
    const payload = { from: 'almaty', to: 'bandar-abbas', alternatives: 2, format: 'json' };
    const [a, b] = await Promise.all(
      [inline, threaded].map((app) => app.inject({ method: 'POST', url: '/api/route', payload })),
    );
    expect(b!.statusCode).toBe(200);
    expect(b!.body).toBe(a!.body);
  });
});
