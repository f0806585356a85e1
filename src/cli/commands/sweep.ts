import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { compileSweep } from '../../corridor/sweep/spec.js';
import type { SweepReport, SweepSample } from '../../corridor/sweep/summary.js';
import { BUNDLED_NETWORK_DIR } from '../../data/paths.js';
import { loadSweep } from '../../data/sweep-file.js';
import { runSweep } from '../../parallel/sweep/coordinator.js';
import { defaultThreads, localExecutor } from '../../parallel/sweep/local.js';
import { formatNumber } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import { storedSweepReport } from '../../store/sweep-report.js';
import type { Store } from '../../store/store.js';
import { listSweeps } from '../../store/sweeps.js';
import { dbOption, withStore } from '../db-option.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../io.js';
import { dataOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { progressOption, progressReporter, type ProgressMode } from '../progress.js';
import { corridorInputs, demandDirFor, demandOption } from './scenario.js';

export const queueOption = () =>
  new Option('--queue <url>', 'run the samples on BullMQ over Redis (redis://HOST:PORT), taken by `caravan worker`');

interface RunOptions {
  data?: string;
  demand?: string;
  db?: string;
  queue?: string;
  threads?: string;
  json?: boolean;
  csv?: string;
  progress: ProgressMode;
}

/** The folders a worker reads the dataset from: what this command line read it from. */
export function sweepDataFor(options: { data?: string; demand?: string }) {
  return {
    networkDir: resolve(options.data ?? BUNDLED_NETWORK_DIR),
    demandDir: resolve(demandDirFor(options)),
  };
}

function threadsOption(value: string | undefined): number {
  if (value === undefined) return defaultThreads();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--threads: expected a whole number from 1 to 256, got "${value}"`);
  return n;
}

export function registerSweep(program: Command, context: CliContext): void {
  const sweep = program
    .command('sweep')
    .description('uncertainty sweeps: the chance of reaching the targets and the inputs that decide it');
  sweep
    .command('run')
    .description('run (or resume) the samples of a sweep file and print the P(≥ target) figures and the top drivers')
    .argument('<file>', 'sweep YAML file (e.g. scenarios/sweeps/targets.yaml)')
    .addOption(queueOption())
    .option('--threads <n>', 'worker threads of a local sweep (default: one per core)')
    .addOption(dbOption())
    .addOption(dataOption())
    .addOption(demandOption())
    .addOption(progressOption())
    .option('--csv <file>', 'also write every sample (inputs and outputs) as CSV')
    .addOption(jsonOption())
    .action(async (file: string, options: RunOptions) => {
      const { stdout, stderr } = context.io;
      const session = corridorInputs(options as unknown as Record<string, unknown>, context);
      const spec = loadSweep(file, session);
      const { inputs } = compileSweep(session, spec);
      const executor = options.queue
        ? (await import('../../parallel/sweep/queue.js')).queueExecutor(options.queue)
        : localExecutor(sweepDataFor(options), threadsOption(options.threads));
      const progress = progressReporter(stderr, options.progress, 'samples', true);
      const report = await withStore(options.db, async (store) => {
        const { resumedFrom, computed } = await runSweep(
          store,
          spec,
          inputs,
          session.network.region,
          executor,
          (done, total) => progress?.update('sweep', done, total),
        ).finally(() => progress?.finish());
        stderr.write(
          `sweep ${spec.id}: ${computed} samples computed on ${executor.describe()}${resumedFrom > 0 ? `, ${resumedFrom} already stored` : ''}\n`,
        );
        return reportFromStore(store, spec.id, options.csv);
      });
      if (options.json) writeJson(stdout, report);
      else writeText(stdout, renderSweep(report));
    });
  sweep
    .command('report')
    .description('the results of a stored sweep: table, --json, or --csv of every sample')
    .argument('<id>', 'the sweep id `sweep run` printed (or `sweep list` lists)')
    .addOption(dbOption())
    .option('--csv <file>', 'write every sample (inputs and outputs) as CSV ("-" for stdout)')
    .addOption(jsonOption())
    .action(async (id: string, options: { db?: string; csv?: string; json?: boolean }) => {
      const report = await withStore(options.db, (store) => reportFromStore(store, id, options.csv, context.io.stdout));
      if (options.csv === '-') return;
      if (options.json) writeJson(context.io.stdout, report);
      else writeText(context.io.stdout, renderSweep(report));
    });
  sweep
    .command('list')
    .description('the sweeps in the store and how far each has got')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: { db?: string; json?: boolean }) => {
      const sweeps = await withStore(options.db, listSweeps);
      if (options.json) writeJson(context.io.stdout, sweeps);
      else
        writeText(
          context.io.stdout,
          renderTable(
            ['sweep', 'name', 'samples', 'stored', 'created'],
            sweeps.map((s) => [s.id, s.name, s.samples, s.completed, s.createdAt]),
          ),
        );
    });
}

async function reportFromStore(
  store: Store,
  id: string,
  csv: string | undefined,
  stdout?: { write(text: string): unknown },
): Promise<SweepReport> {
  const found = await storedSweepReport(store, id);
  if (found.status === 'no-sweep')
    throw new UsageError(`no sweep "${id}" in the store ${store.describe()} (caravan sweep list)`);
  if (found.status === 'no-samples') throw new UsageError(`sweep "${id}" has no samples stored yet`);
  const { stored, samples } = found;
  if (csv !== undefined) {
    const text = samplesCsv(
      stored.spec.years,
      stored.region?.measures.map((m) => m.id) ?? [],
      stored.inputs.map((i) => i.id),
      samples,
    );
    if (csv === '-') stdout?.write(text);
    else writeFileSync(csv, text);
  }
  return found.report;
}

/** One row per sample: its input values, then flow (and capacity) per measure and year. */
function samplesCsv(
  years: readonly number[],
  measures: readonly string[],
  inputs: readonly string[],
  samples: readonly SweepSample[],
) {
  const outputs = years.flatMap((year) => measures.map((measure) => `${measure}:${year}`));
  const hasCapacity = samples.some((s) => s.outputs.capacityMt !== undefined);
  const header = [
    'sample',
    ...inputs,
    ...outputs.map((o) => `flow_mt:${o}`),
    ...(hasCapacity ? outputs.map((o) => `capacity_mt:${o}`) : []),
  ];
  const rows = samples.map((s) => [
    s.sample,
    ...s.values,
    ...s.outputs.flowMt,
    ...(hasCapacity ? (s.outputs.capacityMt ?? []).map((c) => (c === null ? '' : c)) : []),
  ]);
  return stringify([header, ...rows], { record_delimiter: '\n' });
}

const mt = (value: number) => formatNumber(value, 2);
const percent = (p: number | null) => (p === null ? '—' : `${formatNumber(100 * p, 0)}%`);

/** The sweep as text: the target chances first, then the spread per measure and year, then the drivers. */
export function renderSweep(report: SweepReport): string {
  const { sweep } = report;
  const sections = [
    `Sweep ${sweep.id}: ${sweep.description}\n${sweep.completed} of ${sweep.samples} samples (${sweep.design === 'lhs' ? 'Latin hypercube' : 'Sobol'}, seed ${sweep.seed}) of ${sweep.scenario} in ${sweep.years.join(', ')}; ${report.inputs.length} uncertain inputs`,
  ];
  const targets = report.measures.filter((m) => m.targetMt !== null && m.targetYear === m.year);
  sections.push(
    titled(
      'Chance of reaching the targets',
      renderTable(
        ['measure', 'year', 'target Mt', 'P(flow ≥ target)', 'P5', 'P50', 'P95'],
        targets.map((m) => [
          m.measure,
          String(m.year),
          mt(m.targetMt!),
          percent(m.probability),
          mt(m.flowMt.p5),
          mt(m.flowMt.p50),
          mt(m.flowMt.p95),
        ]),
      ),
    ),
  );
  sections.push(
    titled(
      'Flow and capacity per measure and year (Mt/yr)',
      renderTable(
        ['measure', 'year', 'flow P5', 'P50', 'P95', 'capacity P5', 'P50', 'P95'],
        report.measures.map((m) => [
          m.measure,
          String(m.year),
          mt(m.flowMt.p5),
          mt(m.flowMt.p50),
          mt(m.flowMt.p95),
          ...(m.capacityMt === null
            ? ['—', '—', '—']
            : [mt(m.capacityMt.p5), mt(m.capacityMt.p50), mt(m.capacityMt.p95)]),
        ]),
      ),
    ),
  );
  const first = report.measures[0]?.measure;
  for (const drivers of report.drivers.filter((d) => d.measure === first))
    sections.push(
      titled(
        `Top drivers of ${drivers.measure} in ${drivers.year} (standardized regression coefficients; the linear fit explains ${formatNumber(100 * drivers.rSquared, 0)}% of the variance)`,
        renderTable(
          ['input', 'SRC', 'what'],
          drivers.inputs.slice(0, 5).map((d) => [d.input, formatNumber(d.src, 2), d.label]),
        ),
      ),
    );
  return sections.join('\n\n');
}
