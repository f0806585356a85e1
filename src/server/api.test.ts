import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledNetworkServer } from '../test-support/api-server.js';
import type { Problem } from './problem.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await bundledNetworkServer({ limits: { bodyBytes: 4096 } });
});
afterAll(() => app.close());

const PROBLEM = 'application/problem+json; charset=utf-8';

async function problemOf(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.headers['content-type']).toBe(PROBLEM);
  const problem = JSON.parse(response.body) as Problem;
  expect(problem.status).toBe(response.statusCode);
  return problem;
}

describe('GET /api/health', () => {
  it('says the server is up and on which network', async () => {
    const response = await app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      network: { nodes: expect.any(Number), links: expect.any(Number) },
      store: 'none',
    });
  });
});

describe('GET /api/network', () => {
  it('returns the network as GeoJSON, revalidated by ETag', async () => {
    const response = await app.inject('/api/network');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const document = response.json();
    expect(document.type).toBe('FeatureCollection');
    expect(document.features.some((feature: { id: string }) => feature.id === 'bandar-abbas')).toBe(true);
    const etag = response.headers['etag'] as string;
    const again = await app.inject({ url: '/api/network', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('summarizes the network', async () => {
    const response = await app.inject('/api/network/summary');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ nodes: expect.any(Number), linksByMode: { rail: expect.any(Object) } });
  });
});

describe('GET /api/nodes', () => {
  it('finds places by part of their name, best match first', async () => {
    const response = await app.inject('/api/nodes?q=bandar%20ab');
    expect(response.statusCode).toBe(200);
    const { nodes } = response.json() as { nodes: { id: string; countryName: string }[] };
    expect(nodes[0]).toMatchObject({ id: 'bandar-abbas', countryName: 'Iran' });
  });

  it('lists places by name for an empty query, up to the limit', async () => {
    const { nodes } = (await app.inject('/api/nodes?limit=5')).json() as { nodes: { name: string }[] };
    expect(nodes).toHaveLength(5);
    expect(nodes.map((node) => node.name)).toEqual(
      [...nodes.map((node) => node.name)].sort((a, b) => a.localeCompare(b, 'en')),
    );
  });

  it('names the field of a bad limit', async () => {
    const problem = await problemOf(await app.inject('/api/nodes?q=a&limit=1000'));
    expect(problem.errors).toEqual([{ field: 'limit', message: 'expected at most 50' }]);
  });
});

describe('/api/route', () => {
  it('plans by GET with every option in the query string', async () => {
    const query = new URLSearchParams({
      from: 'Almaty',
      to: 'bandar-abbas',
      by: 'cost',
      alternatives: '2',
      method: 'distinct',
      avoidCountry: 'AF',
      modes: 'rail,sea,ferry,road',
      year: '2030',
      unit: 'teu',
      valueOfTime: '1',
      carbonPrice: '50',
      geojson: 'true',
    });
    const response = await app.inject(`/api/route?${query}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.request).toMatchObject({ from: 'almaty', to: 'bandar-abbas', criterion: 'cost', year: 2030 });
    expect(body.routes).toHaveLength(2);
    expect(body.routes[0].unit).toBe('teu');
    expect(body.routes[0].reliability.p90H).toBeGreaterThan(body.routes[0].reliability.p50H);
    expect(body.geojson.features.length).toBeGreaterThan(0);
  });

  it('plans by POST with lists as arrays, via and avoided places by name', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/route',
      payload: {
        from: 'almaty',
        to: 'bandar-abbas',
        modes: ['rail', 'sea', 'ferry'],
        via: ['Aktau'],
        avoidNode: ['sarakhs'],
        avoidLink: [],
        reliability: false,
      },
    });
    expect(response.statusCode).toBe(200);
    const [route] = response.json().routes;
    expect(route.nodes).toContain('aktau');
    expect(route.reliability).toBeUndefined();
    // GeoJSON only when asked for: most clients never draw the map.
    expect(response.json()).not.toHaveProperty('geojson');
  });

  it('answers as GeoJSON, CSV or the text report', async () => {
    const base = '/api/route?from=almaty&to=bandar-abbas';
    const geojson = await app.inject(`${base}&format=geojson`);
    expect(geojson.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(geojson.json().type).toBe('FeatureCollection');
    const csv = await app.inject(`${base}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\n')[0]).toMatch(/^route,step,kind/);
    const table = await app.inject(`${base}&format=table`);
    expect(table.body).toMatch(/P50 d\s+P90 d/);
  });

  it('names every invalid field in one problem+json answer', async () => {
    const response = await app.inject('/api/route?from=almaty&to=tehran&year=soon&modes=rail,camel&avoidCountry=XX');
    expect(response.statusCode).toBe(400);
    const problem = await problemOf(response);
    expect(problem.errors?.map((error) => error.field).sort()).toEqual(['avoidCountry', 'modes', 'year']);
    expect(problem.detail).toContain('year: expected a year such as 2027, got "soon"');
    expect(problem.detail).toContain('modes: expected among rail, road, sea, ferry, got "camel"');
  });

  it('names a missing field and an unknown place, suggesting the closest', async () => {
    const missing = await problemOf(
      await app.inject({ method: 'POST', url: '/api/route', payload: { from: 'almaty' } }),
    );
    expect(missing.errors?.map((error) => error.field)).toEqual(['to']);
    const unknown = await problemOf(await app.inject('/api/route?from=almaty&to=bandar-abas'));
    expect(unknown.status).toBe(400);
    expect(unknown.errors).toEqual([{ field: 'to', message: expect.stringContaining('did you mean "bandar-abbas"') }]);
  });

  it('refuses a route from a place to itself, naming the place', async () => {
    const same = await problemOf(await app.inject('/api/route?from=almaty&to=Almaty'));
    expect(same.status).toBe(400);
    expect(same.errors).toEqual([{ field: 'to', message: expect.stringContaining('same place, Almaty ("almaty")') }]);
  });

  it('says when no route exists (404) or an endpoint is excluded (400)', async () => {
    const none = await problemOf(await app.inject('/api/route?from=almaty&to=bandar-abbas&modes=sea'));
    expect(none.status).toBe(404);
    expect(none.detail).toMatch(/^no route: Almaty → Bandar Abbas/);
    const excluded = await problemOf(await app.inject('/api/route?from=almaty&to=tehran&avoidCountry=IR'));
    expect(excluded.status).toBe(400);
    expect(excluded.detail).toMatch(/the destination tehran is excluded/);
  });

  it('refuses a body over the size limit, and one that is not JSON', async () => {
    const large = await app.inject({
      method: 'POST',
      url: '/api/route',
      payload: { from: 'almaty', to: 'bandar-abbas', via: Array.from({ length: 600 }, () => 'aktau') },
    });
    expect((await problemOf(large)).status).toBe(413);
    const broken = await app.inject({
      method: 'POST',
      url: '/api/route',
      headers: { 'content-type': 'application/json' },
      payload: '{"from": "almaty",',
    });
    expect((await problemOf(broken)).status).toBe(400);
  });

  it('refuses over-long lists by field', async () => {
    const problem = await problemOf(
      await app.inject({
        method: 'POST',
        url: '/api/route',
        payload: {
          from: 'almaty',
          to: 'bandar-abbas',
          avoidNode: Array.from({ length: 101 }, (_, index) => `n${index}`),
        },
      }),
    );
    expect(problem.errors?.[0]?.field).toBe('avoidNode');
  });
});

describe('POST /api/reliability', () => {
  it('simulates the best routes with the deadline probability, reproducibly', async () => {
    const payload = { from: 'almaty', to: 'bandar-abbas', alternatives: 2, samples: 2000, seed: 7, deadline: 200 };
    const first = await app.inject({ method: 'POST', url: '/api/reliability', payload });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.settings).toEqual({ samples: 2000, seed: 7, borderCorrelation: 0, deadlineH: 200 });
    expect(body.routes).toHaveLength(2);
    expect(body.routes[0].reliability.onTimeProbability).toBeGreaterThanOrEqual(0);
    expect(body.routes[0].reliability.contributions.length).toBeGreaterThan(0);
    const second = await app.inject({ method: 'POST', url: '/api/reliability', payload });
    expect(second.json()).toEqual(body);
  });

  it('names the field of bad settings, and bounds the total work', async () => {
    const correlation = await problemOf(
      await app.inject({
        method: 'POST',
        url: '/api/reliability',
        payload: { from: 'almaty', to: 'bandar-abbas', borderCorrelation: 1.5 },
      }),
    );
    expect(correlation.errors).toEqual([{ field: 'borderCorrelation', message: 'expected ≤ 0.99' }]);
    const budget = await problemOf(
      await app.inject({
        method: 'POST',
        url: '/api/reliability',
        payload: { from: 'almaty', to: 'bandar-abbas', samples: 200_000, alternatives: 10 },
      }),
    );
    expect(budget.errors?.[0]?.field).toBe('samples');
  });
});

describe('the server as a whole', () => {
  it('publishes an OpenAPI document with every endpoint, and its docs page', async () => {
    const document = (await app.inject('/api/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/network', '/api/nodes', '/api/route', '/api/reliability']),
    );
    const routeParameters = document.paths['/api/route'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    for (const option of [
      'by',
      'alternatives',
      'method',
      'avoidCountry',
      'avoidNode',
      'avoidLink',
      'via',
      'modes',
      'year',
      'unit',
      'valueOfTime',
      'carbonPrice',
    ])
      expect(routeParameters).toContain(option);
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
  });

  it('sets security headers and no CORS headers, even for a cross-origin request', async () => {
    const response = await app.inject({ url: '/api/health', headers: { origin: 'https://elsewhere.example' } });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/route',
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unknown paths with problem+json', async () => {
    const problem = await problemOf(await app.inject('/api/nothing-here'));
    expect(problem).toMatchObject({ status: 404, detail: 'no such resource: GET /api/nothing-here' });
  });

  it('refuses a network larger than its limit', async () => {
    await expect(bundledNetworkServer({ limits: { networkNodes: 10 } })).rejects.toThrow(/at most 10 nodes/);
  });
});
