import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipmentsCsv } from '../data/shipments-csv.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { generateShipments } from '../monitoring/generate.js';
import { listImports } from '../store/import-log.js';
import { Store } from '../store/store.js';
import { bundledNetworkServer } from '../test-support/api-server.js';
import { multipartFile } from '../test-support/multipart.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const CSV = shipmentsCsv(generateShipments(network, { rows: 60, seed: 'access' }), ['SYNTHETIC DATA for tests']);

let app: FastifyInstance;
let store: Store;
const bearer: Record<'viewer' | 'steward' | 'admin', string> = { viewer: '', steward: '', admin: '' };
const log: string[] = [];
const folder = mkdtempSync(join(tmpdir(), 'caravan-access-'));

beforeAll(async () => {
  store = await Store.open(join(folder, 'store.sqlite'));
  for (const role of ['viewer', 'steward', 'admin'] as const)
    bearer[role] = `Bearer ${(await store.tokens.create(`${role} of the tests`, role)).token}`;
  app = await bundledNetworkServer({ store, log: { level: 'info', stream: { write: (line) => log.push(line) } } });
});
afterAll(async () => {
  await app.close();
  rmSync(folder, { recursive: true, force: true });
});

function importRequest(headers: Record<string, string> = {}) {
  const body = multipartFile('file', 'shipments.csv', CSV);
  return app.inject({
    method: 'POST',
    url: '/api/shipments/import',
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  });
}

describe('tokens and roles', () => {
  it('refuses a write without a token with 401, naming the role it needs', async () => {
    const response = await importRequest();
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toMatchObject({ status: 401, detail: expect.stringContaining('steward') });
    expect((await store.counts()).checkpoints).toBe(0);
  });

  it('refuses a write with a viewer token with 403, and an unknown or malformed token with 401', async () => {
    expect((await importRequest({ authorization: bearer.viewer })).statusCode).toBe(403);
    const forged = bearer.steward.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await importRequest({ authorization: forged })).statusCode).toBe(401);
    expect((await importRequest({ authorization: 'Bearer nonsense' })).statusCode).toBe(401);
    expect((await store.counts()).checkpoints).toBe(0);
  });

  it("imports with a steward's token and logs who imported the file", async () => {
    const response = await importRequest({ authorization: bearer.steward });
    expect(response.statusCode).toBe(200);
    const [entry] = await listImports(store);
    expect(entry).toMatchObject({ actor: 'token steward of the tests', file: 'shipments.csv', rowsNew: 60 });
  });

  it('lets anyone read on loopback, and refuses a revoked token at once', async () => {
    expect((await app.inject('/api/network/summary')).statusCode).toBe(200);
    const { token, info } = await store.tokens.create('short-lived', 'admin');
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/network/summary', headers })).statusCode).toBe(200);
    await store.tokens.revoke(info.tokenId);
    expect((await app.inject({ url: '/api/network/summary', headers })).statusCode).toBe(401);
  });

  it('stores only hashes: no token text is in the store', async () => {
    const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const value of Object.values(bearer)) expect(dump).not.toContain(value.slice('Bearer cvn_1_'.length));
  });
});

describe('cross-origin and Host checks', () => {
  it('refuses a cross-origin form POST with 403, even with a token', async () => {
    for (const headers of [
      { origin: 'http://evil.example' },
      { origin: 'http://evil.example', authorization: bearer.steward },
      { 'sec-fetch-site': 'cross-site', authorization: bearer.steward },
      { origin: 'null', authorization: bearer.steward },
    ]) {
      const response = await importRequest(headers);
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const form = await app.inject({
      method: 'POST',
      url: '/api/route',
      payload: 'from=almaty&to=tehran',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(403);
  });

  it('accepts a same-origin write', async () => {
    const response = await importRequest({ origin: 'http://localhost:80', authorization: bearer.steward });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a request for another Host (DNS rebinding) with 421', async () => {
    const response = await app.inject({ url: '/api/indicators', headers: { host: 'evil.example:8080' } });
    expect(response.statusCode).toBe(421);
    expect(response.body).not.toContain('unofficial');
    expect((await app.inject({ url: '/api/health', headers: { host: '127.0.0.1:8080' } })).statusCode).toBe(200);
  });
});

describe('a server reachable from other machines', () => {
  it('needs a token for every API request but the health probe', async () => {
    const shared = await bundledNetworkServer({
      store: await Store.open(':memory:'),
      access: { anonymousRead: false, allowedHosts: ['caravan.example'] },
    });
    const host = { host: 'caravan.example' };
    expect((await shared.inject({ url: '/api/health', headers: host })).statusCode).toBe(200);
    expect((await shared.inject({ url: '/api/network/summary', headers: host })).statusCode).toBe(401);
    expect((await shared.inject({ url: '/api/network/summary', headers: { host: 'localhost' } })).statusCode).toBe(421);
    await shared.close();
  });
});

describe('request ids', () => {
  it('names the request id of a 500 in the answer and in the log', async () => {
    const broken = await Store.open(':memory:');
    const server = await bundledNetworkServer({
      store: broken,
      log: { level: 'info', stream: { write: (line) => log.push(line) } },
    });
    await broken.db.destroy();
    const response = await server.inject('/api/indicators');
    expect(response.statusCode).toBe(500);
    const problem = response.json() as { detail: string; requestId: string };
    expect(problem.requestId).toMatch(/^req-[0-9a-f]{12}$/);
    expect(problem.detail).toContain(problem.requestId);
    expect(response.headers['x-request-id']).toBe(problem.requestId);
    const lines = log.map((line) => JSON.parse(line) as { reqId?: string; level: number; err?: { stack?: string } });
    expect(lines.find((line) => line.reqId === problem.requestId && line.level === 50)?.err?.stack).toBeDefined();
    expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    await server.close().catch(() => undefined);
  });

  it('answers bad URLs and over-long ids as problem+json with the security headers', async () => {
    for (const url of ['/api/nodes/%E0%A4%A', `/api/scenarios/${'x'.repeat(300)}/capacity`]) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['content-security-policy']).toBeDefined();
      expect(response.headers['x-request-id']).toMatch(/^req-/);
    }
  });
});
