#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerAssign } from './commands/assign.js';
import { registerNetworkExport } from './commands/network-export.js';
import { registerNetworkShow } from './commands/network-show.js';
import { registerNetworkSummary } from './commands/network-summary.js';
import { registerNetworkValidate } from './commands/network-validate.js';
import { registerReliability } from './commands/reliability.js';
import { registerIndicators } from './commands/indicators.js';
import { registerRoute } from './commands/route.js';
import { registerOptimize } from './commands/optimize.js';
import { registerScenario } from './commands/scenario.js';
import { registerServe } from './commands/serve.js';
import { registerShipments } from './commands/shipments.js';
import { registerStart } from './commands/start.js';
import { registerTargets } from './commands/targets.js';
import type { CliContext, CliIo } from './io.js';
import { reportError } from './report-error.js';
import { packageVersion } from './version.js';

/**
 * Runs one caravan command line (without `node` and the script) and returns its exit code. It never exits the
 * process nor writes outside `io`, so tests run commands in-process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CliContext = { io, exitCode: 0 };
  try {
    await createProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function createProgram(context: CliContext): Command {
  const { io } = context;
  // Subcommands copy these settings when they are created, so they must be set before any command is added.
  const program = new Command('caravan')
    .description('Model international freight corridors: the Central Asia – Iran transit system')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)');

  registerStart(program, context);
  registerServe(program, context);
  registerRoute(program, context);
  registerReliability(program, context);
  registerAssign(program, context);
  registerScenario(program, context);
  registerOptimize(program, context);
  const network = program.command('network').description('inspect, check and export a network');
  registerNetworkSummary(network, context);
  registerNetworkValidate(network, context);
  registerNetworkShow(network, context);
  registerNetworkExport(network, context);
  registerShipments(program, context);
  registerIndicators(program, context);
  registerTargets(program, context);
  return program;
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
