import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../data/paths.js';
import { sample, type Case } from './cli.js';
import { writeResults } from './harness.js';

/**
 * `npm run bench:sweep`: scenarios per second of an uncertainty sweep, against the same scenario runs as separate
 * `caravan scenario run` processes, in the same run. A sample runs the base scenario in each year of the sweep, so
 * its process equivalent is one process per year. The process baseline is measured on a few samples and scaled per
 * sample (it is linear: nothing is shared between processes).
 *
 * CARAVAN_BENCH_SWEEP_SAMPLES (default 1000) samples per sweep, CARAVAN_BENCH_PROCESS_SAMPLES (default 10) samples
 * by separate processes; CARAVAN_BENCH_REDIS_URL (else CARAVAN_TEST_REDIS_URL) adds BullMQ with two workers.
 */
const CARAVAN = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const SAMPLES = Number(process.env['CARAVAN_BENCH_SWEEP_SAMPLES'] ?? 1000);
const PROCESS_SAMPLES = Number(process.env['CARAVAN_BENCH_PROCESS_SAMPLES'] ?? 10);
const REDIS = process.env['CARAVAN_BENCH_REDIS_URL'] ?? process.env['CARAVAN_TEST_REDIS_URL'];
const YEARS = [2027, 2030];

/** The shipped sweep's definition, flow only, with the bench's sample count. */
function sweepFile(dir: string, seed: number): string {
  const file = join(dir, `bench-${seed}.yaml`);
  writeFileSync(
    file,
    `name: bench\ndescription: benchmark\nscenario: ${join(PACKAGE_ROOT, 'scenarios', 'trend-2030.yaml')}\nyears: [${YEARS.join(', ')}]\nsamples: ${SAMPLES}\ndesign: lhs\nseed: ${seed}\ninputs: all\ncapacity: false\n`,
  );
  return file;
}

/** User+system CPU of a process so far, from /proc (Linux): workers run beside the measured command. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CARAVAN, 'worker', '--queue', url], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('taking sweep samples')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${log}`)));
  });
}

export async function runSweepBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-bench-sweep-'));
  const cache = mkdtempSync(join(tmpdir(), 'caravan-bench-cache-'));
  // A scenario's base must be a file of its own folder, so the base scenario is copied beside the per-year files.
  copyFileSync(join(PACKAGE_ROOT, 'scenarios', 'trend-2030.yaml'), join(dir, 'base-trend-2030.yaml'));
  const perYear = YEARS.map((year) => {
    const file = join(dir, `trend-${year}.yaml`);
    writeFileSync(file, `name: trend-${year}\ndescription: d\nbase: base-trend-2030.yaml\nyear: ${year}\n`);
    return file;
  });
  const results: Record<
    string,
    { samples: number; cpuMs: number; wallMs: number; scenariosPerSecond: number; cpuMsPerSample: number }
  > = {};
  const record = (name: string, samples: number, cpuMs: number, wallMs: number) => {
    results[name] = {
      samples,
      cpuMs: Math.round(cpuMs),
      wallMs: Math.round(wallMs),
      scenariosPerSecond: Math.round(((samples * YEARS.length) / (wallMs / 1000)) * 100) / 100,
      cpuMsPerSample: Math.round(cpuMs / samples),
    };
    console.log(`${name}: ${JSON.stringify(results[name])}`);
  };

  // Separate processes: one `caravan scenario run` per sample and year.
  let cpu = 0;
  let wall = 0;
  sample({ name: 'warm-up', argv: [CARAVAN, 'scenario', 'run', perYear[0]!, '--no-capacity', '--json'] }, cache);
  for (let k = 0; k < PROCESS_SAMPLES; k++)
    for (const file of perYear) {
      const one = sample(
        { name: 'scenario run', argv: [CARAVAN, 'scenario', 'run', file, '--no-capacity', '--json'] } satisfies Case,
        cache,
      );
      cpu += one.cpuMs;
      wall += one.wallMs;
    }
  record('separate processes (caravan scenario run per sample and year)', PROCESS_SAMPLES, cpu, wall);

  // Local sweeps on 1 and 2 worker threads, each a fresh sweep (its own seed) in its own store.
  for (const threads of [1, 2]) {
    const one = sample(
      {
        name: `sweep ${threads}`,
        argv: [
          CARAVAN,
          'sweep',
          'run',
          sweepFile(dir, threads),
          '--threads',
          String(threads),
          '--db',
          join(dir, `local-${threads}.sqlite`),
          '--progress',
          'never',
          '--json',
        ],
      },
      cache,
    );
    record(`local sweep, ${threads} worker thread${threads === 1 ? '' : 's'}`, SAMPLES, one.cpuMs, one.wallMs);
  }

  if (REDIS !== undefined) {
    const workers = await Promise.all([startWorker(REDIS), startWorker(REDIS)]);
    const before = workers.map((w) => processCpuMs(w.pid!));
    const one = sample(
      {
        name: 'sweep queue',
        argv: [
          CARAVAN,
          'sweep',
          'run',
          sweepFile(dir, 3),
          '--queue',
          REDIS,
          '--db',
          join(dir, 'queue.sqlite'),
          '--progress',
          'never',
          '--json',
        ],
      },
      cache,
    );
    const workerCpu = workers.reduce((sum, w, i) => sum + processCpuMs(w.pid!) - before[i]!, 0);
    for (const w of workers) w.kill('SIGTERM');
    record('BullMQ, 2 worker processes on this machine', SAMPLES, one.cpuMs + workerCpu, one.wallMs);
  } else console.log('BullMQ skipped: set CARAVAN_BENCH_REDIS_URL (or run under scripts/with-redis.sh)');

  const processes = results['separate processes (caravan scenario run per sample and year)']!;
  const perSample = (name: string) =>
    results[name] === undefined ? undefined : results[name]!.wallMs / results[name]!.samples;
  const local2 = perSample('local sweep, 2 worker threads')!;
  const queue = perSample('BullMQ, 2 worker processes on this machine');
  const summary = {
    speedupWallLocal1:
      Math.round((processes.wallMs / processes.samples / perSample('local sweep, 1 worker thread')!) * 10) / 10,
    speedupWallLocal2: Math.round((processes.wallMs / processes.samples / local2) * 10) / 10,
    speedupCpuLocal1:
      Math.round((processes.cpuMsPerSample / results['local sweep, 1 worker thread']!.cpuMsPerSample) * 10) / 10,
    // CPU is the steadier figure on a shared machine; the wall difference is given beside it.
    ...(queue === undefined
      ? {}
      : {
          queueOverheadCpuMsPerSample:
            results['BullMQ, 2 worker processes on this machine']!.cpuMsPerSample -
            results['local sweep, 2 worker threads']!.cpuMsPerSample,
          queueOverheadWallMsPerSample: Math.round(queue - local2),
        }),
    goal: 'local sweep ≥ 20× faster than separate processes per sample',
  };
  console.log(JSON.stringify(summary));
  return writeResults('sweep', { samples: SAMPLES, processSamples: PROCESS_SAMPLES, years: YEARS, results, summary });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`wrote ${await runSweepBench()}`);
