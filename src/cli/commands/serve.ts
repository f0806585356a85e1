import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { addServeOptions, serveNetwork } from '../serve-options.js';

/** `caravan serve`: the web app and the HTTP API, without the overview `caravan start` prints first. */
export function registerServe(program: Command, context: CliContext): void {
  const command = program
    .command('serve')
    .description('serve the web app and the HTTP API (default http://127.0.0.1:8080/)')
    .addOption(dataOption());
  addServeOptions(command).action(async (options: Record<string, unknown>) => {
    const { stderr } = context.io;
    const network = networkFromOption(options['data'] as string | undefined, stderr);
    await serveNetwork(network, options, context);
  });
}
