import { readRecordFile, removeStaleRejectsFile, writeRejectsFile, type RecordRow } from '../data/record-csv.js';
import type { TradeData } from '../data/trade-data.js';
import { zodIssuesAt } from '../data/zod-issues.js';
import { InvalidInputError, type InputIssue } from '../model/issues.js';
import { checkTradeRecords, TRADE_COLUMNS, tradeRow, type TradeRecord } from '../monitoring/trade.js';
import { defaultRejectsPath, type ImportSummary } from './import-shipments.js';
import type { Store } from './store.js';

/**
 * Imports trade figures and targets (the format of data/monitoring/trade.csv) under the same rules as shipments:
 * every row checked, nothing written if any row is rejected, rejected rows to the rejects file, one transaction,
 * and rows already held (bundled or stored) counted as duplicates rather than added twice.
 */
export async function importTradeFile(
  store: Store,
  bundled: TradeData,
  path: string,
  options: { label?: string; rejectsPath?: string } = {},
): Promise<ImportSummary> {
  const label = options.label ?? path;
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(path);
  const { file, issues: fileIssues } = readRecordFile(path, label, TRADE_COLUMNS, [
    'qualifier',
    'estimated_fields',
    'notes',
  ]);
  if (file === undefined) throw new InvalidInputError(fileIssues, `cannot import ${label}`);
  const rowsRead = file.rows.length + file.brokenRows.length;
  const issuesByRow = new Map<RecordRow, InputIssue[]>();
  const reject = (row: RecordRow, issues: InputIssue[]) =>
    issuesByRow.set(row, [...(issuesByRow.get(row) ?? []), ...issues]);
  for (const { row, issue } of file.brokenRows) reject(row, [issue]);
  const parsed: TradeRecord[] = [];
  for (const row of file.rows) {
    const origin = { file: label, line: row.line };
    const result = tradeRow.safeParse(row.cells);
    if (result.success) parsed.push({ ...result.data, origin });
    else reject(row, zodIssuesAt(result.error, origin));
  }
  const existing = [...bundled.records, ...(await store.tradeRecords())];
  const checked = checkTradeRecords(parsed, { sourceIds: new Set(bundled.sources.map((s) => s.id)), existing });
  const rowByLine = new Map(file.rows.map((row) => [row.line, row]));
  for (const issue of checked.issues) {
    const row = issue.line === undefined ? undefined : rowByLine.get(issue.line);
    if (row !== undefined) reject(row, [issue]);
  }
  const rejected = [...issuesByRow].map(([row, issues]) => ({ row, issues }));
  const summary: ImportSummary = {
    file: label,
    store: store.describe(),
    rowsRead,
    accepted: rowsRead - rejected.length,
    new: 0,
    duplicates: checked.duplicates,
    rejected: rejected.length,
    imported: false,
    issues: rejected.flatMap(({ issues }) => issues),
  };
  if (rejected.length > 0) {
    writeRejectsFile(rejectsPath, file.header, rejected);
    return { ...summary, rejectsFile: rejectsPath };
  }
  removeStaleRejectsFile(rejectsPath);
  if (checked.fresh.length === 0) return summary;
  const importId = await store.saveTradeRecords(
    { kind: 'targets', file: label, sha256: file.sha256, rowsRead },
    checked.fresh,
  );
  return { ...summary, new: checked.fresh.length, imported: true, importId };
}
