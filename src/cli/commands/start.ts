import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import type { StartSection } from '../start-section.js';
import { addServeOptions, serveNetwork } from '../serve-options.js';
import { START_SECTIONS } from '../start-sections.js';
import { titled } from '../../render/table.js';

/**
 * `caravan start`, what `npm start` runs: the report made of every start section, on the bundled network, then the
 * web app and API served on it.
 */
export function registerStart(
  program: Command,
  context: CliContext,
  sections: readonly StartSection[] = START_SECTIONS,
): void {
  const command = program
    .command('start')
    .description('show the overview report of a network, then serve the web app and API (what `npm start` runs)')
    .addOption(dataOption())
    .addOption(jsonOption())
    .option('--no-serve', 'only print the overview (implied by --json)');
  addServeOptions(command).action(async (options: { data?: string; json?: boolean; serve: boolean }) => {
    const { stdout, stderr } = context.io;
    const network = networkFromOption(options.data, stderr);
    const results = sections.map((section) => ({ section, result: section.compute(network) }));
    if (options.json) {
      writeJson(stdout, Object.fromEntries(results.map(({ section, result }) => [section.id, result])));
      return;
    }
    const region = network.region?.title;
    const heading = `Caravan: freight corridors${region === undefined ? '' : ` of ${region}`}\nnetwork: ${options.data ?? 'bundled (data/networks/central-asia-iran)'}`;
    const body = results.map(({ section, result }) => {
      const title = section.titleOf?.(result) ?? section.title;
      return titled(underline(title), section.render(result));
    });
    writeText(stdout, [heading, ...body].join('\n\n'));
    if (options.serve) await serveNetwork(network, options, context);
  });
}

const underline = (title: string): string => `${title}\n${'='.repeat(title.length)}`;
