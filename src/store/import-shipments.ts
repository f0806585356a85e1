import { readRecordFile, removeStaleRejectsFile, writeRejectsFile, type RecordRow } from '../data/record-csv.js';
import { zodIssuesAt } from '../data/zod-issues.js';
import { InvalidInputError, type InputIssue } from '../model/issues.js';
import type { Network } from '../model/types.js';
import { checkShipments } from '../monitoring/check-shipments.js';
import { SectionDistances } from '../monitoring/distance.js';
import { OPTIONAL_SHIPMENT_COLUMNS, SHIPMENT_COLUMNS, shipmentRow } from '../monitoring/shipment-schema.js';
import type { CheckpointVisit } from '../monitoring/types.js';
import type { Store } from './store.js';

export type ImportPhase = 'checking' | 'writing';
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

export interface ImportOptions {
  /** How the file is named in messages and in the store (default: the path as given). */
  label?: string;
  /** Where rejected rows go (default: FILE.rejects.csv beside the file). */
  rejectsPath?: string;
  onProgress?: ImportProgress;
}

export interface ImportSummary {
  file: string;
  store: string;
  rowsRead: number;
  /** Valid rows: new plus duplicates. */
  accepted: number;
  /** Rows written to the store (0 when any row was rejected: a file is imported whole or not at all). */
  new: number;
  duplicates: number;
  rejected: number;
  imported: boolean;
  importId?: number;
  rejectsFile?: string;
  /** Why each rejected row was rejected, by line. */
  issues: InputIssue[];
}

export const defaultRejectsPath = (path: string): string => `${path.replace(/\.csv$/i, '')}.rejects.csv`;

/**
 * Imports one file of shipment records: every row is validated and checked against the network, the store and the
 * other rows; if any row is rejected nothing is written and the rejected rows go to the rejects file with their
 * line and reasons; otherwise the rows not yet stored are written in one transaction. Importing the same file again
 * finds every row already stored and writes nothing.
 */
export async function importShipmentsFile(
  store: Store,
  network: Network,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const label = options.label ?? path;
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(path);
  const { file, issues: fileIssues } = readRecordFile(path, label, SHIPMENT_COLUMNS, OPTIONAL_SHIPMENT_COLUMNS);
  if (file === undefined) throw new InvalidInputError(fileIssues, `cannot import ${label}`);
  const progress = options.onProgress;
  const rowsRead = file.rows.length + file.brokenRows.length;

  const issuesByRow = new Map<RecordRow, InputIssue[]>();
  const reject = (row: RecordRow, issues: InputIssue[]) =>
    issuesByRow.set(row, [...(issuesByRow.get(row) ?? []), ...issues]);
  for (const { row, issue } of file.brokenRows) reject(row, [issue]);

  const parsed: CheckpointVisit[] = [];
  const rowOfVisit = new Map<CheckpointVisit, RecordRow>();
  file.rows.forEach((row, index) => {
    const origin = { file: label, line: row.line };
    const result = shipmentRow.safeParse(row.cells);
    if (result.success) {
      const visit = { ...result.data, origin };
      parsed.push(visit);
      rowOfVisit.set(visit, row);
    } else reject(row, zodIssuesAt(result.error, origin));
    if (progress && (index + 1) % 5000 === 0) progress('checking', index + 1, file.rows.length);
  });
  progress?.('checking', file.rows.length, file.rows.length);

  const stored = await store.visitsOfShipments(parsed.map((visit) => visit.shipmentId));
  const distances = new SectionDistances(network);
  const checked = checkShipments(parsed, {
    nodeIds: new Set(network.nodes.map((node) => node.id)),
    corridorIds: new Set(network.corridors.map((corridor) => corridor.id)),
    stored,
    connected: (from, to) => distances.km(from, to) !== undefined,
  });
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
  const importId = await store.saveShipments(
    { kind: 'shipments', file: label, sha256: file.sha256, rowsRead },
    checked.fresh,
    progress ? (done, total) => progress('writing', done, total) : undefined,
  );
  return { ...summary, new: checked.fresh.length, imported: true, importId };
}
