import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { tempDir } from '../test-support/fixture-network.js';
import { stopped } from '../test-support/stop-process.js';

const CLI_ENTRY = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const SCENARIOS = ['baseline-2024', 'trend-2027', 'joint-customs-2027', 'trend-2030', 'chabahar-rail-2030'];

/** `caravan serve` on the bundled network and this store, on a free loopback port; resolves with its URL. */
function serve(db: string): { server: ChildProcess; url: Promise<string> } {
  const server = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), CLI_ENTRY, 'serve', '--port', '0', '--db', db, '--log-level', 'silent'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Caravan web app: (\S+)/.exec(out);
      if (match !== null) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened: ${out}`)));
  });
  return { server, url };
}

interface JobBody {
  id: string;
  status: string;
  scenario: string;
  result?: { scenario: { id: string }; report: { year: number } };
  error?: string;
}

describe('kill -9 of the server with scenario runs queued', () => {
  it('resumes them when it starts again: every job completes, and each result is stored once under its id', async () => {
    const db = join(tempDir(), 'store.sqlite');
    const first = serve(db);
    const url = await first.url;
    const submitted: JobBody[] = [];
    for (const scenario of SCENARIOS) {
      const response = await fetch(new URL(`api/scenarios/${scenario}/runs`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ maxIterations: 50 }),
      });
      expect(response.status).toBe(202);
      expect(response.headers.get('location')).toMatch(/^\/api\/jobs\//);
      submitted.push((await response.json()) as JobBody);
    }
    // Two run at once (the server's default), so at least three are still waiting when the server dies.
    expect(submitted.filter((job) => job.status === 'queued').length).toBeGreaterThanOrEqual(3);
    await stopped(first.server, 'SIGKILL');

    const left = await Store.using(db, (store) =>
      store.db.selectFrom('jobs').select(['id', 'status']).where('status', 'in', ['queued', 'running']).execute(),
    );
    expect(left.map((row) => row.id).sort()).toEqual(submitted.map((job) => job.id).sort());

    const second = serve(db);
    const again = await second.url;
    const done = new Map<string, JobBody>();
    try {
      for (let attempt = 0; attempt < 1200 && done.size < submitted.length; attempt++) {
        for (const { id } of submitted) {
          if (done.has(id)) continue;
          const job = (await (await fetch(new URL(`api/jobs/${id}`, again))).json()) as JobBody;
          if (job.status === 'succeeded' || job.status === 'failed') done.set(id, job);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await stopped(second.server, 'SIGTERM');
    }
    for (const job of submitted) {
      const finished = done.get(job.id);
      expect(finished, `job ${job.id} (${job.scenario}) finished`).toBeDefined();
      expect(finished!.error).toBeUndefined();
      expect(finished!.status).toBe('succeeded');
      expect(finished!.result!.scenario.id).toBe(job.scenario);
    }

    const rows = await Store.using(db, (store) =>
      store.db.selectFrom('jobs').select(['id', 'status', 'result', 'job_key']).execute(),
    );
    expect(rows).toHaveLength(submitted.length);
    for (const row of rows) {
      expect(row.status).toBe('succeeded');
      expect(JSON.parse(row.result!)).toEqual(done.get(row.id)!.result);
    }

    // A third server reads the finished jobs back from the store by id.
    const third = serve(db);
    try {
      const job = (await (await fetch(new URL(`api/jobs/${submitted[0]!.id}`, await third.url))).json()) as JobBody;
      expect(job).toMatchObject({ id: submitted[0]!.id, status: 'succeeded' });
      expect(job.result).toEqual(done.get(job.id)!.result);
    } finally {
      await stopped(third.server, 'SIGTERM');
    }
  }, 600_000);
});
