#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { CliContext, CliIo } from './io.js';
import { packageVersion } from './version.js';

type Register = (parent: Command, context: CliContext) => void;

/**
 * Every command and the module that registers it, in the order `--help` lists them. Each module is imported only
 * when its command runs: a command pays for its own dependencies (the store, the server, the LP solver), not for
 * everyone else's.
 */
const COMMANDS = new Map<string, () => Promise<Register>>(
  Object.entries({
    start: async () => (await import('./commands/start.js')).registerStart,
    serve: async () => (await import('./commands/serve.js')).registerServe,
    route: async () => (await import('./commands/route.js')).registerRoute,
    reliability: async () => (await import('./commands/reliability.js')).registerReliability,
    assign: async () => (await import('./commands/assign.js')).registerAssign,
    scenario: async () => (await import('./commands/scenario.js')).registerScenario,
    optimize: async () => (await import('./commands/optimize.js')).registerOptimize,
    calibrate: async () => (await import('./commands/calibrate.js')).registerCalibrate,
    capacity: async () => (await import('./commands/capacity.js')).registerCapacity,
    energy: async () => (await import('./commands/energy.js')).registerEnergy,
    network: async () => registerNetwork([...NETWORK_COMMANDS.keys()]),
    shipments: async () => (await import('./commands/shipments.js')).registerShipments,
    indicators: async () => (await import('./commands/indicators.js')).registerIndicators,
    targets: async () => (await import('./commands/targets.js')).registerTargets,
    observations: async () => (await import('./commands/observations.js')).registerObservations,
    scorecard: async () => (await import('./commands/scorecard.js')).registerScorecard,
    sweep: async () => (await import('./commands/sweep.js')).registerSweep,
    worker: async () => (await import('./commands/worker.js')).registerWorker,
    imports: async () => (await import('./commands/imports.js')).registerImports,
    tokens: async () => (await import('./commands/tokens.js')).registerTokens,
  }),
);

const NETWORK_COMMANDS = new Map<string, () => Promise<Register>>(
  Object.entries({
    summary: async () => (await import('./commands/network-summary.js')).registerNetworkSummary,
    validate: async () => (await import('./commands/network-validate.js')).registerNetworkValidate,
    show: async () => (await import('./commands/network-show.js')).registerNetworkShow,
    export: async () => (await import('./commands/network-export.js')).registerNetworkExport,
  }),
);

/**
 * Runs one caravan command line (without `node` and the script) and returns its exit code. It never exits the
 * process nor writes outside `io`, so tests run commands in-process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CliContext = { io, exitCode: 0 };
  try {
    const program = createProgram(context);
    for (const register of await Promise.all(commandsFor(argv).map((load) => load()))) register(program, context);
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // Commander has printed the help or the version: nothing more to load or say.
    if (error instanceof CommanderError && error.exitCode === 0) return 0;
    const { reportError } = await import('./report-error.js');
    return reportError(error, io);
  }
}

/**
 * The commands a command line needs registered. One, when it names one; none for `--version`; all of them when
 * commander must list or suggest commands (no command, top-level help, an unknown name).
 */
function commandsFor(argv: readonly string[]): (() => Promise<Register>)[] {
  const [first, second] = argv;
  if (first === '-V' || first === '--version') return [];
  const name = first === 'help' ? second : first;
  const load = name === undefined ? undefined : COMMANDS.get(name);
  if (load === undefined) return [...COMMANDS.values()];
  if (name !== 'network' || first === 'help' || second === undefined || !NETWORK_COMMANDS.has(second)) return [load];
  return [async () => registerNetwork([second])];
}

/** `network` groups its subcommands; all of them are loaded only when its help or a suggestion needs them. */
async function registerNetwork(names: readonly string[]): Promise<Register> {
  const registers = await Promise.all(names.map((name) => NETWORK_COMMANDS.get(name)!()));
  return (program, context) => {
    const network = program.command('network').description('inspect, check and export a network');
    for (const register of registers) register(network, context);
  };
}

function createProgram(context: CliContext): Command {
  const { io } = context;
  // Subcommands copy these settings when they are created, so they must be set before any command is added.
  return new Command('caravan')
    .description('Model international freight corridors: the Central Asia – Iran transit system')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)');
}

/** True when this file is the program node started (directly or through the npm bin link), not an import. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
