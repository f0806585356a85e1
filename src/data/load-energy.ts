import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { checkEnergy } from '../energy/check.js';
import {
  INTERCONNECTOR_COLUMNS,
  PIPELINE_COLUMNS,
  POINT_COLUMNS,
  SWAP_COLUMNS,
  interconnectorRow,
  pipelineRow,
  pointRow,
  swapRow,
} from '../energy/schemas.js';
import type { EnergyNetwork } from '../energy/types.js';
import { hasErrors, InvalidInputError, type InputIssue } from '../model/issues.js';
import { readCsvTable } from './csv-table.js';
import { displayPath } from './display-path.js';
import { zodIssuesAt } from './zod-issues.js';

/** The folder inside a network folder that holds its energy layers. */
export const ENERGY_DIR = 'energy';

interface EnergyFile<K extends keyof EnergyNetwork = keyof EnergyNetwork> {
  file: string;
  key: K;
  columns: readonly string[];
  schema: z.ZodType<EnergyNetwork[K][number], unknown>;
}

/** The files of an energy folder, in the order they are read; pipelines and interconnectors are both links. */
export const ENERGY_FILES: readonly EnergyFile[] = [
  { file: 'points.csv', key: 'points', columns: POINT_COLUMNS, schema: pointRow },
  { file: 'pipelines.csv', key: 'links', columns: PIPELINE_COLUMNS, schema: pipelineRow },
  { file: 'interconnectors.csv', key: 'links', columns: INTERCONNECTOR_COLUMNS, schema: interconnectorRow },
  { file: 'swaps.csv', key: 'swaps', columns: SWAP_COLUMNS, schema: swapRow },
] as EnergyFile[];

export interface EnergyLoadResult {
  /** Present only when there is no error: an energy folder loads whole or not at all. */
  energy?: EnergyNetwork;
  issues: InputIssue[];
}

/** Whether a network folder has energy layers. */
export function hasEnergy(networkDir: string): boolean {
  const dir = join(networkDir, ENERGY_DIR);
  return existsSync(dir) && statSync(dir).isDirectory();
}

/**
 * Reads the energy/ folder of a network folder. Every row error comes back with its file and line, as the freight
 * files' do; `sourceIds` (the network's sources.csv) are what rows may cite, and without them citations go unchecked.
 */
export function readEnergy(networkDir: string, sourceIds?: ReadonlySet<string>): EnergyLoadResult {
  const dir = join(networkDir, ENERGY_DIR);
  const issues: InputIssue[] = [];
  const energy: EnergyNetwork = { points: [], links: [], swaps: [] };
  const unparsedIds = new Set<string>();
  for (const spec of ENERGY_FILES) {
    const path = join(dir, spec.file);
    const label = displayPath(path);
    const { table, issues: tableIssues } = readCsvTable(path, label, spec.columns);
    issues.push(...tableIssues);
    if (table === undefined) continue;
    const records: unknown[] = energy[spec.key];
    for (const row of table.rows) {
      const origin = { file: label, line: row.line };
      const parsed = spec.schema.safeParse(row.cells);
      if (parsed.success) records.push({ ...parsed.data, origin });
      else {
        issues.push(...zodIssuesAt(parsed.error, origin));
        const id = row.cells['id']?.trim();
        if (id) unparsedIds.add(id);
      }
    }
  }
  const allSources =
    sourceIds ?? new Set([...energy.points, ...energy.links, ...energy.swaps].flatMap((r) => r.sources));
  issues.push(...checkEnergy(energy, allSources, unparsedIds));
  return hasErrors(issues) ? { issues } : { energy, issues };
}

/** Like readEnergy, but throws InvalidInputError listing every error. */
export function loadEnergy(networkDir: string, sourceIds?: ReadonlySet<string>): EnergyNetwork {
  const result = readEnergy(networkDir, sourceIds);
  if (result.energy === undefined)
    throw new InvalidInputError(result.issues, `invalid energy data in ${displayPath(join(networkDir, ENERGY_DIR))}`);
  return result.energy;
}
