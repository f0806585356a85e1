import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The web app builds into dist/web, which the API server serves at / (src/server/web-app.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; it is one cached, content-hashed file, so the warning says nothing useful.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development: the API comes from `caravan serve` on the default port.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
