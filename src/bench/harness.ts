import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../data/paths.js';

export interface Timing {
  /** Median wall time of the timed runs, in milliseconds. */
  medianMs: number;
  minMs: number;
  runs: number;
}

/**
 * Times a function: warm-up runs first (JIT), then `runs` timed runs; the median resists the noise of a shared
 * machine better than the mean.
 */
export function time(run: () => void, { runs = 5, warmup = 1 } = {}): Timing {
  for (let i = 0; i < warmup; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]!, runs };
}

export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemGiB: totalmem() / 2 ** 30,
  };
}

/** Writes one benchmark's results as JSON under bench/results/, returning the path. */
export function writeResults(name: string, results: unknown): string {
  const dir = join(PACKAGE_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: machine(), ...(results as object) }, null, 2)}\n`,
  );
  return path;
}
