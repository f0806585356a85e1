import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from '../data/paths.js';

/** Where `npm run build` puts the web app (built by Vite from web/). */
export const WEB_APP_DIR = join(PACKAGE_ROOT, 'dist', 'web');

/**
 * The paths of the app's views besides / (web/src/views/index.ts): each answers the app itself, so that a shared
 * link, a reload or a bookmark of a view opens that view instead of a 404.
 */
export const WEB_APP_VIEW_PATHS = [
  '/route',
  '/flows',
  '/compare',
  '/monitoring',
  '/scorecard',
  '/sweeps',
  '/network',
] as const;

/**
 * Serves the built web app at /. Vite names every asset by its content hash, so assets are cached for good and
 * only index.html is revalidated. The build writes a Brotli and a gzip copy of each asset (build-if-stale.mjs),
 * which are sent as they are to clients that take them, so MapLibre is not compressed again per request. Without a build, / says how to make one rather than failing obscurely.
 */
export async function registerWebApp(app: FastifyInstance, root: string = WEB_APP_DIR): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The web app is not built. Run `npm run build` (or `npm start`), then reload. The API is at /api/docs.\n',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, path) {
      const immutable = path.startsWith(join(root, 'assets'));
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const path of WEB_APP_VIEW_PATHS) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }
}
