import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { hasErrors, InvalidInputError, type InputIssue } from '../model/issues.js';
import { SOURCE_COLUMNS, sourceRow } from '../model/schemas.js';
import type { Source } from '../model/types.js';
import {
  checkTradeRecords,
  OPTIONAL_TRADE_COLUMNS,
  TRADE_COLUMNS,
  tradeRow,
  type TradeRecord,
} from '../monitoring/trade.js';
import { readCsvTable } from './csv-table.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';
import { readRecordFile } from './record-csv.js';
import { zodIssuesAt } from './zod-issues.js';

export const MONITORING_DATA_DIR = fileURLToPath(new URL('../../data/monitoring', import.meta.url));

/**
 * The trade figures and targets of a network: its folder's monitoring/ (trade.csv, sources.csv); the bundled
 * network's are in data/monitoring, where the store's import checks look for them too.
 */
export function tradeDataDir(networkDir: string | undefined): string {
  if (networkDir === undefined || resolve(networkDir) === resolve(BUNDLED_NETWORK_DIR)) return MONITORING_DATA_DIR;
  const dir = join(networkDir, 'monitoring');
  if (!existsSync(join(dir, 'trade.csv')))
    throw new InvalidInputError(
      [
        {
          severity: 'error',
          file: join(dir, 'trade.csv'),
          message: "no such file: a network's trade figures and targets live in monitoring/trade.csv",
        },
      ],
      `no trade data for ${networkDir}`,
    );
  return dir;
}

export interface TradeData {
  sources: Source[];
  records: TradeRecord[];
}

/** The bundled trade figures and targets with their sources; throws InvalidInputError listing every problem. */
/** The sources of a sources.csv, every problem added to `issues`. */
export function readSourcesFile(path: string, issues: InputIssue[]): Source[] {
  const { table, issues: tableIssues } = readCsvTable(path, path, SOURCE_COLUMNS);
  issues.push(...tableIssues);
  const sources: Source[] = [];
  for (const row of table?.rows ?? []) {
    const origin = { file: path, line: row.line };
    const parsed = sourceRow.safeParse(row.cells);
    if (parsed.success) sources.push({ ...parsed.data, origin });
    else issues.push(...zodIssuesAt(parsed.error, origin));
  }
  return sources;
}

export function loadTradeData(dir: string = MONITORING_DATA_DIR): TradeData {
  const issues: InputIssue[] = [];
  const sources = readSourcesFile(join(dir, 'sources.csv'), issues);
  const tradeLabel = join(dir, 'trade.csv');
  const { file, issues: fileIssues } = readRecordFile(tradeLabel, tradeLabel, TRADE_COLUMNS, OPTIONAL_TRADE_COLUMNS);
  issues.push(...fileIssues, ...(file?.brokenRows.map((broken) => broken.issue) ?? []));
  const parsedRecords: TradeRecord[] = [];
  for (const row of file?.rows ?? []) {
    const origin = { file: tradeLabel, line: row.line };
    const parsed = tradeRow.safeParse(row.cells);
    if (parsed.success) parsedRecords.push({ ...parsed.data, origin });
    else issues.push(...zodIssuesAt(parsed.error, origin));
  }
  const checked = checkTradeRecords(parsedRecords, { sourceIds: new Set(sources.map((s) => s.id)), existing: [] });
  issues.push(...checked.issues);
  if (hasErrors(issues)) throw new InvalidInputError(issues, `invalid trade data in ${dir}`);
  return { sources, records: checked.fresh };
}
