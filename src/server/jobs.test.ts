import { describe, expect, it } from 'vitest';
import { finishJob, findJob } from '../store/jobs.js';
import { Store } from '../store/store.js';
import { BACKENDS, freshStoreUrl, PG_TEST_URL, type Backend } from '../test-support/store-backends.js';
import { storeJobJournal } from './job-journal.js';
import { JobRegistry, type JobWork } from './jobs.js';

const LIMITS = { concurrentJobs: 1, queuedJobs: 10, keptJobs: 10 };

/** A job kind that squares its input once released, or when its signal aborts rejects as the server's runs do. */
function gatedSquares() {
  const gates: (() => void)[] = [];
  const runs: number[] = [];
  const work: JobWork<{ n: number }, { square: number }> = ({ n }, _report, signal) =>
    new Promise((resolve, reject) => {
      runs.push(n);
      signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      gates.push(() => resolve({ square: n * n }));
    });
  return { work, gates, runs };
}

const until = async (condition: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 2000 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe.each(BACKENDS)('JobRegistry with the store on %s as journal', (backend: Backend) => {
  it.skipIf(backend === 'postgres' && PG_TEST_URL === undefined)(
    'keeps jobs cut off by a close unfinished, resumes them in order in the next registry, and stores each result once',
    async () => {
      const db = freshStoreUrl(backend);
      await Store.using(db, async (store) => {
        const before = gatedSquares();
        const registry = new JobRegistry<{ n: number }, { square: number }>(LIMITS, storeJobJournal(store));
        registry.define('square', before.work);
        const jobs = [
          await registry.submit('square', { n: 2 }, 'n=2'),
          await registry.submit('square', { n: 3 }, 'n=3'),
          await registry.submit('square', { n: 4 }, 'n=4'),
        ];
        expect(jobs.map((job) => job.status)).toEqual(['running', 'queued', 'queued']);
        before.gates[0]!();
        await until(() => jobs[0]!.status === 'succeeded' && before.runs.length === 2);
        await registry.close();
        expect(jobs[1]!.status).toBe('failed');
        const stored = await Promise.all(jobs.map((job) => findJob(store, job.id)));
        expect(stored.map((job) => job?.status)).toEqual(['succeeded', 'running', 'queued']);
        expect(stored[0]!.result).toEqual({ square: 4 });

        const after = gatedSquares();
        const next = new JobRegistry<{ n: number }, { square: number }>(LIMITS, storeJobJournal(store));
        next.define('square', after.work);
        expect(await next.resume()).toBe(2);
        expect(after.runs).toEqual([3]);
        after.gates[0]!();
        await until(() => after.runs.length === 2);
        after.gates[1]!();
        await until(async () => (await findJob(store, jobs[2]!.id))?.status === 'succeeded');
        expect((await next.find(jobs[1]!.id))?.result).toEqual({ square: 9 });
        expect((await findJob(store, jobs[2]!.id))?.result).toEqual({ square: 16 });
        // A job of the earlier registry that this one never ran is read back from the store.
        expect(next.get(jobs[0]!.id)).toBeUndefined();
        expect(await next.find(jobs[0]!.id)).toMatchObject({ status: 'succeeded', result: { square: 4 } });
        await next.close();

        // A second outcome for a finished job (computed again after a crash before its write) is not stored.
        expect(await finishJob(store, jobs[1]!.id, { status: 'succeeded', result: { square: -1 } }, '2030-01-01')).toBe(
          false,
        );
        expect((await findJob(store, jobs[1]!.id))?.result).toEqual({ square: 9 });
        const count = await store.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst();
        expect(Number(count?.n)).toBe(3);
      });
    },
  );
});

describe('JobRegistry in memory', () => {
  it('without a journal answers only from memory, and refuses a kind it has no runner for', async () => {
    const registry = new JobRegistry<{ n: number }, { square: number }>(LIMITS);
    await expect(registry.submit('cube', { n: 2 }, 'n=2')).rejects.toThrow('no runner for jobs of kind cube');
    expect(await registry.resume()).toBe(0);
    expect(await registry.find('0b5c9a8e-54f1-4c2f-9d55-2f0f3a8f3b1e')).toBeUndefined();
  });
});
