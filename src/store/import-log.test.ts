import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { runCli } from '../test-support/run-cli.js';
import { BACKENDS, freshStoreUrl, PG_TEST_URL, storeDigest, type Backend } from '../test-support/store-backends.js';

const TINY = ['--data', TINY_NETWORK_DIR];
const CLI_ENTRY = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const HEADER =
  'shipment_id,corridor,mode,cargo_t,teu,seq,node,arrival,departure,official_cost_usd,unofficial_cost_usd,delay_reason';
const row = (seq: number, node: string, arrival: string, departure: string) =>
  `A-1,kti,rail,60,,${seq},${node},${arrival},${departure},10,0,none`;

/** A shipment's first checkpoint, then two files that each continue it validly, but not both together. */
function files(dir: string) {
  const write = (name: string, ...rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`);
    return path;
  };
  return {
    base: write('base.csv', row(1, 'uzen', '2025-01-10T08:00+05:00', '2025-01-10T10:00+05:00')),
    // Leaves bolashak at 06:00 on the 11th…
    second: write('second.csv', row(2, 'bolashak', '2025-01-10T20:00+05:00', '2025-01-11T06:00+05:00')),
    // …while this one arrives at etrek at midnight: after the base, before the second's departure.
    third: write('third.csv', row(3, 'etrek', '2025-01-11T00:00+05:00', '2025-01-11T12:00+05:00')),
  };
}

/** `caravan shipments import` in a process of its own, as two operators at two terminals would run it. */
function importInProcess(file: string, db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), CLI_ENTRY, 'shipments', 'import', file, '--db', db, ...TINY, '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.each(BACKENDS)('imports on %s', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;

  it.skipIf(skip)('two concurrent imports that together break the ordering rule: exactly one succeeds', async () => {
    const db = freshStoreUrl(backend);
    const { base, second, third } = files(tempDir());
    expect((await runCli('shipments', 'import', base, '--db', db, ...TINY)).code).toBe(0);
    const results = await Promise.all([importInProcess(second, db), importInProcess(third, db)]);
    expect(results.map((result) => result.code).sort()).toEqual([0, 2]);
    for (const result of results) expect(result.stderr).not.toMatch(/internal error|UNIQUE|duplicate key|\n\s+at /);
    expect((await storeDigest(db)).counts.checkpoints).toBe(2);
  });

  it.skipIf(skip)('the same file imported twice at once: one import, no constraint error', async () => {
    const db = freshStoreUrl(backend);
    const { base } = files(tempDir());
    const results = await Promise.all([importInProcess(base, db), importInProcess(base, db)]);
    expect(
      results.map((result) => result.code),
      results.map((result) => result.stderr).join('\n'),
    ).toEqual([0, 0]);
    const news = results.map((result) => (JSON.parse(result.stdout) as { new: number }).new).sort();
    expect(news).toEqual([0, 1]);
    const { counts } = await storeDigest(db);
    expect(counts).toMatchObject({ imports: 1, checkpoints: 1 });
  });

  it.skipIf(skip)('lists imports with who made them, and reverts one in a transaction', async () => {
    const db = freshStoreUrl(backend);
    const { base, second } = files(tempDir());
    await runCli('shipments', 'import', base, '--db', db, ...TINY);
    const before = await storeDigest(db);
    await runCli('shipments', 'import', second, '--db', db, ...TINY);
    const list = await runCli('imports', 'list', '--db', db, '--json');
    const { imports } = JSON.parse(list.stdout) as { imports: { id: number; actor: string; rowsNew: number }[] };
    expect(imports).toHaveLength(2);
    expect(imports[0]!.actor).toMatch(/^cli /);

    const refused = await runCli('imports', 'revert', String(imports[0]!.id), '--db', db);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/import 2 continues its shipments; revert it first/);

    const reverted = await runCli('imports', 'revert', String(imports[1]!.id), '--db', db);
    expect(reverted).toMatchObject({ code: 0, stdout: 'reverted import 2: 1 row removed\n' });
    expect((await storeDigest(db)).counts.checkpoints).toBe(before.counts.checkpoints);
    const again = await runCli('imports', 'revert', String(imports[1]!.id), '--db', db);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/was reverted already/) });
    expect((await runCli('imports', 'revert', '1', '--db', db)).code).toBe(0);
    expect((await storeDigest(db)).counts).toMatchObject({ imports: 2, shipments: 0, checkpoints: 0 });
    const text = await runCli('imports', 'list', '--db', db);
    expect(text.stdout.split('\n').filter((line) => / by cli /.test(line))).toHaveLength(2);
    // The file can come again once reverted.
    expect(JSON.parse((await runCli('shipments', 'import', base, '--db', db, ...TINY, '--json')).stdout)).toMatchObject(
      { new: 1 },
    );
  });

  it.skipIf(skip)('creates, lists and revokes tokens, showing each token only once', async () => {
    const db = freshStoreUrl(backend);
    const created = await runCli('tokens', 'create', 'statistics office', '--role', 'steward', '--db', db);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^cvn_1_[A-Za-z0-9_-]{43}$/);
    const list = await runCli('tokens', 'list', '--db', db, '--json');
    expect(list.stdout).not.toContain(token.slice(6));
    expect(JSON.parse(list.stdout)).toMatchObject({
      tokens: [{ tokenId: 1, name: 'statistics office', role: 'steward' }],
    });
    expect((await runCli('tokens', 'create', 'x', '--role', 'root', '--db', db)).code).toBe(2);
    expect(await runCli('tokens', 'revoke', '1', '--db', db)).toMatchObject({ code: 0, stdout: 'revoked token 1\n' });
    expect((await runCli('tokens', 'revoke', '1', '--db', db)).code).toBe(2);
  });
});
