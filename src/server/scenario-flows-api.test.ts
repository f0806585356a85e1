import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledNetworkServer } from '../test-support/api-server.js';
import type { Problem } from './problem.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await bundledNetworkServer();
});
afterAll(() => app.close());

interface LinkFlow {
  link: string;
  forwardMt: number;
  backwardMt: number;
  totalMt: number;
  vc?: number;
}

/** Runs a scenario as the web app does (POST, then the job until it has finished) and gives its link flows. */
async function runFlows(id: string): Promise<LinkFlow[]> {
  let job = (await app.inject({ method: 'POST', url: `/api/scenarios/${id}/runs`, payload: {} })).json() as {
    id: string;
    status: string;
    result?: { links: LinkFlow[] };
  };
  for (let attempt = 0; attempt < 1200 && (job.status === 'running' || job.status === 'queued'); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = (await app.inject(`/api/jobs/${job.id}`)).json() as typeof job;
  }
  expect(job.status).toBe('succeeded');
  return job.result!.links;
}

describe('GET /api/scenarios/{id}/flows', () => {
  it('says how to start a run it does not have yet, and names a bad format', async () => {
    const missing = await app.inject('/api/scenarios/baseline-2024/flows?format=csv');
    expect(missing.statusCode).toBe(409);
    expect((missing.json() as Problem).detail).toMatch(/POST \/api\/scenarios\/baseline-2024\/runs/);
    const format = await app.inject('/api/scenarios/baseline-2024/flows?format=xlsx');
    expect(format.statusCode).toBe(400);
    expect((format.json() as Problem).errors?.[0]?.field).toBe('format');
    expect((await app.inject('/api/scenarios/nowhere/flows')).statusCode).toBe(404);
  });

  it('answers the flows of a finished run as GeoJSON and CSV, link for link the job’s own', async () => {
    const flows = await runFlows('trend-2027');
    const geojson = await app.inject('/api/scenarios/trend-2027/flows?format=geojson');
    expect(geojson.statusCode).toBe(200);
    expect(geojson.headers['content-type']).toMatch(/^application\/geo\+json/);
    const collection = geojson.json() as {
      type: string;
      features: { geometry: { type: string; coordinates: number[][] }; properties: Record<string, unknown> }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((feature) => feature.properties['link'])).toEqual(flows.map((flow) => flow.link));
    for (const [index, feature] of collection.features.entries()) {
      expect(feature.geometry.type).toBe('LineString');
      expect(feature.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(feature.properties['total_mt']).toBe(flows[index]!.totalMt);
      expect(feature.properties['vc']).toBe(flows[index]!.vc ?? null);
    }

    // As a browser asks for it, compressed: the whole CSV, not an empty body.
    const csv = await app.inject({
      url: '/api/scenarios/trend-2027/flows?format=csv',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = gunzipSync(csv.rawPayload).toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('scenario,year,link,mode,from,to,km,forward_mt,backward_mt,total_mt,vc');
    expect(lines).toHaveLength(flows.length + 1);
    for (const [index, line] of lines.slice(1).entries()) {
      const cells = line.split(',');
      expect(cells.slice(0, 3)).toEqual(['trend-2027', '2027', flows[index]!.link]);
      expect(Number(cells[9])).toBeCloseTo(flows[index]!.totalMt, 3);
      expect(Number(cells[7]) + Number(cells[8])).toBeCloseTo(flows[index]!.totalMt, 2);
    }
  });
});
