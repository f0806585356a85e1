import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the script `name` beside the module at `base` (its import.meta.url): the compiled
 * JavaScript when the caller runs from dist/; under the test runner the TypeScript source, loaded through tsx's
 * loader registered in the new thread, so tests never run a stale build.
 */
export function startThread(base: string, name: string, workerData: unknown): Worker {
  if (!base.endsWith('.ts')) return new Worker(fileURLToPath(new URL(`./${name}.js`, base)), { workerData });
  const script = new URL(`./${name}.ts`, base).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
