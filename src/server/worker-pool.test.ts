import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool.js';

/** A thread that answers each task with its number doubled. */
const ECHO = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, task }) => parentPort.postMessage({ id, result: task * 2 }));
`;

function pool(idleMs?: number) {
  const spawned: Worker[] = [];
  const threads = new WorkerPool<number, number>(
    () => {
      const worker = new Worker(ECHO, { eval: true });
      spawned.push(worker);
      return worker;
    },
    1,
    (error) => new Error(error.message),
    idleMs === undefined ? {} : { idleMs },
  );
  return { threads, spawned };
}

describe('WorkerPool', () => {
  it('keeps a thread for the next task', async () => {
    const { threads, spawned } = pool();
    expect(await threads.run(1)).toBe(2);
    expect(await threads.run(2)).toBe(4);
    expect(spawned).toHaveLength(1);
    await threads.close();
  });

  it('with idleMs 0, ends a thread once it has no task left and starts another for the next', async () => {
    const { threads, spawned } = pool(0);
    expect(await Promise.all([threads.run(1), threads.run(2)])).toEqual([2, 4]);
    expect(spawned).toHaveLength(1);
    await once(spawned[0]!, 'exit');
    expect(await threads.run(3)).toBe(6);
    expect(spawned).toHaveLength(2);
    await once(spawned[1]!, 'exit');
    await threads.close();
  });

  it('with idleMs, keeps a thread for a task that comes within that time, and ends it after', async () => {
    const { threads, spawned } = pool(200);
    expect(await threads.run(1)).toBe(2);
    expect(await threads.run(2)).toBe(4);
    expect(spawned).toHaveLength(1);
    await once(spawned[0]!, 'exit');
    await threads.close();
  });
});
