// Builds the web app into dist/web when any of its inputs is newer than the last build, so that `npm start` and
// `npm run build` rebuild it only after a change. The inputs: web/ itself, the core modules the app imports, the
// API schemas it takes its types from, and the installed packages (package-lock.json).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', 'web', '.build-stamp');
const inputs = [
  'web',
  'src/routing',
  'src/model',
  'src/corridor',
  'src/monitoring',
  'src/server/schemas',
  'package-lock.json',
].map((path) => join(root, path));

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * Writes name.br and name.gz beside each text file of the build, compressed once at the highest setting, which the
 * server sends to clients that accept them (src/server/web-app.ts): MapLibre goes from 1.1 MB to about 250 KB.
 */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (/\.(js|mjs|css|html|json|svg)$/.test(entry.name)) {
      const content = readFileSync(path);
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
      );
      writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    }
  }
}

const force = process.argv.includes('--force');
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (!force && built >= Math.max(...inputs.map(newestChange))) {
  process.stdout.write('web app is up to date (dist/web)\n');
} else {
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
  precompress(join(root, 'dist', 'web'));
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.stdout.write('built the web app into dist/web\n');
}
