import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../data/paths.js';
import { Store } from '../store/store.js';
import { multipartFile } from '../test-support/multipart.js';
import { bundledNetworkServer } from '../test-support/api-server.js';

let app: FastifyInstance;
let steward: string;
beforeAll(async () => {
  const store = await Store.open(':memory:');
  steward = `Bearer ${(await store.tokens.create('tests', 'steward')).token}`;
  app = await bundledNetworkServer({ store });
});
afterAll(() => app.close());

const fields = (body: string) => (JSON.parse(body) as { errors?: { field: string }[] }).errors?.map((e) => e.field);

describe('the API refuses what it does not understand with 400', () => {
  it('an absurd number, naming the field', async () => {
    const response = await app.inject('/api/route?from=almaty&to=tehran&by=generalized&valueOfTime=1e308');
    expect(response.statusCode).toBe(400);
    expect(fields(response.body)).toEqual(['valueOfTime']);
  });

  it('an unknown JSON key, naming it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/route',
      payload: { from: 'almaty', to: 'tehran', alternativs: 3 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('alternativs');
  });

  it('a malformed multipart upload', async () => {
    const bodies = [
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nshipment_id\r\n', // never closed
      'garbage without any boundary',
      '--xyz\r\nContent-Disposition: form-data\r\n\r\n--xyz--\r\n', // a part without a name
    ];
    for (const payload of bodies) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/shipments/import',
        payload,
        headers: { 'content-type': 'multipart/form-data; boundary=xyz', authorization: steward },
      });
      expect(response.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, payload).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const noBoundary = await app.inject({
      method: 'POST',
      url: '/api/shipments/import',
      payload: 'x',
      headers: { 'content-type': 'multipart/form-data', authorization: steward },
    });
    expect(noBoundary.statusCode).toBe(400);
  });

  it('an id of 100,000 characters', async () => {
    const response = await app.inject(`/api/route?from=${'a'.repeat(100_000)}&to=tehran`);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});

describe('no server paths or store addresses in answers', () => {
  it('in the scenarios, the targets and an import', async () => {
    for (const url of ['/api/scenarios', '/api/targets']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain(PACKAGE_ROOT);
      expect(response.body, url).not.toMatch(/"file":"\//);
    }
    const body = multipartFile('file', 'x.csv', 'shipment_id,corridor\n');
    const response = await app.inject({
      method: 'POST',
      url: '/api/shipments/import',
      payload: body.payload,
      headers: { ...body.headers, authorization: steward },
    });
    expect(response.body).not.toMatch(/sqlite|:memory:|postgres/);
  });
});
