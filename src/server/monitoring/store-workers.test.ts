import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { loadNetwork } from '../../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../../data/paths.js';
import { shipmentsCsv } from '../../data/shipments-csv.js';
import { generateShipments } from '../../monitoring/generate.js';
import { Store } from '../../store/store.js';
import { tempDir } from '../../test-support/fixture-network.js';
import { multipartFile } from '../../test-support/multipart.js';
import { buildServer } from '../build-server.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const GOOD = shipmentsCsv(generateShipments(network, { rows: 300, seed: 'store-workers' }), []);
/** The same file with one row too short: rejected at its line, so nothing of the file is imported. */
const BAD = `${GOOD.trimEnd()}\nshort,row\n`;

/** What a client sees of a sequence of imports and indicator requests, as comparable values. */
async function session(storeWorkers: number) {
  const store = await Store.open(join(tempDir(), 'store.sqlite'));
  const token = (await store.tokens.create('tests', 'steward')).token;
  const reads = [vi.spyOn(store, 'indicators'), vi.spyOn(store, 'visits'), vi.spyOn(store, 'visitsOfShipments')];
  const app: FastifyInstance = await buildServer({ network, store, webAppDir: '/nonexistent', storeWorkers });
  const upload = async (content: string) => {
    const { payload, headers } = multipartFile('file', 'shipments.csv', content);
    const response = await app.inject({
      method: 'POST',
      url: '/api/shipments/import',
      payload,
      headers: { ...headers, authorization: `Bearer ${token}` },
    });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() as unknown };
  };
  const indicators = async (query = '') => (await app.inject(`/api/indicators${query}`)).json() as unknown;
  const answers = [
    await indicators(),
    await upload('not,a,shipments,file\n1,2,3,4\n'),
    await upload(BAD),
    await upload(GOOD),
    await upload(GOOD),
    await indicators(),
    await indicators('?by=month&corridor=kti'),
  ];
  const storeReadsOnServerThread = reads.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
  await app.close();
  return { answers, storeReadsOnServerThread };
}

describe('imports and indicators on store worker threads', () => {
  it('answer what the server thread answers, all or nothing, without reading the store on the server thread', async () => {
    const inThread = await session(0);
    const onWorkers = await session(2);
    expect(onWorkers.answers).toEqual(inThread.answers);
    const [, header, bad, good, again] = onWorkers.answers as { status: number; body: never }[];
    const after = onWorkers.answers[5] as { shipments: number };
    expect([header!.status, bad!.status, good!.status, again!.status]).toEqual([400, 422, 200, 200]);
    expect(good!.body).toMatchObject({ imported: true, rejected: 0 });
    expect(again!.body).toMatchObject({ new: 0 });
    expect(after.shipments).toBeGreaterThan(0);
    expect(inThread.storeReadsOnServerThread).toBeGreaterThan(0);
    expect(onWorkers.storeReadsOnServerThread).toBe(0);
  }, 60_000);
});
