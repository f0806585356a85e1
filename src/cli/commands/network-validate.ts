import type { Command } from 'commander';
import { readNetwork } from '../../data/load-network.js';
import { EXIT_INVALID_INPUT } from '../errors.js';
import type { CliContext } from '../io.js';
import { sortIssues, splitBySeverity, writeIssues } from '../issues-output.js';
import { jsonOption, plural, writeJson } from '../output.js';

export function registerNetworkValidate(network: Command, context: CliContext): void {
  network
    .command('validate')
    .description('check a network folder (or an exported GeoJSON file) and report every problem as file:line: field')
    .argument('<path>', 'network folder of CSV files, or a GeoJSON file from `network export`')
    .addOption(jsonOption())
    .action((path: string, options: { json?: boolean }) => {
      const { stdout, stderr } = context.io;
      const result = readNetwork(path);
      const { errors, warnings } = splitBySeverity(sortIssues(result.issues));
      const valid = result.network !== undefined;
      if (!valid) context.exitCode = EXIT_INVALID_INPUT;
      if (options.json) {
        writeJson(stdout, {
          valid,
          path,
          ...(result.network ? { nodes: result.network.nodes.length, links: result.network.links.length } : {}),
          errors,
          warnings,
        });
        return;
      }
      writeIssues(stderr, result.issues);
      if (result.network) {
        const { nodes, links } = result.network;
        stdout.write(
          `valid: ${plural(nodes.length, 'node')}, ${plural(links.length, 'link')}, ${plural(warnings.length, 'warning')}\n`,
        );
      } else {
        stderr.write(`invalid: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}\n`);
      }
    });
}
