import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { mallocHeapsMiB } from './api-mixed-load-figures.js';

// Threads that compress allocate through malloc: each gets a glibc arena of its own unless MALLOC_ARENA_MAX=1.
const COMPRESSING_THREAD = `
  const zlib = require('node:zlib');
  const text = Buffer.alloc(4e6, 'corridor');
  for (let i = 0; i < 10; i++) zlib.brotliCompressSync(text);
  require('node:worker_threads').parentPort.postMessage('done');`;

function runThreads(count: number): Promise<void[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(COMPRESSING_THREAD, { eval: true });
          worker.once('error', reject);
          worker.once('message', () => void worker.terminate().then(() => resolve()));
        }),
    ),
  );
}

describe.runIf(existsSync('/proc/self/smaps'))("glibc's malloc heaps, read from /proc/self/smaps", () => {
  it('finds the arenas of threads that have ended, unless one arena serves every thread', async () => {
    await runThreads(3);
    const heaps = mallocHeapsMiB()!;
    expect(heaps.mainArena).toBeGreaterThan(0);
    if (process.env['MALLOC_ARENA_MAX'] === '1') expect(heaps.threadArenas).toBe(0);
    else expect(heaps.threadArenas).toBeGreaterThan(0);
  });
});
