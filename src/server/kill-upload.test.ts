import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { tempDir, TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { storeDigest } from '../test-support/store-backends.js';
import { sweepStaleUploads } from './monitoring/upload.js';

const CLI_ENTRY = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

describe('kill -9 of the server during an HTTP import', () => {
  it('changes nothing in the store, and the next server removes the temporary file left', async () => {
    const dir = tempDir();
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const db = join(dir, 'store.sqlite');
    // tsx keeps its cache in the temporary folder too.
    const uploads = () => readdirSync(tmp).filter((name) => name.startsWith('caravan-upload-'));
    const token = await Store.using(db, async (store) => (await store.tokens.create('steward', 'steward')).token);
    const before = await storeDigest(db);
    const server = spawn(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        CLI_ENTRY,
        'serve',
        '--port',
        '0',
        '--db',
        db,
        '--data',
        TINY_NETWORK_DIR,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, TMPDIR: tmp } },
    );
    const url = await new Promise<string>((resolve) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Caravan web app: (\S+)/.exec(out);
        if (match !== null) resolve(match[1]!);
      });
    });
    // An upload that starts and never ends: the server has its temporary file open when it is killed.
    const upload = request(new URL('api/shipments/import', url), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b', authorization: `Bearer ${token}` },
    });
    upload.on('error', () => undefined);
    upload.write('--b\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\n\r\n');
    upload.write(`shipment_id,corridor\n${'x,kti\n'.repeat(50_000)}`);
    for (let i = 0; i < 400 && uploads().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(uploads()).toHaveLength(1);
    server.kill('SIGKILL');
    await new Promise((resolve) => server.on('close', resolve));
    upload.destroy();
    expect(sweepStaleUploads(tmp)).toBe(1);
    expect(uploads()).toEqual([]);
    expect(await storeDigest(db)).toEqual(before);
  }, 60_000);
});
