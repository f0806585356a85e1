import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../data/paths.js';
import { writeResults } from './harness.js';

const RUNS = Number(process.env['CARAVAN_BENCH_REPEATS'] ?? 10);
const CARAVAN = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export interface Case {
  name: string;
  argv: readonly string[];
  /** The most CPU the command may take, as a multiple of the baseline's (`node -e 0`), by the median. */
  goal?: number;
  env?: Readonly<Record<string, string>>;
}

const BASELINE: Case = { name: 'node -e 0 (baseline)', argv: ['-e', '0'] };
const CASES: readonly Case[] = [
  BASELINE,
  { name: 'caravan --version', argv: [CARAVAN, '--version'], goal: 3 },
  { name: 'caravan route almaty bandar-abbas', argv: [CARAVAN, 'route', 'almaty', 'bandar-abbas'], goal: 5 },
  {
    name: 'caravan route almaty bandar-abbas, no snapshot cache',
    argv: [CARAVAN, 'route', 'almaty', 'bandar-abbas'],
    env: { CARAVAN_NO_CACHE: '1' },
  },
  { name: 'caravan network summary', argv: [CARAVAN, 'network', 'summary'] },
  {
    name: 'caravan scenario run scenarios/baseline-2024.yaml',
    argv: [CARAVAN, 'scenario', 'run', 'scenarios/baseline-2024.yaml'],
  },
];

interface Sample {
  cpuMs: number;
  wallMs: number;
}

/**
 * Bash measures each command: `times` reports the user+system CPU of the shell's children to the millisecond (from
 * getrusage), which no Node API gives for a child, and $EPOCHREALTIME brackets the wall time without counting the
 * shell's own start.
 */
const MEASURE =
  's=$EPOCHREALTIME; "$@" >/dev/null; status=$?; e=$EPOCHREALTIME; echo "wall $s $e"; times; exit $status';

export function sample(c: Case, cacheDir: string): Sample {
  const child = spawnSync('bash', ['-c', MEASURE, 'bash', process.execPath, ...c.argv], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', CARAVAN_CACHE_DIR: cacheDir, ...c.env },
  });
  if (child.error !== undefined) throw new Error(`cannot run bash to measure ${c.name}: ${child.error.message}`);
  if (child.status !== 0) throw new Error(`${c.name} failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const lines = child.stdout.trimEnd().split('\n');
  const wall = /^wall ([\d.]+) ([\d.]+)$/.exec(lines.at(-3) ?? '');
  const children = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-1) ?? '');
  if (wall === null || children === null) throw new Error(`unexpected timing output for ${c.name}: ${child.stdout}`);
  const [, userMin, userS, sysMin, sysS] = children.map(Number) as [number, number, number, number, number];
  return {
    cpuMs: Math.round((userMin * 60 + userS + sysMin * 60 + sysS) * 1000),
    wallMs: Math.round((Number(wall[2]) - Number(wall[1])) * 1000),
  };
}

/** Packages a command should load only when it needs them; the bench lists the ones each command loaded. */
const HEAVY_PACKAGES = ['zod', 'kysely', 'pg', 'better-sqlite3', 'fastify', 'highs', 'csv-parse', 'csv-stringify'];

/**
 * The modules one run of a command loads (ES modules and the CommonJS packages they import), counted by a loader
 * hook in a run of its own, so that the hook's cost stays out of the timed runs.
 */
function loadedModules(c: Case, dir: string) {
  const cacheDir = dir;
  const log = join(dir, 'modules.log');
  const hooks = join(dir, 'count-modules.mjs');
  if (!existsSync(hooks)) {
    writeFileSync(
      join(dir, 'count-loader.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`,
    );
    writeFileSync(
      hooks,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'count-loader.mjs')).href)});\n`,
    );
  }
  rmSync(log, { force: true });
  const child = spawnSync(process.execPath, ['--import', pathToFileURL(hooks).href, ...c.argv], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, CARAVAN_CACHE_DIR: cacheDir, ...c.env },
    stdio: 'ignore',
  });
  if (child.status !== 0) throw new Error(`${c.name} failed (exit ${child.status}) while counting its modules`);
  const urls = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n') : [];
  const caravan = urls.filter((url) => url.startsWith('file:') && !url.includes('/node_modules/')).length;
  return {
    modules: urls.filter((url) => !url.startsWith('node:')).length,
    caravanModules: caravan,
    heavyPackages: HEAVY_PACKAGES.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`))),
  };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 100) / 100;

/**
 * Start-up cost of the CLI: each command spawned RUNS times, the cases interleaved so that a busy moment of a shared
 * machine falls on all of them alike, after one warm-up round that also fills the network snapshot cache (a
 * private one, so the figures do not depend on the user's). CPU (user+system) is what the goals are about; wall
 * time is reported beside it.
 */
export function runCliBench(): string {
  const cacheDir = mkdtempSync(join(tmpdir(), 'caravan-bench-cache-'));
  try {
    const samples = CASES.map((): Sample[] => []);
    for (const c of CASES) sample(c, cacheDir);
    for (let run = 0; run < RUNS; run++) CASES.forEach((c, i) => samples[i]!.push(sample(c, cacheDir)));
    const baseline = summarize(samples[0]!);
    const results = CASES.map((c, i) => {
      const figures = summarize(samples[i]!);
      const loaded = c === BASELINE ? undefined : loadedModules(c, cacheDir);
      const cpuRatio = {
        median: ratio(figures.cpuMs.median, baseline.cpuMs.median),
        min: ratio(figures.cpuMs.min, baseline.cpuMs.min),
      };
      return {
        name: c.name,
        command: ['node', ...c.argv.map((arg) => (arg === CARAVAN ? 'dist/cli/main.js' : arg))].join(' '),
        ...(c.env === undefined ? {} : { env: c.env }),
        ...figures,
        ...loaded,
        cpuRatioToBaseline: cpuRatio,
        ...(c.goal === undefined ? {} : { goalCpuRatio: c.goal, pass: cpuRatio.median <= c.goal }),
      };
    });
    for (const r of results) {
      const verdict = 'pass' in r ? ` (goal ≤ ${r.goalCpuRatio}×: ${r.pass ? 'pass' : 'FAIL'})` : '';
      console.log(
        `${r.name}: CPU ${r.cpuMs.median} ms (min ${r.cpuMs.min}), ${r.cpuRatioToBaseline.median}× baseline${verdict}; wall ${r.wallMs.median} ms${'modules' in r ? `; ${r.modules} modules` : ''}`,
      );
    }
    return writeResults('cli', {
      runs: RUNS,
      method: 'each command spawned by bash; CPU = user+system of the child from `times` (getrusage), median of runs',
      results,
      goalsMet: results.every((r) => !('pass' in r) || r.pass),
    });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function summarize(samples: readonly Sample[]) {
  const cpu = samples.map((s) => s.cpuMs);
  const wall = samples.map((s) => s.wallMs);
  return {
    cpuMs: { median: median(cpu), min: Math.min(...cpu) },
    wallMs: { median: median(wall), min: Math.min(...wall) },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`wrote ${runCliBench()}`);
