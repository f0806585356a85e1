import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { generateShipments } from '../monitoring/generate.js';
import { SHIPMENT_COLUMNS, visitToCells } from '../monitoring/shipment-schema.js';
import { withSchema } from '../store/database-url.js';
import { dropKeptReports } from '../store/kept-reports.js';
import { dropSchema } from '../store/postgres.js';
import { Store } from '../store/store.js';
import { writeResults } from './harness.js';

/**
 * Monitoring at scale: `shipments import` and `indicators` over 1 M and 10 M checkpoint rows, on SQLite and
 * PostgreSQL, each run as its own `caravan` process so that its CPU time and peak resident memory are its own.
 * Sizes: $CARAVAN_BENCH_SCALE_ROWS or `--rows 1000000,10000000` (the default); $CARAVAN_BENCH_SCALE_BACKENDS
 * (default sqlite,postgres) to leave a store out or run it first. Baselines measured in the same run: reading the file with the
 * import's own reader (no checks, no store) for the import, and `indicators` on an empty store of the same kind
 * (process start, network, migrations) for the indicators; each of REQUESTS is run twice, reading what the import
 * kept, then computing it in the store with the kept reports dropped (what a filtered request costs); the chart is
 * also computed as it was before the store did it (every visit read into the process), and what the import keeps
 * is computed alone (its share of the import). PostgreSQL's own CPU (every server process, from /proc) is reported
 * beside the client's. A step that fails is recorded with its error and peak memory, not hidden.
 */
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const READER = fileURLToPath(new URL('./monitoring-scale-read.js', import.meta.url));
const STORE_STEPS = fileURLToPath(new URL('./monitoring-scale-store.js', import.meta.url));
const HOOK = fileURLToPath(new URL('./usage-hook.js', import.meta.url));
const CHUNK = 200_000;
/** The requests timed over each store: the dashboard's, and those the mixed-load bench sends besides (api-mixed-load). */
const REQUESTS: Record<string, string[]> = {
  indicators: ['indicators', '--json'],
  byMonth: ['indicators', '--by', 'month', '--json'],
  corridorKti: ['indicators', '--corridor', 'kti', '--json'],
  timeDistance: ['indicators', '--chart', 'time-distance', '--json'],
};

interface StepResult {
  ok: boolean;
  wallMs: number;
  cpuMs?: number;
  peakRssMiB?: number;
  /** PostgreSQL's own CPU during the step (all its processes). */
  serverCpuMs?: number;
  loadAvg1?: number;
  error?: string;
}

function runStep(args: readonly string[], dir: string, script = CLI): StepResult {
  const server = args.some((arg) => arg.startsWith('postgres'));
  const usageFile = join(dir, `usage-${Math.random().toString(36).slice(2)}.json`);
  const serverBefore = server ? postgresCpuMs() : undefined;
  const load = loadavg()[0]!;
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', HOOK, script, ...args], {
    env: { ...process.env, CARAVAN_BENCH_USAGE_FILE: usageFile },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const serverAfter = server ? postgresCpuMs() : undefined;
  const usage = existsSync(usageFile)
    ? (JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; peakRssMiB: number })
    : undefined;
  const ok = child.status === 0;
  return {
    ok,
    wallMs,
    ...(usage === undefined ? {} : { cpuMs: usage.cpuMs, peakRssMiB: usage.peakRssMiB }),
    ...(serverBefore === undefined || serverAfter === undefined ? {} : { serverCpuMs: serverAfter - serverBefore }),
    loadAvg1: load,
    ...(ok
      ? {}
      : { error: (child.stderr || String(child.signal ?? child.error)).trim().split('\n').slice(0, 3).join(' ') }),
  };
}

const CLOCK_TICKS_PER_S = 100;

/**
 * CPU time of every PostgreSQL server process on this machine so far (user + system, with that of the exited
 * backends the postmaster has reaped): the difference across a step is what the database spent on it, as long as
 * nothing else uses the server meanwhile. Undefined without /proc or a server.
 */
function postgresCpuMs(): number | undefined {
  let ticks = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    if (comm !== 'postgres') continue;
    found = true;
    // Fields after the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const fields = stat.slice(close + 2).split(' ');
    for (const index of [11, 12, 13, 14]) ticks += Number(fields[index]);
  }
  return found ? (ticks * 1000) / CLOCK_TICKS_PER_S : undefined;
}

/** The largest store the chart is also drawn for as it was before (every visit read into the process). */
const EVERY_VISIT_MAX_ROWS = 1_000_000;

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
  const flag = process.argv.indexOf('--rows');
  const sizes = (
    (flag === -1 ? undefined : process.argv[flag + 1]) ??
    process.env['CARAVAN_BENCH_SCALE_ROWS'] ??
    '1000000,10000000'
  )
    .split(',')
    .map(Number);
  const wanted = (process.env['CARAVAN_BENCH_SCALE_BACKENDS'] ?? 'sqlite,postgres').split(',');
  const rank = (backend: string) => (wanted.includes(backend) ? wanted.indexOf(backend) : wanted.length);
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
      const readOnly = runStep([file], dir, READER);
      console.log(`scale bench: reading the ${rows}-row file alone`, readOnly);
      // In the order asked for: the store that matters most first, in case a long run is stopped.
      const backends = (
        [
          ['sqlite', join(dir, `store-${rows}.sqlite`)],
          ['postgres', pgUrl === undefined ? undefined : withSchema(pgUrl, `caravan_scale_${rows}`)],
        ] as [string, string | undefined][]
      ).sort(([a], [b]) => rank(a) - rank(b));
      const entry: Record<string, unknown> = { rows, generated, baselineReadFile: readOnly };
      for (const [backend, db] of backends) {
        if (!wanted.includes(backend)) {
          entry[backend] = { skipped: 'left out by CARAVAN_BENCH_SCALE_BACKENDS' };
          continue;
        }
        if (db === undefined) {
          entry[backend] = { skipped: 'set CARAVAN_BENCH_DATABASE_URL or CARAVAN_TEST_DATABASE_URL' };
          continue;
        }
        try {
          const emptyStore = runStep(['indicators', '--db', db, '--json'], dir);
          console.log(`scale bench: ${backend} indicators on an empty store`, emptyStore);
          const imported = runStep(['shipments', 'import', file, '--db', db, '--json'], dir);
          console.log(`scale bench: ${backend} import of ${rows} rows`, imported);
          const entries = Object.entries(REQUESTS);
          const skipped = { skipped: 'the import failed' };
          // Each request reading what the import kept, then computed in the store with the kept reports dropped (as
          // any filtered request is), then the chart as it was computed before (every visit read into the process).
          const kept: Record<string, StepResult | typeof skipped> = {};
          const computed: Record<string, StepResult | typeof skipped> = {};
          for (const [name, args] of entries) {
            kept[name] = imported.ok ? runStep([...args, '--db', db], dir) : skipped;
            console.log(`scale bench: ${backend} ${name} over ${rows} rows (kept at import)`, kept[name]);
          }
          if (imported.ok) await Store.using(db, dropKeptReports);
          for (const [name, args] of entries) {
            computed[name] = imported.ok ? runStep([...args, '--db', db], dir) : skipped;
            console.log(`scale bench: ${backend} ${name} over ${rows} rows computed on demand`, computed[name]);
          }
          // Every visit in the process takes about 2.2 GiB a million rows: at 10 M rows it would take the machine.
          const chartFromVisits = !imported.ok
            ? skipped
            : rows > EVERY_VISIT_MAX_ROWS
              ? { skipped: `over ${EVERY_VISIT_MAX_ROWS} rows (about 2.2 GiB a million rows read into the process)` }
              : runStep(['chart-from-visits', db], dir, STORE_STEPS);
          console.log(`scale bench: ${backend} chart from every visit (as before)`, chartFromVisits);
          const keepAlone = imported.ok ? runStep(['keep', db], dir, STORE_STEPS) : skipped;
          console.log(`scale bench: ${backend} keeping the reports and chart alone`, keepAlone);
          entry[backend] = {
            baselineIndicatorsEmptyStore: emptyStore,
            import: imported,
            indicators: kept['indicators'],
            indicatorsComputed: computed['indicators'],
            kept,
            computed,
            chartFromEveryVisit: chartFromVisits,
            keepReportsAlone: keepAlone,
          };
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
      'each step is a separate process: wall and CPU (user + sys) time, peak RSS, PostgreSQL server CPU ' +
      '(serverCpuMs), 1-minute load average at its start; the import computes and keeps the dashboard reports and ' +
      'the distance chart; kept: each request (indicators = kept.indicators, by month, corridor kti, the ' +
      'time-distance chart) reading what the import kept; computed (indicatorsComputed = computed.indicators): the ' +
      'same computed in the store (SQL) with the kept reports dropped; chartFromEveryVisit: the chart as computed ' +
      'before (every visit read, then the pure core); keepReportsAlone: what the import keeps, computed alone; ' +
      'baselines: the file read alone (baselineReadFile) and indicators on an empty store',
    results,
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`wrote ${await runMonitoringScaleBench()}`);
