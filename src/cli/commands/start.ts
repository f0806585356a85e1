import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import type { StartSection } from '../start-section.js';
import { START_SECTIONS } from '../start-sections.js';
import { titled } from '../table.js';

/** `caravan start`, what `npm start` runs: the report made of every start section, on the bundled network. */
export function registerStart(
  program: Command,
  context: CliContext,
  sections: readonly StartSection[] = START_SECTIONS,
): void {
  program
    .command('start')
    .description('show the overview report of a network (what `npm start` runs)')
    .addOption(dataOption())
    .addOption(jsonOption())
    .action((options: { data?: string; json?: boolean }) => {
      const { stdout, stderr } = context.io;
      const network = networkFromOption(options.data, stderr);
      const results = sections.map((section) => ({ section, result: section.compute(network) }));
      if (options.json) {
        writeJson(stdout, Object.fromEntries(results.map(({ section, result }) => [section.id, result])));
        return;
      }
      const heading = `Caravan: freight corridors of Central Asia and Iran\nnetwork: ${options.data ?? 'bundled (data/networks/central-asia-iran)'}`;
      const body = results.map(({ section, result }) => titled(underline(section.title), section.render(result)));
      writeText(stdout, [heading, ...body].join('\n\n'));
    });
}

const underline = (title: string): string => `${title}\n${'='.repeat(title.length)}`;
