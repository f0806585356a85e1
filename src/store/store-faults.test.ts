import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { shipmentsCsv } from '../data/shipments-csv.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { generateShipments } from '../monitoring/generate.js';
import { bundledNetworkServer } from '../test-support/api-server.js';
import { tempDir } from '../test-support/fixture-network.js';
import { multipartFile } from '../test-support/multipart.js';
import { freshStoreUrl, PG_TEST_URL } from '../test-support/store-backends.js';
import { withPgClient } from './postgres.js';
import { importShipmentsFile } from './import-shipments.js';
import { Store } from './store.js';
import { StoreFaultError, asStoreFault } from './store-errors.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const CSV = shipmentsCsv(generateShipments(network, { rows: 1000, seed: 'faults' }), ['SYNTHETIC DATA for tests']);

function csvFile(): string {
  const path = join(tempDir(), 'shipments.csv');
  writeFileSync(path, CSV);
  return path;
}

/** A store whose file may not grow beyond its present pages: what a full disk looks like to SQLite. */
async function fullStore(): Promise<Store> {
  const store = await Store.open(freshStoreUrl('sqlite'));
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(store.db);
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count + 2}`).execute(store.db);
  return store;
}

describe('a full or read-only store', () => {
  it('reports a full disk as such, and keeps the store as it was', async () => {
    const store = await fullStore();
    const before = await store.counts();
    const error = await importShipmentsFile(store, network, csvFile()).catch((thrown: unknown) => thrown);
    const fault = asStoreFault(error);
    expect(fault).toBeInstanceOf(StoreFaultError);
    expect((fault as StoreFaultError).kind).toBe('full');
    expect((fault as StoreFaultError).message).toMatch(/^the store is full.*nothing was written/);
    expect(String((error as Error).message)).not.toMatch(/cannot rollback/);
    expect(await store.counts()).toEqual(before);
    await store.close();
  });

  it('answers an upload to a full or read-only store with 503, naming neither path nor driver', async () => {
    for (const kind of ['full', 'read-only'] as const) {
      const store = kind === 'full' ? await fullStore() : await Store.open(freshStoreUrl('sqlite'));
      if (kind === 'read-only') await sql`pragma query_only = 1`.execute(store.db);
      const { token } = await Store.using(store.location, (writer) => writer.tokens.create('steward', 'steward'));
      const app = await bundledNetworkServer({ store });
      const body = multipartFile('file', 'shipments.csv', CSV);
      const response = await app.inject({
        method: 'POST',
        url: '/api/shipments/import',
        payload: body.payload,
        headers: { ...body.headers, authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, kind).toBe(503);
      const problem = response.json() as { detail: string };
      expect(problem.detail).toMatch(kind === 'full' ? /^the store is full/ : /^the store is read-only/);
      expect(response.body).not.toMatch(/sqlite|\/tmp\//i);
      expect((await store.counts()).checkpoints).toBe(0);
      await app.close();
    }
  });
});

describe.skipIf(PG_TEST_URL === undefined)('PostgreSQL dropping the connections of a running server', () => {
  it('keeps the server up: health says degraded only while the store is away, and reads recover', async () => {
    const url = freshStoreUrl('postgres');
    const store = await Store.open(url);
    const app = await bundledNetworkServer({ store });
    expect((await app.inject('/api/indicators')).statusCode).toBe(200);
    // What a restart or failover does to the pool's idle connections.
    await withPgClient(PG_TEST_URL!, (client) =>
      client.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database()',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await app.inject('/api/indicators')).statusCode).toBe(200);
    expect((await app.inject('/api/health')).json()).toMatchObject({ status: 'ok', store: 'ok' });
    await app.close();
  });

  it('answers 503 and degraded health while the server is away, and recovers when it is back', async () => {
    const proxy = await TcpProxy.start(new URL(PG_TEST_URL!));
    const url = new URL(freshStoreUrl('postgres'));
    url.host = `127.0.0.1:${proxy.port}`;
    const store = await Store.open(url.toString());
    const app = await bundledNetworkServer({ store });
    expect((await app.inject('/api/health')).json()).toMatchObject({ status: 'ok', store: 'ok' });
    await proxy.stop();
    const health = await app.inject('/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', store: 'unavailable' });
    const indicators = await app.inject('/api/indicators');
    expect(indicators.statusCode).toBe(503);
    expect(indicators.json()).toMatchObject({ detail: expect.stringMatching(/^the store is unavailable/) });
    expect(indicators.body).not.toContain(String(proxy.port));
    await proxy.resume();
    expect((await app.inject('/api/indicators')).statusCode).toBe(200);
    expect((await app.inject('/api/health')).json()).toMatchObject({ status: 'ok' });
    await app.close();
    await proxy.stop();
  });

  it.runIf(process.env['CARAVAN_TEST_PG_RESTART'] !== undefined)(
    'survives a real restart of the PostgreSQL server',
    async () => {
      const store = await Store.open(freshStoreUrl('postgres'));
      const app = await bundledNetworkServer({ store });
      expect((await app.inject('/api/indicators')).statusCode).toBe(200);
      execFileSync(process.env['CARAVAN_TEST_PG_RESTART']!, { stdio: 'ignore' });
      expect((await app.inject('/api/indicators')).statusCode).toBe(200);
      expect((await app.inject('/api/health')).json()).toMatchObject({ status: 'ok', store: 'ok' });
      await app.close();
    },
    60_000,
  );
});

/** A TCP relay to the PostgreSQL server that can be cut (every connection dropped, new ones refused) and restored. */
class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly target: URL,
    public port: number,
  ) {}

  static async start(target: URL): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, 0);
    await proxy.resume();
    return proxy;
  }

  async resume(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  }
}
