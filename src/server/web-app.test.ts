import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledNetworkServer } from '../test-support/api-server.js';
import { WEB_APP_VIEW_PATHS } from './web-app.js';

describe('the web app as the server sends it', () => {
  let app: FastifyInstance;
  let root: string;
  const page = '<!doctype html><title>Caravan</title>' + '<p>the app</p>'.repeat(200);
  const script = 'export const answer = 42;\n'.repeat(400);

  beforeAll(async () => {
    // A stand-in build: an index page and one asset with the Brotli copy the build writes beside it.
    root = mkdtempSync(join(tmpdir(), 'caravan-web-app-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), page);
    writeFileSync(join(root, 'assets', 'app-abc123.js'), script);
    writeFileSync(join(root, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    app = await bundledNetworkServer({ webAppDir: root });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers every view’s address with the app, so links, reloads and bookmarks open it', async () => {
    for (const path of ['/', ...WEB_APP_VIEW_PATHS]) {
      const response = await app.inject(path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['content-type'], path).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], path).toBe('no-cache');
      expect(response.body, path).toBe(page);
    }
    expect((await app.inject('/no-such-view')).statusCode).toBe(404);
  });

  it('sends the build’s own Brotli copy of an asset, and compresses API answers', async () => {
    const asset = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(asset.rawPayload).toString()).toBe(script);
    const network = await app.inject({ url: '/api/network', headers: { 'accept-encoding': 'gzip' } });
    expect(network.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject('/api/network');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(network.rawPayload).toString()).toBe(plain.body);
    expect(network.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });
});
