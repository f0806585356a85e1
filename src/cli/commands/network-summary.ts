import type { Command } from 'commander';
import { summarizeNetwork } from '../../model/summary.js';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { renderSummary } from '../render-summary.js';

export function registerNetworkSummary(network: Command, context: CliContext): void {
  network
    .command('summary')
    .description('count nodes, links, kilometers, corridors and provenance of a network')
    .addOption(dataOption())
    .addOption(jsonOption())
    .action((options: { data?: string; json?: boolean }) => {
      const { stdout, stderr } = context.io;
      const summary = summarizeNetwork(networkFromOption(options.data, stderr));
      if (options.json) writeJson(stdout, summary);
      else writeText(stdout, renderSummary(summary));
    });
}
