import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { Store } from '../../store/store.js';
import { loadSamples } from '../../store/sweeps.js';
import { reducedDemandDir } from '../../test-support/reduced-demand.js';
import { runCli } from '../../test-support/run-cli.js';

const REDIS_URL = process.env['CARAVAN_TEST_REDIS_URL'];
const DEMAND = reducedDemandDir(20);
/** Enough that both workers take several, so one is mid-sample when the other has finished its first. */
const SAMPLES = 8;
const dir = mkdtempSync(join(tmpdir(), 'caravan-queue-'));

interface WorkerProcess {
  child: ChildProcess;
  log: string;
  /** Resolves when the log has a line matching the pattern. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

const workers: WorkerProcess[] = [];
afterAll(() => {
  for (const worker of workers) worker.child.kill('SIGKILL');
});

/** `caravan worker --queue` as its own process, from the TypeScript sources (tsx), with a short sample lock. */
function startWorker(): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--queue', REDIS_URL!, '--demand', DEMAND, '--lock-seconds', '3'],
    { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const worker: WorkerProcess = {
    child,
    log: '',
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = worker.log.match(pattern);
          if (match === null) return false;
          resolve(match);
          return true;
        };
        if (check()) return;
        const listen = () => {
          if (check()) child.stderr!.off('data', listen);
        };
        child.stderr!.on('data', listen);
        child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ${pattern}: ${worker.log}`)));
      }),
  };
  child.stderr!.on('data', (chunk: Buffer) => (worker.log += chunk.toString()));
  workers.push(worker);
  return worker;
}

function sweepFile(samples: number): string {
  const file = join(dir, `sweep-${samples}.yaml`);
  writeFileSync(
    file,
    `name: queued\ndescription: a sweep on the queue\nscenario: ${join(PACKAGE_ROOT, 'scenarios', 'trend-2030.yaml')}\nyears: [2030]\nsamples: ${samples}\ndesign: sobol\nseed: 3\ninputs: all\ncapacity: false\n`,
  );
  return file;
}

describe.skipIf(REDIS_URL === undefined)('sweeps on BullMQ over Redis, two worker processes', () => {
  it('a worker SIGKILLed mid-sample: the sweep completes, every sample stored once, the same JSON as the local run', async () => {
    const [a, b] = [startWorker(), startWorker()];
    await Promise.all([a.waitFor(/taking sweep samples/), b.waitFor(/taking sweep samples/)]);
    const file = sweepFile(SAMPLES);
    const db = join(dir, 'queued.sqlite');
    const queued = runCli(
      'sweep',
      'run',
      file,
      '--queue',
      REDIS_URL!,
      '--db',
      db,
      '--demand',
      DEMAND,
      '--json',
      '--progress',
      'never',
    );
    // Kill whichever worker is first seen holding a sample after finishing one: it dies holding that sample's lock.
    // Waiting on one chosen worker could wait forever once the other had taken every sample left.
    const holding = (worker: WorkerProcess) =>
      worker
        .waitFor(/sample \d+: \d+ ms\n[\s\S]*?sample (\d+): started\n(?![\s\S]*sample \1: \d+ ms)/)
        .then(([, inFlight]) => ({ victim: worker, survivor: worker === a ? b : a, inFlight: inFlight! }));
    const { victim, survivor, inFlight } = await Promise.race([holding(a), holding(b)]);
    victim.child.kill('SIGKILL');
    const result = await queued;
    expect(result.stderr).toContain(`${SAMPLES} samples computed on BullMQ queue`);
    expect(result.code).toBe(0);
    // The lost sample went back to the queue when its lock ran out, and the other worker ran it.
    expect(survivor.log).toMatch(new RegExp(`sample ${inFlight}: \\d+ ms`));
    const report = JSON.parse(result.stdout);
    const samples = await Store.using(db, (store) => loadSamples(store, report.sweep.id));
    expect(samples.map((s) => s.sample)).toEqual([...Array(SAMPLES).keys()]);

    // The same sweep on worker threads of one process: byte for byte the same answer.
    const local = await runCli(
      'sweep',
      'run',
      file,
      '--db',
      join(dir, 'local.sqlite'),
      '--demand',
      DEMAND,
      '--threads',
      '1',
      '--json',
      '--progress',
      'never',
    );
    expect(local.stdout).toBe(result.stdout);
  }, 900_000);
});
