import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { bundledNetworkServer } from '../test-support/api-server.js';
import { runCli } from '../test-support/run-cli.js';
import { storeSmallSweep } from '../test-support/stored-sweep.js';
import type { Problem } from './problem.js';

let app: FastifyInstance;
let dir: string;
let db: string;
let id: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-sweeps-api-'));
  db = join(dir, 'store.sqlite');
  id = (await storeSmallSweep(dir, db, 3)).sweep.id;
  app = await bundledNetworkServer({ store: await Store.open(db) });
}, 300_000);

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/sweeps', () => {
  it('lists the stored sweeps as `caravan sweep list --json` does', async () => {
    const response = await app.inject('/api/sweeps');
    expect(response.statusCode).toBe(200);
    const cli = JSON.parse((await runCli('sweep', 'list', '--db', db, '--json')).stdout) as unknown[];
    expect(response.json()).toEqual({ sweeps: cli });
    expect(cli).toEqual([expect.objectContaining({ id, samples: 3, completed: 3 })]);
  });

  it('answers a sweep’s report, the same object `caravan sweep report --json` prints', async () => {
    const response = await app.inject(`/api/sweeps/${id}`);
    expect(response.statusCode).toBe(200);
    const cli = JSON.parse((await runCli('sweep', 'report', id, '--db', db, '--json')).stdout) as {
      sweep: { file: string };
    };
    const api = response.json() as typeof cli & {
      measures: { measure: string; year: number; targetMt: number | null; flowMt: { p5: number; p95: number } }[];
      drivers: { inputs: unknown[] }[];
    };
    // The sweep file is named relative to caravan's folder (or by its name alone), never by the server's paths.
    expect(api.sweep.file).not.toContain(dir);
    expect({ ...api, sweep: { ...api.sweep, file: '' } }).toEqual({ ...cli, sweep: { ...cli.sweep, file: '' } });
    const gateway = api.measures.filter((row) => row.measure === 'instc-east-gateway');
    expect(gateway.map((row) => [row.year, row.targetMt])).toEqual([
      [2027, 15],
      [2030, 20],
    ]);
    for (const row of gateway) expect(row.flowMt.p5).toBeLessThanOrEqual(row.flowMt.p95);
    expect(api.drivers.length).toBe(api.measures.length);
  });

  it('says what to run when a sweep is not stored, and when the server has no store', async () => {
    const missing = await app.inject('/api/sweeps/nowhere-0000000000');
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as Problem).detail).toMatch(/caravan sweep run scenarios\/sweeps\/targets\.yaml/);
    const bare = await bundledNetworkServer();
    try {
      const response = await bare.inject('/api/sweeps');
      expect(response.statusCode).toBe(503);
      expect((response.json() as Problem).detail).toMatch(/no store/);
    } finally {
      await bare.close();
    }
  });
});
