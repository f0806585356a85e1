import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { networkToGeoJson } from '../../data/geojson.js';
import { writeNetworkCsv } from '../../data/write-network-csv.js';
import type { Network } from '../../model/types.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { jsonOption, plural, writeJson } from '../output.js';

const FORMATS = ['geojson', 'csv'] as const;

interface ExportOptions {
  format: (typeof FORMATS)[number];
  data?: string;
  out?: string;
  json?: boolean;
}

export function registerNetworkExport(network: Command, context: CliContext): void {
  network
    .command('export')
    .description('write a network as one GeoJSON file (for maps) or as a folder of CSV files')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).makeOptionMandatory())
    .addOption(dataOption())
    .option('--out <path>', 'GeoJSON file or CSV folder to write (GeoJSON goes to stdout without it)')
    .addOption(jsonOption())
    .action(({ format, data, out, json }: ExportOptions) => {
      const { stdout, stderr } = context.io;
      if (format === 'csv' && out === undefined) {
        throw new UsageError('--format csv writes one file per table: name a folder with --out');
      }
      const loaded = networkFromOption(data, stderr);
      if (out === undefined) {
        // The GeoJSON itself is the machine-readable output.
        stdout.write(geoJsonText(loaded));
        return;
      }
      const files = format === 'csv' ? writeNetworkCsv(loaded, out) : [writeGeoJsonFile(loaded, out)];
      if (json) writeJson(stdout, { format, out, files });
      else {
        const counts = `${plural(loaded.nodes.length, 'node')} and ${plural(loaded.links.length, 'link')}`;
        stdout.write(`wrote ${counts} as ${format} to ${out}\n`);
      }
    });
}

const geoJsonText = (network: Network): string => `${JSON.stringify(networkToGeoJson(network), null, 2)}\n`;

function writeGeoJsonFile(network: Network, path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, geoJsonText(network));
  return path;
}
