import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import {
  ALGORITHM_TITLES,
  ALGORITHMS,
  assign,
  type AlgorithmName,
  type AssignProgress,
  type AssignResult,
} from '../../assign/assign.js';
import { AssignmentInputError, totalDemand } from '../../assign/network.js';
import type { ShortestPathOracle } from '../../assign/shortest-path.js';
import { loadTntpProblem, type TntpProblem } from '../../data/tntp/problem.js';
import { readLinkFlowsFile, type LinkFlows } from '../../data/tntp/read-flow.js';
import { writeFlowsFile } from '../../data/tntp/write-flows.js';
import { DEFAULT_ASSIGN_ITERATIONS, DEFAULT_GAP } from '../../numeric/convergence.js';
import { formatIssue, InvalidInputError } from '../../model/issues.js';
import { createWorkerOracle, workersAvailable } from '../../parallel/worker-oracle.js';
import { UsageError } from '../errors.js';
import type { CliContext, TextOutput } from '../io.js';
import { jsonOption, writeJson, writeText } from '../output.js';

interface AssignCliOptions {
  net?: string;
  trips?: string;
  algorithm: AlgorithmName;
  gap: string;
  maxIter?: string;
  maxSeconds?: string;
  threads: string;
  out?: string;
  json?: boolean;
  progress?: boolean;
}

interface CompareCliOptions {
  flows: string;
  reference: string;
  json?: boolean;
}

/** `caravan assign`: user-equilibrium traffic assignment of a TNTP network, and `assign compare` to check flows. */
export function registerAssign(program: Command, context: CliContext): void {
  const command = program
    .command('assign')
    .description('static user-equilibrium traffic assignment (BPR costs) of a TNTP network and trip table')
    // Checked in the action, not as required options: Commander would demand them of `assign compare` too.
    .option('--net <file>', 'TNTP network file (*_net.tntp), required')
    .option('--trips <file>', 'TNTP trip table (*_trips.tntp), required')
    .addOption(
      new Option('--algorithm <name>', 'msa, fw (Frank–Wolfe), cfw/bfw (conjugate/bi-conjugate FW), b (Algorithm B)')
        .choices(ALGORITHMS)
        .default('b'),
    )
    .option('--gap <gap>', 'stop at this relative gap (TSTT − SPTT) / TSTT', DEFAULT_GAP.toExponential())
    .option('--max-iter <n>', `stop after this many iterations (default ${DEFAULT_ASSIGN_ITERATIONS})`)
    .option('--max-seconds <s>', 'stop after this many seconds')
    .option('--threads <n>', 'threads for the shortest-path trees (worker threads; see docs/assignment.md)', '1')
    .option('--out <file>', 'write link flows: TNTP flow format if the name ends in .tntp, else CSV')
    .option('--progress', 'show the progress line on stderr even when it is not a terminal')
    .option('--no-progress', 'never show the progress line')
    .addOption(jsonOption())
    .action(async (options: AssignCliOptions) => {
      await runAssign(options, context);
    });

  command
    .command('compare')
    .description('compare link flows with a reference (e.g. a TNTP best-known *_flow.tntp): max differences and RMSE')
    .requiredOption('--flows <file>', 'flows to check: CSV from `assign --out`, or TNTP flow format')
    .requiredOption('--reference <file>', 'reference flows, TNTP flow format or CSV')
    .addOption(jsonOption())
    .action((_options: CompareCliOptions, compare: Command) => {
      // `--json` after `compare` is parsed by `assign`, which has the same option: merge both levels.
      runCompare(compare.optsWithGlobals<CompareCliOptions>(), context);
    });
}

function numberOption(name: string, text: string, rules: { min: number; integer?: boolean; above?: boolean }): number {
  const value = Number(text);
  const ok =
    text.trim() !== '' &&
    Number.isFinite(value) &&
    (!rules.integer || Number.isInteger(value)) &&
    (rules.above ? value > rules.min : value >= rules.min);
  if (!ok) {
    const what = rules.integer ? 'a whole number' : 'a number';
    throw new UsageError(`${name}: expected ${what} ${rules.above ? '>' : '≥'} ${rules.min}, got "${text}"`);
  }
  return value;
}

async function runAssign(cliOptions: AssignCliOptions, context: CliContext): Promise<void> {
  const { stdout, stderr } = context.io;
  if (cliOptions.net === undefined) throw new UsageError("required option '--net <file>' not specified");
  if (cliOptions.trips === undefined) throw new UsageError("required option '--trips <file>' not specified");
  const options = { ...cliOptions, net: cliOptions.net, trips: cliOptions.trips };
  const gap = numberOption('--gap', options.gap, { min: 0 });
  const maxIterations =
    options.maxIter === undefined ? undefined : numberOption('--max-iter', options.maxIter, { min: 0, integer: true });
  const maxSeconds =
    options.maxSeconds === undefined
      ? undefined
      : numberOption('--max-seconds', options.maxSeconds, { min: 0, above: true });
  const threads = numberOption('--threads', options.threads, { min: 1, integer: true });
  if (threads > 1 && !workersAvailable()) {
    throw new UsageError('--threads: the worker script is missing (run `npm run build` first)');
  }

  const readStart = performance.now();
  let problem: TntpProblem;
  try {
    problem = loadTntpProblem(options.net, options.trips);
  } catch (error) {
    throw asInputError(error, options.net);
  }
  for (const warning of problem.net.warnings) stderr.write(`${formatIssue(warning)}\n`);
  const readMs = performance.now() - readStart;

  const progressLine = createProgressLine(stderr, options.progress, gap);
  let oracle: ShortestPathOracle | undefined;
  let result: AssignResult;
  try {
    if (threads > 1) oracle = await createWorkerOracle(problem.network, problem.demand, threads);
    result = assign(problem.network, problem.demand, {
      algorithm: options.algorithm,
      gap,
      ...(maxIterations !== undefined ? { maxIterations } : {}),
      ...(maxSeconds !== undefined ? { maxSeconds } : {}),
      clock: () => performance.now(),
      ...(oracle !== undefined ? { oracle } : {}),
      ...(progressLine !== undefined ? { onProgress: progressLine.update } : {}),
    });
  } catch (error) {
    throw asInputError(error, options.trips);
  } finally {
    progressLine?.finish();
    oracle?.close();
  }

  if (options.out !== undefined) writeFlowsFile(options.out, problem.net, result.volume, result.cost);
  const { net } = problem;
  const summary = {
    algorithm: result.algorithm,
    network: { file: options.net, nodes: net.nodes, links: net.linkCount, zones: net.zones },
    trips: { file: options.trips, total: totalDemand(problem.demand) },
    iterations: result.iteration,
    gap: result.gap,
    targetGap: gap,
    converged: result.converged,
    stoppedBy: result.stoppedBy,
    beckmann: result.objective,
    tstt: result.tstt,
    sptt: result.sptt,
    seconds: result.elapsedMs / 1000,
    readSeconds: readMs / 1000,
    threads: result.threads,
    ...(options.out !== undefined ? { out: options.out } : {}),
  };
  if (options.json) {
    writeJson(stdout, summary);
    return;
  }
  const stopped =
    result.stoppedBy === 'gap'
      ? 'reached'
      : result.stoppedBy === 'iterations'
        ? 'not reached: iteration limit'
        : 'not reached: time limit';
  const rows: [string, string][] = [
    ['algorithm', ALGORITHM_TITLES[result.algorithm]],
    ['network', `${basename(options.net)}: ${net.nodes} nodes, ${net.linkCount} links, ${net.zones} zones`],
    ['demand', `${formatNumber(summary.trips.total)} trips`],
    ['iterations', String(result.iteration)],
    ['relative gap', `${result.gap.toExponential(3)} (target ${gap}, ${stopped})`],
    ['Beckmann objective', result.objective.toPrecision(12)],
    ['total travel time', result.tstt.toPrecision(12)],
    ['time', `${(result.elapsedMs / 1000).toFixed(3)} s (+ ${(readMs / 1000).toFixed(3)} s reading)`],
    ['threads', String(result.threads)],
  ];
  if (options.out !== undefined) rows.push(['flows', `written to ${options.out}`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  writeText(stdout, rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
}

/** Input problems found by the core (a trip with no path, an undefined cost) become file-located input errors. */
function asInputError(error: unknown, file: string): unknown {
  if (error instanceof AssignmentInputError) {
    return new InvalidInputError([{ severity: 'error', file, message: error.message }], error.message);
  }
  return error;
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * The progress line on stderr: iteration, a bar of the gap's progress on a log scale from the first gap to the
 * target, the gap and the elapsed time. Redrawn in place at most ten times a second on a terminal; one line per
 * second elsewhere (with --progress).
 */
function createProgressLine(
  stderr: TextOutput,
  requested: boolean | undefined,
  target: number,
): { update: (progress: AssignProgress) => void; finish: () => void } | undefined {
  const tty = (stderr as { isTTY?: boolean }).isTTY === true;
  // --progress: true, --no-progress: false, neither: undefined (Commander keeps no default when --progress comes first).
  if (requested === false || (!tty && requested !== true)) return undefined;
  const interval = tty ? 100 : 1000;
  let firstGap = NaN;
  let lastDraw = -Infinity;
  let last: AssignProgress | undefined;
  let drawn = false;
  const draw = (progress: AssignProgress) => {
    const span = Math.log(firstGap / Math.max(target, 1e-300));
    const done = span > 0 ? Math.min(1, Math.max(0, Math.log(firstGap / Math.max(progress.gap, 1e-300)) / span)) : 1;
    const width = 20;
    const filled = Math.round(done * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const text = `iteration ${progress.iteration}  ${bar}  gap ${progress.gap.toExponential(2)}  ${(progress.elapsedMs / 1000).toFixed(1)} s`;
    stderr.write(tty ? `\r${text}\x1b[K` : `${text}\n`);
    drawn = true;
  };
  return {
    update: (progress) => {
      if (Number.isNaN(firstGap)) firstGap = progress.gap;
      last = progress;
      if (progress.elapsedMs - lastDraw >= interval) {
        lastDraw = progress.elapsedMs;
        draw(progress);
      }
    },
    finish: () => {
      if (last !== undefined && lastDraw !== last.elapsedMs) draw(last);
      if (drawn && tty) stderr.write('\n');
    },
  };
}

interface Comparison {
  links: number;
  maxAbsolute: number;
  maxAbsoluteLink: string;
  maxRelative: number;
  maxRelativeLink: string;
  rmse: number;
  /** Links within 0.1 % of the reference or 1 vehicle of it, whichever is looser. */
  withinTolerance: number;
}

function runCompare(options: CompareCliOptions, context: CliContext): void {
  const flows = readLinkFlowsFile(options.flows);
  const reference = readLinkFlowsFile(options.reference);
  const comparison = compareFlows(flows, reference, options.flows, options.reference);
  if (options.json) {
    writeJson(context.io.stdout, { flows: options.flows, reference: options.reference, ...comparison });
    return;
  }
  const rows: [string, string][] = [
    ['links compared', String(comparison.links)],
    ['max absolute difference', `${comparison.maxAbsolute.toPrecision(6)} (link ${comparison.maxAbsoluteLink})`],
    ['max relative difference', `${comparison.maxRelative.toExponential(3)} (link ${comparison.maxRelativeLink})`],
    ['RMSE', comparison.rmse.toPrecision(6)],
    ['within 0.1% or 1 vehicle', `${comparison.withinTolerance} of ${comparison.links}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  writeText(context.io.stdout, rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
}

/**
 * Matches links by (from, to) — parallel links by their order — and compares volumes. Relative differences are
 * taken against the reference volume, over links whose reference volume is positive.
 */
export function compareFlows(
  flows: LinkFlows,
  reference: LinkFlows,
  flowsFile: string,
  referenceFile: string,
): Comparison {
  const key = (from: number, to: number, occurrence: number) => `${from + 1}→${to + 1}#${occurrence}`;
  const index = new Map<string, number>();
  const seen = new Map<string, number>();
  const keyOf = (set: LinkFlows, k: number) => {
    const base = `${set.from[k]}:${set.to[k]}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return key(set.from[k]!, set.to[k]!, occurrence);
  };
  for (let k = 0; k < reference.count; k++) index.set(keyOf(reference, k), k);
  seen.clear();
  const issues = [];
  let maxAbsolute = 0;
  let maxAbsoluteLink = '-';
  let maxRelative = 0;
  let maxRelativeLink = '-';
  let squares = 0;
  let within = 0;
  const matched = new Uint8Array(reference.count);
  for (let k = 0; k < flows.count; k++) {
    const id = keyOf(flows, k);
    const r = index.get(id);
    const label = `${flows.from[k]! + 1}→${flows.to[k]! + 1}`;
    if (r === undefined) {
      issues.push({
        severity: 'error' as const,
        file: flowsFile,
        line: flows.line[k]!,
        message: `link ${label} is not in ${referenceFile}`,
      });
      continue;
    }
    matched[r] = 1;
    const a = flows.volume[k]!;
    const b = reference.volume[r]!;
    const diff = Math.abs(a - b);
    squares += diff * diff;
    if (diff > maxAbsolute) {
      maxAbsolute = diff;
      maxAbsoluteLink = label;
    }
    if (b > 0 && diff / b > maxRelative) {
      maxRelative = diff / b;
      maxRelativeLink = label;
    }
    if (diff <= Math.max(1, 1e-3 * Math.abs(b))) within++;
  }
  for (let r = 0; r < reference.count && issues.length < 50; r++) {
    if (matched[r] === 0) {
      issues.push({
        severity: 'error' as const,
        file: referenceFile,
        line: reference.line[r]!,
        message: `link ${reference.from[r]! + 1}→${reference.to[r]! + 1} is not in ${flowsFile}`,
      });
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues.slice(0, 50), 'the flow files do not list the same links');
  return {
    links: flows.count,
    maxAbsolute,
    maxAbsoluteLink,
    maxRelative,
    maxRelativeLink,
    rmse: flows.count > 0 ? Math.sqrt(squares / flows.count) : 0,
    withinTolerance: within,
  };
}
