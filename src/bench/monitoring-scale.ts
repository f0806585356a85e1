import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { generateShipments } from '../monitoring/generate.js';
import { SHIPMENT_COLUMNS, visitToCells } from '../monitoring/shipment-schema.js';
import { withSchema } from '../store/database-url.js';
import { dropSchema } from '../store/postgres.js';
import { writeResults } from './harness.js';

/**
 * Monitoring at scale: `shipments import` and `indicators` over 1 M and 10 M checkpoint rows, on SQLite and
 * PostgreSQL, each run as its own `caravan` process so that its CPU time and peak resident memory are its own.
 * Sizes: $CARAVAN_BENCH_SCALE_ROWS (default 1000000,10000000). A step that fails (out of memory, a file too large
 * to read whole) is recorded with its error and peak memory, not hidden.
 */
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const HOOK = fileURLToPath(new URL('./usage-hook.js', import.meta.url));
const CHUNK = 200_000;

interface StepResult {
  ok: boolean;
  wallMs: number;
  cpuMs?: number;
  peakRssMiB?: number;
  error?: string;
}

function runStep(args: readonly string[], dir: string): StepResult {
  const usageFile = join(dir, `usage-${Math.random().toString(36).slice(2)}.json`);
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', HOOK, CLI, ...args], {
    env: { ...process.env, CARAVAN_BENCH_USAGE_FILE: usageFile },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = existsSync(usageFile)
    ? (JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; peakRssMiB: number })
    : undefined;
  const ok = child.status === 0;
  return {
    ok,
    wallMs,
    ...(usage === undefined ? {} : { cpuMs: usage.cpuMs, peakRssMiB: usage.peakRssMiB }),
    ...(ok
      ? {}
      : { error: (child.stderr || String(child.signal ?? child.error)).trim().split('\n').slice(0, 3).join(' ') }),
  };
}

/** Writes `rows` generated checkpoint rows chunk by chunk, so that the file never sits whole in this process. */
function writeGenerated(file: string, rows: number): void {
  const network = loadNetwork(BUNDLED_NETWORK_DIR).network;
  writeFileSync(file, `# SYNTHETIC benchmark data\n${SHIPMENT_COLUMNS.join(',')}\n`);
  for (let done = 0, chunk = 0; done < rows; chunk++) {
    const n = Math.min(CHUNK, rows - done);
    const visits = generateShipments(network, { rows: n, seed: `scale-${chunk}` });
    // Each chunk numbers its shipments from 1: a prefix keeps the ids of the file unique.
    appendFileSync(file, stringify(visits.map((v) => visitToCells({ ...v, shipmentId: `C${chunk}-${v.shipmentId}` }))));
    done += n;
  }
}

export async function runMonitoringScaleBench(): Promise<string> {
  const sizes = (process.env['CARAVAN_BENCH_SCALE_ROWS'] ?? '1000000,10000000').split(',').map(Number);
  const pgUrl = process.env['CARAVAN_BENCH_DATABASE_URL'] ?? process.env['CARAVAN_TEST_DATABASE_URL'];
  const dir = mkdtempSync(join(tmpdir(), 'caravan-scale-'));
  const results: Record<string, unknown>[] = [];
  try {
    for (const rows of sizes) {
      const file = join(dir, `shipments-${rows}.csv`);
      const start = process.hrtime.bigint();
      writeGenerated(file, rows);
      const generated = {
        wallMs: Number(process.hrtime.bigint() - start) / 1e6,
        fileMiB: statSync(file).size / 2 ** 20,
      };
      console.log(`scale bench: ${rows} rows written (${generated.fileMiB.toFixed(0)} MiB)`);
      const backends: [string, string | undefined][] = [
        ['sqlite', join(dir, `store-${rows}.sqlite`)],
        ['postgres', pgUrl === undefined ? undefined : withSchema(pgUrl, `caravan_scale_${rows}`)],
      ];
      const entry: Record<string, unknown> = { rows, generated };
      for (const [backend, db] of backends) {
        if (db === undefined) {
          entry[backend] = { skipped: 'set CARAVAN_BENCH_DATABASE_URL or CARAVAN_TEST_DATABASE_URL' };
          continue;
        }
        try {
          const imported = runStep(['shipments', 'import', file, '--db', db, '--json'], dir);
          console.log(`scale bench: ${backend} import of ${rows} rows`, imported);
          const indicators = imported.ok
            ? runStep(['indicators', '--db', db, '--json'], dir)
            : { skipped: 'the import failed' };
          console.log(`scale bench: ${backend} indicators over ${rows} rows`, indicators);
          entry[backend] = { import: imported, indicators };
        } finally {
          if (backend === 'postgres' && pgUrl !== undefined) await dropSchema(pgUrl, `caravan_scale_${rows}`);
          else rmSync(db, { force: true });
        }
      }
      rmSync(file, { force: true });
      results.push(entry);
      // Written after every size: the largest may take long enough to be stopped, and the others must survive.
      write(results);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return write(results);
}

const write = (results: readonly Record<string, unknown>[]): string =>
  writeResults('monitoring-scale', {
    note:
      'each step is a separate caravan process: wall and CPU (user + sys) time, peak RSS; indicators read every ' +
      'stored visit and compute in Node (no in-database percentiles yet)',
    results,
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`wrote ${await runMonitoringScaleBench()}`);
