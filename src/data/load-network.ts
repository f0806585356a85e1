import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkNetwork } from '../model/check-network.js';
import { hasErrors, InvalidInputError, issueAt, type InputIssue } from '../model/issues.js';
import { type Network, emptyNetwork } from '../model/types.js';
import { readCsvTable } from './csv-table.js';
import { displayPath } from './display-path.js';
import { networkFromGeoJson } from './geojson.js';
import { NETWORK_FILES } from './network-files.js';
import { readRegionFile, REGION_FILE } from './region-file.js';
import { loadWithSnapshot, type LoadedNetwork, type SnapshotOptions } from './network-snapshot.js';
import { zodIssuesAt } from './zod-issues.js';

export interface LoadResult {
  network?: Network;
  /** Every error and warning found; `network` is present only when there is no error. */
  issues: InputIssue[];
}

/** Reads a network folder of CSV files, or a GeoJSON file written by `network export`. Never throws on bad input. */
export function readNetwork(path: string): LoadResult {
  const label = displayPath(path);
  if (!existsSync(path)) return { issues: [{ severity: 'error', file: label, message: 'no such file or folder' }] };
  if (statSync(path).isDirectory()) return readNetworkFolder(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { issues: [issueAt({ file: label }, undefined, `cannot read: ${(error as Error).message}`)] };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // V8 may quote the offending text, newlines included; an issue stays on one line.
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    const line = jsonErrorLine(text, message);
    return {
      issues: [
        issueAt({ file: label, ...(line === undefined ? {} : { line }) }, undefined, `not valid JSON: ${message}`),
      ],
    };
  }
  return finish(networkFromGeoJson(document, label));
}

/** V8 often reports where JSON parsing failed as a character position; people and editors want a line. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return undefined;
  return text.slice(0, Number(position)).split('\n').length;
}

/** Like readNetwork, but throws InvalidInputError listing every error. */
export function loadNetwork(path: string): LoadedNetwork {
  const result = readNetwork(path);
  if (result.network === undefined) throw new InvalidInputError(result.issues, `invalid network ${path}`);
  return { network: result.network, warnings: result.issues };
}

/**
 * Like loadNetwork, but a network folder comes from its compiled snapshot in `cache.cacheDir` when that is current
 * (see network-snapshot.ts); without a cache folder, or for a GeoJSON file, it is read as loadNetwork reads it.
 */
export function loadNetworkCached(path: string, cache: SnapshotOptions): LoadedNetwork {
  return loadWithSnapshot(path, cache, () => loadNetwork(path));
}

function readNetworkFolder(dir: string): LoadResult {
  const issues: InputIssue[] = [];
  const network: Network = emptyNetwork();
  const unparsedIds = new Set<string>();
  for (const spec of NETWORK_FILES) {
    const path = join(dir, spec.file);
    const label = displayPath(path);
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
  const region = readRegionFile(join(dir, REGION_FILE), displayPath(join(dir, REGION_FILE)), network);
  issues.push(...region.issues);
  if (region.region !== undefined) network.region = region.region;
  return finish({ network, issues }, unparsedIds);
}

/** Cross-file checks run only on rows that parsed, and their issues join the row-level ones. */
function finish(partial: { network?: Network; issues: InputIssue[] }, unparsedIds?: ReadonlySet<string>): LoadResult {
  const issues = [...partial.issues];
  if (partial.network !== undefined) issues.push(...checkNetwork(partial.network, unparsedIds ? { unparsedIds } : {}));
  return hasErrors(issues) || partial.network === undefined ? { issues } : { network: partial.network, issues };
}
