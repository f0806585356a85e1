import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipmentsCsv } from '../data/shipments-csv.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { generateShipments } from '../monitoring/generate.js';
import { Store } from '../store/store.js';
import { bundledNetworkServer } from '../test-support/api-server.js';
import { multipartFile } from '../test-support/multipart.js';
import type { Problem } from './problem.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

function problemOf(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.headers['content-type']).toBe(PROBLEM);
  const problem = JSON.parse(response.body) as Problem & Record<string, unknown>;
  expect(problem.status).toBe(response.statusCode);
  return problem;
}

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
/** 400 synthetic checkpoint visits on the bundled network, as `caravan shipments generate` writes them. */
const SYNTHETIC = shipmentsCsv(generateShipments(network, { rows: 400, seed: 'api' }), ['SYNTHETIC DATA for tests']);

let app: FastifyInstance;
let store: Store;
/** Imports need a data steward's token (src/server/access.test.ts tests the refusals). */
let steward: Record<string, string>;
/** The store is a temporary SQLite file, as `caravan serve` opens ./caravan.sqlite. */
const folder = mkdtempSync(join(tmpdir(), 'caravan-api-'));
beforeAll(async () => {
  store = await Store.open(join(folder, 'store.sqlite'));
  steward = { authorization: `Bearer ${(await store.tokens.create('tests', 'steward')).token}` };
  app = await bundledNetworkServer({ store, limits: { uploadBytes: 200_000 } });
});
afterAll(async () => {
  await app.close();
  rmSync(folder, { recursive: true, force: true });
});

const upload = (server: FastifyInstance, content: string, field = 'file', filename = 'shipments.csv') => {
  const { payload, headers } = multipartFile(field, filename, content);
  return server.inject({ method: 'POST', url: '/api/shipments/import', payload, headers: { ...headers, ...steward } });
};

describe('the monitoring endpoints on an empty store', () => {
  it('report no shipments, and the bundled targets', async () => {
    const indicators = await app.inject('/api/indicators');
    expect(indicators.statusCode).toBe(200);
    expect(indicators.json()).toMatchObject({ by: 'quarter', shipments: 0, nodes: [], periods: [] });
    const targets = await app.inject('/api/targets');
    expect(targets.statusCode).toBe(200);
    const body = targets.json() as { targets: { target: { indicator: string } }[]; importedRecords: number };
    expect(body.targets.length).toBeGreaterThan(0);
    expect(body.importedRecords).toBe(0);
  });
});

describe('POST /api/shipments/import', () => {
  it('refuses a file with one bad row whole, naming its line and column, and imports nothing', async () => {
    const lines = SYNTHETIC.split('\n');
    const header = lines.findIndex((line) => line.startsWith('shipment_id,'));
    const bad = header + 3;
    const cells = lines[bad]!.split(',');
    cells[lines[header]!.split(',').indexOf('cargo_t')] = 'heavy';
    lines[bad] = cells.join(',');
    const response = await upload(app, lines.join('\n'));
    expect(response.statusCode).toBe(422);
    const problem = problemOf(response);
    expect(problem.detail).toMatch(/^nothing imported: 1 row was rejected/);
    expect(problem['rejectedRows']).toEqual([
      { line: bad + 1, field: 'cargo_t', message: expect.stringContaining('"heavy"') },
    ]);
    expect(problem.errors).toEqual([
      { field: 'file', message: expect.stringMatching(new RegExp(`^line ${bad + 1}: cargo_t: `)) },
    ]);
    expect(problem['summary']).toMatchObject({ rowsRead: 400, rejected: 1, new: 0, imported: false });
    expect((await store.counts()).checkpoints).toBe(0);
  });

  it('imports a valid file, and adds nothing when the same file comes again', async () => {
    const first = await upload(app, SYNTHETIC);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ file: 'shipments.csv', rowsRead: 400, new: 400, rejected: 0, imported: true });
    const again = await upload(app, SYNTHETIC);
    expect(again.json()).toMatchObject({ new: 0, duplicates: 400, imported: false });
    expect((await store.counts()).checkpoints).toBe(400);
  });

  it('refuses what is not a multipart upload of one file in the field "file"', async () => {
    const json = problemOf(
      await app.inject({ method: 'POST', url: '/api/shipments/import', payload: { file: 'a,b' }, headers: steward }),
    );
    expect(json.status).toBe(415);
    expect(json.errors?.[0]?.field).toBe('file');
    const wrongField = problemOf(await upload(app, SYNTHETIC, 'shipments'));
    expect(wrongField).toMatchObject({ status: 400, errors: [{ field: 'file' }] });
    const notShipments = problemOf(await upload(app, 'name,value\nx,1\n'));
    expect(notShipments.status).toBe(400);
    expect(notShipments.detail).toMatch(/^cannot import: shipments\.csv/);
  });

  it('refuses a file over the upload limit', async () => {
    const large = problemOf(await upload(app, SYNTHETIC.repeat(10)));
    expect(large.status).toBe(413);
    expect(large.detail).toBe('the uploaded file is larger than this server accepts');
  });
});

describe('GET /api/indicators', () => {
  it('computes the indicators of the stored shipments by period, marked synthetic', async () => {
    const report = (await app.inject('/api/indicators?by=month')).json() as {
      by: string;
      shipments: number;
      syntheticShipments: number;
      nodes: { kind: string; dwellH: { median: number; p90: number } }[];
    };
    expect(report.by).toBe('month');
    expect(report.shipments).toBeGreaterThan(10);
    expect(report.syntheticShipments).toBe(report.shipments);
    const border = report.nodes.find((row) => row.kind === 'border_crossing')!;
    expect(border.dwellH.p90).toBeGreaterThanOrEqual(border.dwellH.median);
  });

  it('answers the same indicators as the CLI’s flat CSV with format=csv', async () => {
    const json = (await app.inject('/api/indicators?by=month')).json() as { nodes: unknown[]; corridors: unknown[] };
    const response = await app.inject('/api/indicators?by=month&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = response.body.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^level,period,node,from,to,corridor,n,/);
    expect(rows.filter((row) => row.startsWith('node,')).length).toBe(json.nodes.length);
    expect(rows.filter((row) => row.startsWith('corridor,')).length).toBe(json.corridors.length);
    // Compressed as a browser asks for it: the CSV, not an empty body (an async handler that sent the CSV and
    // answered undefined sent nothing once the compression made the send asynchronous).
    const compressed = await app.inject({
      url: '/api/indicators?by=month&format=csv',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(compressed.rawPayload).toString('utf8')).toBe(response.body);
  });

  it('filters by corridor and by checkpoint, named by id or name', async () => {
    const report = (await app.inject('/api/indicators?corridor=kti')).json() as { filters: { corridor: string } };
    expect(report.filters).toEqual({ corridor: 'kti' });
    const byName = (await app.inject('/api/indicators?node=Sarakhs')).json() as { filters: { node: string } };
    expect(byName.filters.node).toMatch(/^sarakhs/);
  });

  it('names the field of a bad period, corridor or checkpoint', async () => {
    const fields = async (query: string) =>
      problemOf(await app.inject(`/api/indicators?${query}`)).errors?.map((error) => error.field);
    expect(await fields('by=year')).toEqual(['by']);
    expect(await fields('corridor=silk-road')).toEqual(['corridor']);
    const node = problemOf(await app.inject('/api/indicators?node=bandar-abas'));
    expect(node.errors).toEqual([{ field: 'node', message: expect.stringContaining('did you mean "bandar-abbas"') }]);
  });

  it('says so when the server has no store', async () => {
    const storeless = await bundledNetworkServer();
    try {
      const problem = problemOf(await storeless.inject('/api/indicators'));
      expect(problem.status).toBe(503);
      expect(problem.detail).toMatch(/no store of shipment records/);
    } finally {
      await storeless.close();
    }
  });
});

describe('GET /api/indicators/time-distance', () => {
  it('draws every stored trip once, on lines labelled SYNTHETIC, each monotone in km, hours and USD/t', async () => {
    const report = (await app.inject('/api/indicators')).json() as { shipments: number };
    const response = await app.inject('/api/indicators/time-distance');
    expect(response.statusCode).toBe(200);
    const chart = response.json() as {
      series: { corridor: string; label: string; trips: number; points: Record<string, number>[] }[];
      unmeasured: string[];
    };
    expect(chart.series.length).toBeGreaterThan(0);
    expect(chart.unmeasured).toEqual([]);
    expect(chart.series.reduce((n, line) => n + line.trips, 0)).toBe(report.shipments);
    for (const line of chart.series) {
      expect(line.label).toBe('SYNTHETIC');
      for (let i = 1; i < line.points.length; i++) {
        const [a, b] = [line.points[i - 1]!, line.points[i]!];
        expect(b.km!).toBeGreaterThan(a.km!);
        expect(b.arrivalH!).toBeGreaterThanOrEqual(a.departureH!);
        expect(b.departureUsdPerT!).toBeGreaterThanOrEqual(b.arrivalUsdPerT!);
      }
    }
    const corridor = chart.series[0]!.corridor;
    const one = (await app.inject(`/api/indicators/time-distance?corridor=${corridor}`)).json() as typeof chart;
    expect(one.series).toEqual(chart.series.filter((line) => line.corridor === corridor));
  });

  it('names the field of a bad corridor or checkpoint', async () => {
    const problem = problemOf(await app.inject('/api/indicators/time-distance?node=bandar-abas'));
    expect(problem.errors).toEqual([
      { field: 'node', message: expect.stringContaining('did you mean "bandar-abbas"') },
    ]);
    const corridor = problemOf(await app.inject('/api/indicators/time-distance?corridor=silk-road'));
    expect(corridor.errors?.map((error) => error.field)).toEqual(['corridor']);
  });
});

describe('the API document', () => {
  it('lists the scenario and monitoring endpoints', async () => {
    const document = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/scenarios',
        '/api/scenarios/{id}/runs',
        '/api/jobs/{id}',
        '/api/scenarios/diff',
        '/api/shipments/import',
        '/api/indicators',
        '/api/indicators/time-distance',
        '/api/targets',
      ]),
    );
  });
});

describe('the indicator report cache', () => {
  it('answers from the cache until the next import, by any process, then recomputes', async () => {
    const before = (await app.inject('/api/indicators?by=quarter')).json() as { shipments: number };
    expect((await app.inject('/api/indicators?by=quarter')).json()).toEqual(before);
    // An import straight into the store, as `caravan shipments import` in another process would do it.
    const more = generateShipments(network, { rows: 60, seed: 'cache' }).map((visit) => ({
      ...visit,
      shipmentId: `CACHE-${visit.shipmentId}`,
    }));
    await store.saveShipments({ kind: 'shipments', file: 'cache.csv', sha256: '', rowsRead: more.length }, more);
    const after = (await app.inject('/api/indicators?by=quarter')).json() as { shipments: number };
    expect(after.shipments).toBe(before.shipments + new Set(more.map((visit) => visit.shipmentId)).size);
  });
});
