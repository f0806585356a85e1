import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { hasEnergy, readEnergy } from '../../data/load-energy.js';
import { readNetwork } from '../../data/load-network.js';
import { EXIT_INVALID_INPUT } from '../errors.js';
import type { CliContext } from '../io.js';
import { sortIssues, splitBySeverity, writeIssues } from '../issues-output.js';
import { jsonOption, plural, writeJson } from '../output.js';

export function registerNetworkValidate(network: Command, context: CliContext): void {
  network
    .command('validate')
    .description(
      'check a network folder (with its energy/ layers) or an exported GeoJSON file; report every problem as file:line: field',
    )
    .argument('<path>', 'network folder of CSV files, or a GeoJSON file from `network export`')
    .addOption(jsonOption())
    .action((path: string, options: { json?: boolean }) => {
      const { stdout, stderr } = context.io;
      const result = readNetwork(path);
      const energy = readEnergyOf(
        path,
        result.network?.sources.map((source) => source.id),
      );
      const issues = [...result.issues, ...(energy?.issues ?? [])];
      const { errors, warnings } = splitBySeverity(sortIssues(issues));
      const valid = result.network !== undefined && (energy === undefined || energy.energy !== undefined);
      if (!valid) context.exitCode = EXIT_INVALID_INPUT;
      if (options.json) {
        writeJson(stdout, {
          valid,
          path,
          ...(result.network ? { nodes: result.network.nodes.length, links: result.network.links.length } : {}),
          ...(energy?.energy
            ? {
                energy: {
                  points: energy.energy.points.length,
                  links: energy.energy.links.length,
                  swaps: energy.energy.swaps.length,
                },
              }
            : {}),
          errors,
          warnings,
        });
        return;
      }
      writeIssues(stderr, issues);
      if (valid && result.network) {
        const { nodes, links, services } = result.network;
        const scheduled = services.length > 0 ? `, ${plural(services.length, 'service')}` : '';
        const layers = energy?.energy
          ? `, energy: ${plural(energy.energy.links.length, 'link')}, ${plural(energy.energy.swaps.length, 'swap')}`
          : '';
        stdout.write(
          `valid: ${plural(nodes.length, 'node')}, ${plural(links.length, 'link')}${scheduled}${layers}, ${plural(warnings.length, 'warning')}\n`,
        );
      } else {
        stderr.write(`invalid: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}\n`);
      }
    });
}

/** The energy/ layers of a network folder, when it has them; citations are checked once the sources have loaded. */
function readEnergyOf(path: string, sourceIds: string[] | undefined) {
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory() || !hasEnergy(path)) return undefined;
  return readEnergy(path, sourceIds === undefined ? undefined : new Set(sourceIds));
}
