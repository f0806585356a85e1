import { describe, expect, it } from 'vitest';
import { loadEnergy } from '../data/load-energy.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { energyReportSchema } from '../energy/report-schema.js';
import { buildServer } from './build-server.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const energy = loadEnergy(BUNDLED_NETWORK_DIR, new Set(network.sources.map((source) => source.id)));

describe('the energy API', () => {
  it('answers the swaps as `caravan energy swaps --json` does, and documents the endpoints', async () => {
    const app = await buildServer({ network, energy, webAppDir: '/nonexistent' });
    const swaps = await app.inject({ method: 'GET', url: '/api/energy/swaps' });
    expect(swaps.statusCode).toBe(200);
    const report = energyReportSchema.parse(swaps.json());
    expect(report.swaps.find((swap) => swap.id === 'turkmenistan-iraq-2024')?.possible).toBe(20);
    const summary = await app.inject({ method: 'GET', url: '/api/energy' });
    expect(summary.json()).toMatchObject({ summary: { points: energy.points.length }, jointStatus: 'Optimal' });
    const geojson = (await app.inject({ method: 'GET', url: '/api/energy/geojson' })).json() as {
      features: { geometry: { type: string }; properties: { id: string; utilization?: number | null } }[];
    };
    const lines = geojson.features.filter((feature) => feature.geometry.type === 'LineString');
    expect(lines).toHaveLength(energy.links.length);
    expect(lines.find((line) => line.properties.id === 'dauletabad-sarakhs-khangiran')?.properties.utilization).toBe(1);
    const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: object };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/energy', '/api/energy/swaps', '/api/energy/geojson', '/api/energy/scenarios']),
    );
    await app.close();
  });

  it('runs a scenario body, and names the lever at fault', async () => {
    const app = await buildServer({ network, energy, webAppDir: '/nonexistent' });
    const ok = await app.inject({
      method: 'POST',
      url: '/api/energy/scenarios',
      payload: { name: 'x', levers: [{ type: 'capacity', link: 'iran-turkey-pipeline', reserved: 0 }] },
    });
    expect(ok.statusCode).toBe(200);
    const changed = (ok.json() as { comparison: { swaps: { id: string; changed: boolean }[] } }).comparison.swaps
      .filter((swap) => swap.changed)
      .map((swap) => swap.id);
    expect(changed).toEqual(['turkmenistan-turkiye-2025']);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/energy/scenarios',
      payload: { name: 'x', levers: [{ type: 'swap_volume', swap: 'tm-az', value: 3 }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'levers[0].swap' }] });
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/energy/scenarios',
      payload: { name: 'x', levers: [{ type: 'capacity', link: 'igat-6', value: 'big' }] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ errors: [{ field: expect.stringContaining('levers') }] });
    await app.close();
  });

  it('answers 404 when the network has no energy layers', async () => {
    const app = await buildServer({ network, webAppDir: '/nonexistent' });
    const response = await app.inject({ method: 'GET', url: '/api/energy/swaps' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ detail: expect.stringContaining('no energy layers') });
    await app.close();
  });
});
