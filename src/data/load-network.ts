import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkNetwork } from '../model/check-network.js';
import { hasErrors, InvalidInputError, type InputIssue } from '../model/issues.js';
import type { Network } from '../model/types.js';
import { readCsvTable } from './csv-table.js';
import { networkFromGeoJson } from './geojson.js';
import { NETWORK_FILES } from './network-files.js';
import { zodIssuesAt } from './zod-issues.js';

export interface LoadResult {
  network?: Network;
  /** Every error and warning found; `network` is present only when there is no error. */
  issues: InputIssue[];
}

/** Reads a network folder of CSV files, or a GeoJSON file written by `network export`. Never throws on bad input. */
export function readNetwork(path: string): LoadResult {
  if (!existsSync(path)) return { issues: [{ severity: 'error', file: path, message: 'no such file or folder' }] };
  if (statSync(path).isDirectory()) return readNetworkFolder(path);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { issues: [{ severity: 'error', file: path, message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return finish(networkFromGeoJson(document, path));
}

/** Like readNetwork, but throws InvalidInputError listing every error. */
export function loadNetwork(path: string): { network: Network; warnings: InputIssue[] } {
  const result = readNetwork(path);
  if (result.network === undefined) throw new InvalidInputError(result.issues, `invalid network ${path}`);
  return { network: result.network, warnings: result.issues };
}

function readNetworkFolder(dir: string): LoadResult {
  const issues: InputIssue[] = [];
  const network: Network = {
    sources: [],
    corridors: [],
    nodes: [],
    links: [],
    transfers: [],
    emissionFactors: [],
    parameters: [],
  };
  const unparsedIds = new Set<string>();
  for (const spec of NETWORK_FILES) {
    const path = join(dir, spec.file);
    const label = path;
    if (!spec.required && !existsSync(path)) continue;
    const { table, issues: tableIssues } = readCsvTable(path, label, spec.columns);
    issues.push(...tableIssues);
    if (table === undefined) continue;
    const records: unknown[] = network[spec.key];
    for (const row of table.rows) {
      const origin = { file: label, line: row.line };
      const parsed = spec.schema.safeParse(row.cells);
      if (parsed.success) {
        records.push({ ...parsed.data, origin });
      } else {
        issues.push(...zodIssuesAt(parsed.error, origin));
        const id = row.cells['id']?.trim();
        if (id) unparsedIds.add(id);
      }
    }
  }
  return finish({ network, issues }, unparsedIds);
}

/** Cross-file checks run only on rows that parsed, and their issues join the row-level ones. */
function finish(partial: { network?: Network; issues: InputIssue[] }, unparsedIds?: ReadonlySet<string>): LoadResult {
  const issues = [...partial.issues];
  if (partial.network !== undefined) issues.push(...checkNetwork(partial.network, unparsedIds ? { unparsedIds } : {}));
  return hasErrors(issues) || partial.network === undefined ? { issues } : { network: partial.network, issues };
}
