import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Network } from '../model/types.js';
import { NETWORK_FILES } from './network-files.js';
import { ROW_WRITERS, type RowValue } from './network-rows.js';

function cellText(value: RowValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    return value.map((item) => (Array.isArray(item) ? `${item[0]} ${item[1]}` : String(item))).join(';');
  }
  return String(value);
}

/** The CSV text of each network file, keyed by file name, with every documented column in order. */
export function networkToCsv(network: Network): Map<string, string> {
  const files = new Map<string, string>();
  for (const spec of NETWORK_FILES) {
    const toRow = ROW_WRITERS[spec.key] as (record: unknown) => Record<string, RowValue>;
    const rows = (network[spec.key] as unknown[]).map((record) => {
      const row = toRow(record);
      return spec.columns.map((column) => cellText(row[column]));
    });
    files.set(spec.file, stringify([spec.columns as string[], ...rows]));
  }
  return files;
}

export function writeNetworkCsv(network: Network, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, text] of networkToCsv(network)) {
    const path = join(dir, file);
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}
