import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { loadSamples } from '../store/sweeps.js';
import { tempDir } from '../test-support/fixture-network.js';
import { stopped } from '../test-support/stop-process.js';

const REDIS_URL = process.env['CARAVAN_TEST_REDIS_URL'];
// A Redis database of its own, so the sweep-sample tests' workers (on other data) never take these samples.
const QUEUE = REDIS_URL === undefined ? '' : `${REDIS_URL.replace(/\/\d*$/, '')}/7`;
const CLI_ENTRY = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const SCENARIOS = ['baseline-2024', 'trend-2027', 'joint-customs-2027', 'trend-2030', 'chabahar-rail-2030'];

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** A `caravan` process from the TypeScript sources; resolves when its output has a line matching `ready`. */
function caravan(args: string[], ready: RegExp): { child: ChildProcess; ready: Promise<RegExpMatchArray> } {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), CLI_ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const started = new Promise<RegExpMatchArray>((resolve, reject) => {
    const check = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match !== null) resolve(match);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', (code) => reject(new Error(`caravan ${args[0]} exited (${code}) before ${ready}: ${out}`)));
  });
  return { child, ready: started };
}

const serve = (db: string) =>
  caravan(
    ['serve', '--port', '0', '--db', db, '--queue', QUEUE, '--lock-seconds', '2', '--log-level', 'silent'],
    /Caravan web app: (\S+)/,
  );

interface JobBody {
  id: string;
  status: string;
  href: string;
  error?: string;
  result?: { scenario?: { id: string }; sweep?: { id: string; samples: number; completed: number } };
}

const post = async (url: string, path: string, body: unknown) => {
  const response = await fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as JobBody;
};

describe.skipIf(REDIS_URL === undefined)('kill -9 of a server whose jobs wait on BullMQ over Redis', () => {
  it('scenario runs and a sweep queued before the kill complete after the restart, each stored once', async () => {
    const db = join(tempDir(), 'store.sqlite');
    // The sweep's samples go to the sample queue: one worker process takes them, on the server's data.
    const worker = caravan(['worker', '--queue', QUEUE, '--lock-seconds', '3'], /taking sweep samples/);
    await worker.ready;

    const first = serve(db);
    const [, url] = await first.ready;
    const runs: JobBody[] = [];
    for (const scenario of SCENARIOS)
      runs.push(await post(url!, `api/scenarios/${scenario}/runs`, { maxIterations: 50 }));
    const sweep = await post(url!, 'api/sweeps', { sweep: 'targets', samples: 4, seed: 'kill' });
    expect(sweep.href).toBe(`/api/sweep-jobs/${sweep.id}`);
    // Two scenario runs at once: the other jobs are still waiting on the queue when the server dies.
    expect(runs.filter((job) => job.status === 'queued').length).toBeGreaterThanOrEqual(3);
    await stopped(first.child, 'SIGKILL');

    const submitted = [...runs, sweep];
    const left = await Store.using(db, (store) =>
      store.db.selectFrom('jobs').select(['id']).where('status', 'in', ['queued', 'running']).execute(),
    );
    expect(left.map((row) => row.id).sort()).toEqual(submitted.map((job) => job.id).sort());

    const second = serve(db);
    const [, again] = await second.ready;
    const done = new Map<string, JobBody>();
    try {
      for (let attempt = 0; attempt < 3000 && done.size < submitted.length; attempt++) {
        for (const { id, href } of submitted) {
          if (done.has(id)) continue;
          const job = (await (await fetch(new URL(href, again))).json()) as JobBody;
          if (job.status === 'succeeded' || job.status === 'failed') done.set(id, job);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await stopped(second.child, 'SIGTERM');
      await stopped(worker.child, 'SIGTERM');
    }
    for (const [k, job] of runs.entries()) {
      const finished = done.get(job.id);
      expect(finished?.error).toBeUndefined();
      expect(finished?.status).toBe('succeeded');
      expect(finished!.result!.scenario!.id).toBe(SCENARIOS[k]);
    }
    const report = done.get(sweep.id);
    expect(report?.error).toBeUndefined();
    expect(report?.status).toBe('succeeded');
    expect(report!.result!.sweep).toMatchObject({ samples: 4, completed: 4 });

    // Each job's one outcome in the store, and each sample of the sweep once.
    const rows = await Store.using(db, (store) => store.db.selectFrom('jobs').select(['id', 'status']).execute());
    expect(rows.map((row) => row.id).sort()).toEqual(submitted.map((job) => job.id).sort());
    expect(rows.every((row) => row.status === 'succeeded')).toBe(true);
    const samples = await Store.using(db, (store) => loadSamples(store, report!.result!.sweep!.id));
    expect(samples.map((sample) => sample.sample)).toEqual([0, 1, 2, 3]);
  }, 900_000);
});
