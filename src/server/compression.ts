import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses every text answer (JSON, GeoJSON, CSV, HTML, the API docs) for clients that accept it. Brotli at
 * quality 5, not the default 11: the network GeoJSON is compressed on each request, and quality 11 costs ten times
 * the CPU for a few per cent. The web app's own assets are compressed once at build time and served as they are
 * (web-app.ts), so this leaves them alone.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
}
