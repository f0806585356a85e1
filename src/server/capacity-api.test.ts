import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioCapacitySchema } from '../corridor/capacity-schema.js';
import { bundledNetworkServer } from '../test-support/api-server.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await bundledNetworkServer({});
});
afterAll(() => app.close());

describe('GET /api/scenarios/{id}/capacity', () => {
  it("gives each measure's capacity on the scenario's network, as caravan capacity --json does", async () => {
    const response = await app.inject('/api/scenarios/trend-2027/capacity');
    expect(response.statusCode).toBe(200);
    const body = scenarioCapacitySchema.parse(response.json());
    expect(body).toMatchObject({ scenario: 'trend-2027', year: 2027 });
    const kti = body.measures.find((m) => m.measure === 'kti-gateway')!;
    expect(kti.capacityMt).toBe(8.8);
    expect(kti.binding.map((row) => row.id)).toEqual(['inche-burun', 'inche-burun']);
    expect(kti.target).toEqual({ year: 2027, mt: 15 });
  });

  it('answers 404 for an unknown scenario, naming the known ones', async () => {
    const response = await app.inject('/api/scenarios/nope/capacity');
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain('trend-2027');
  });

  it('is in the OpenAPI document', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(spec.paths['/api/scenarios/{id}/capacity'].get.tags).toEqual(['capacity']);
  });
});
