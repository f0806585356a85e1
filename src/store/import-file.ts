import { userInfo } from 'node:os';
import type { z } from 'zod';
import {
  readRecordFile,
  RejectsFileWriter,
  removeStaleRejectsFile,
  writeRejectsFile,
  type RecordRow,
} from '../data/record-csv.js';
import { RecordFileError, streamRecordFile } from '../data/record-csv-stream.js';
import { zodIssuesAt } from '../data/zod-issues.js';
import { InvalidInputError, type InputIssue } from '../model/issues.js';
import type { RecordOrigin } from '../model/types.js';
import type { ImportRecord, ProgressListener, Store } from './store.js';

export type ImportPhase = 'checking' | 'writing';
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

export interface ImportOptions {
  /** How the file is named in messages and in the store (default: the path as given). */
  label?: string;
  /** Where rejected rows go (default: FILE.rejects.csv beside the file). */
  rejectsPath?: string;
  onProgress?: ImportProgress;
  /** Who imports the file, for the audit log (default: `cli` and the user running the process). */
  actor?: string;
  /** Rows read and checked at a time by a chunked import (default 10,000): memory is about this many rows. */
  chunkRows?: number;
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
  /** Why each rejected row was rejected, by line: the first ISSUE_SAMPLE of them; the rejects file has every one. */
  issues: InputIssue[];
  /** Issues beyond those listed, when there were more than ISSUE_SAMPLE. */
  issuesOmitted?: number;
}

/** Issues of rejected rows an import keeps for its summary; the rest are only in the rejects file. */
export const ISSUE_SAMPLE = 1000;

export const defaultRejectsPath = (path: string): string => `${path.replace(/\.csv$/i, '')}.rejects.csv`;

/** What importRecordFile needs to know of one kind of record file. */
export interface RecordFileKind<T extends { origin?: RecordOrigin }> {
  kind: ImportRecord['kind'];
  columns: readonly string[];
  /** Columns a file may leave out. */
  optional: readonly string[];
  /** Validates one row's cells into a record. */
  row: z.ZodType<T>;
  /**
   * Checks the valid rows against the store and each other: issues name their line; `fresh` are the rows to add.
   * `store` is the one to read: it is in the write transaction that save then writes in.
   */
  check(parsed: T[], store: Store): Promise<{ issues: readonly InputIssue[]; fresh: T[]; duplicates: number }>;
  /** Writes the fresh rows and the import's record (in the transaction `store` is in), returning the import's id. */
  save(store: Store, record: ImportRecord, fresh: readonly T[], onProgress?: ProgressListener): Promise<number>;
  /**
   * With this, the file is read and checked chunk by chunk (bounded memory, whatever its size), each chunk's fresh
   * rows written under the import's record before the next is checked, so that `check` finds the rows of earlier
   * chunks in the store; all in one transaction, rolled back if any row is rejected.
   */
  append?(store: Store, importId: number, fresh: readonly T[], onProgress?: ProgressListener): Promise<void>;
}

/**
 * Imports one file of records: every row is validated and checked; if any row is rejected nothing is written and
 * the rejected rows go to the rejects file with their line and reasons; otherwise the rows `check` finds fresh are
 * written in one transaction.
 */
export async function importRecordFile<T extends { origin?: RecordOrigin }>(
  kind: RecordFileKind<T>,
  store: Store,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const label = options.label ?? path;
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(path);
  if (kind.append !== undefined) return importStreaming(kind, kind.append, store, path, label, rejectsPath, options);
  const { file, issues: fileIssues } = readRecordFile(path, label, kind.columns, kind.optional);
  if (file === undefined) throw new InvalidInputError(fileIssues, `cannot import ${label}`);
  const progress = options.onProgress;
  const rowsRead = file.rows.length + file.brokenRows.length;

  const issuesByRow = new Map<RecordRow, InputIssue[]>();
  const reject = (row: RecordRow, issues: InputIssue[]) =>
    issuesByRow.set(row, [...(issuesByRow.get(row) ?? []), ...issues]);
  for (const { row, issue } of file.brokenRows) reject(row, [issue]);

  const parsed = parseRows(kind, file.rows, label, reject, (done) => progress?.('checking', done, file.rows.length));
  progress?.('checking', file.rows.length, file.rows.length);

  // The checks against the store and the write are one transaction under the import lock: two imports at once
  // give what the same two one after the other give.
  const record = { kind: kind.kind, file: label, sha256: file.sha256, rowsRead, actor: options.actor ?? cliActor() };
  const rowByLine = new Map(file.rows.map((row) => [row.line, row]));
  const { checked, importId } = await store.writeTransaction(async (locked) => {
    const checked = await kind.check(parsed, locked);
    for (const issue of checked.issues) {
      const row = issue.line === undefined ? undefined : rowByLine.get(issue.line);
      if (row !== undefined) reject(row, [issue]);
    }
    if (issuesByRow.size > 0 || checked.fresh.length === 0) return { checked, importId: undefined };
    const onWrite = progress ? (done: number, total: number) => progress('writing', done, total) : undefined;
    return { checked, importId: await kind.save(locked, record, checked.fresh, onWrite) };
  });

  const rejected = [...issuesByRow].map(([row, issues]) => ({ row, issues }));
  const issues = rejected.flatMap((entry) => entry.issues);
  return finish(
    store,
    label,
    rejectsPath,
    { rowsRead, duplicates: checked.duplicates, fresh: checked.fresh.length, importId },
    {
      rows: rejected.length,
      issues: issues.slice(0, ISSUE_SAMPLE),
      issuesOmitted: Math.max(0, issues.length - ISSUE_SAMPLE),
      writeFile: () => writeRejectsFile(rejectsPath, file.header, rejected),
    },
  );
}

/** The summary of an import, after writing its rejected rows out (or removing a stale rejects file). */
function finish(
  store: Store,
  label: string,
  rejectsPath: string,
  counts: { rowsRead: number; duplicates: number; fresh: number; importId: number | undefined },
  rejected: { rows: number; issues: InputIssue[]; issuesOmitted: number; writeFile: () => void },
): ImportSummary {
  const summary: ImportSummary = {
    file: label,
    store: store.describe(),
    rowsRead: counts.rowsRead,
    accepted: counts.rowsRead - rejected.rows,
    new: 0,
    duplicates: counts.duplicates,
    rejected: rejected.rows,
    imported: false,
    issues: rejected.issues,
    ...(rejected.issuesOmitted > 0 ? { issuesOmitted: rejected.issuesOmitted } : {}),
  };
  if (rejected.rows > 0) {
    rejected.writeFile();
    return { ...summary, rejectsFile: rejectsPath };
  }
  removeStaleRejectsFile(rejectsPath);
  if (counts.importId === undefined) return summary;
  return { ...summary, new: counts.fresh, imported: true, importId: counts.importId };
}

/** Validates each row's cells into a record, or rejects the row with the schema's issues. */
function parseRows<T extends { origin?: RecordOrigin }>(
  kind: RecordFileKind<T>,
  rows: readonly RecordRow[],
  label: string,
  reject: (row: RecordRow, issues: InputIssue[]) => void,
  onProgress?: (done: number) => void,
): T[] {
  const parsed: T[] = [];
  rows.forEach((row, index) => {
    const origin = { file: label, line: row.line };
    const result = kind.row.safeParse(row.cells);
    if (result.success) parsed.push({ ...result.data, origin });
    else reject(row, zodIssuesAt(result.error, origin));
    if (onProgress && (index + 1) % 5000 === 0) onProgress(index + 1);
  });
  return parsed;
}

/** Thrown inside the write transaction to roll it back: a row was rejected, so nothing of the file stays. */
class RejectedFile extends Error {}

/**
 * The chunked import (see RecordFileKind.append): memory holds one chunk and a sample of the rejected rows' issues,
 * never the file: each chunk's rejected rows go to the rejects file as they are found.
 */
async function importStreaming<T extends { origin?: RecordOrigin }>(
  kind: RecordFileKind<T>,
  append: NonNullable<RecordFileKind<T>['append']>,
  store: Store,
  path: string,
  label: string,
  rejectsPath: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const progress = options.onProgress;
  let rejectedRows = 0;
  const issues: InputIssue[] = [];
  let issuesOmitted = 0;
  let rejects: RejectsFileWriter | undefined;
  let rowsRead = 0;
  let fresh = 0;
  let duplicates = 0;
  const digest: { sha256?: string } = {};
  const record = { kind: kind.kind, file: label, sha256: '', rowsRead: 0, actor: options.actor ?? cliActor() };
  let importId: number | undefined;
  try {
    importId = await store.writeTransaction(async (locked) => {
      let id: number | undefined;
      for await (const chunk of streamRecordFile(path, label, kind.columns, kind.optional, digest, options.chunkRows)) {
        rejects ??= new RejectsFileWriter(rejectsPath, chunk.header);
        rowsRead += chunk.rows.length + chunk.brokenRows.length;
        const issuesByRow = new Map<RecordRow, InputIssue[]>();
        const reject = (row: RecordRow, issues: InputIssue[]) =>
          issuesByRow.set(row, [...(issuesByRow.get(row) ?? []), ...issues]);
        for (const { row, issue } of chunk.brokenRows) reject(row, [issue]);
        const parsed = parseRows(kind, chunk.rows, label, reject);
        const checked = await kind.check(parsed, locked);
        const rowByLine = new Map(chunk.rows.map((row) => [row.line, row]));
        for (const issue of checked.issues) {
          const row = issue.line === undefined ? undefined : rowByLine.get(issue.line);
          if (row !== undefined) reject(row, [issue]);
        }
        rejectedRows += issuesByRow.size;
        for (const rowIssues of issuesByRow.values()) {
          const room = Math.max(0, ISSUE_SAMPLE - issues.length);
          issues.push(...rowIssues.slice(0, room));
          issuesOmitted += Math.max(0, rowIssues.length - room);
        }
        rejects.write([...issuesByRow].map(([row, rowIssues]) => ({ row, issues: rowIssues })));
        duplicates += checked.duplicates;
        fresh += checked.fresh.length;
        // Rows are estimated from the bytes read until the file ends.
        progress?.('checking', rowsRead, Math.max(rowsRead, Math.round((rowsRead * chunk.bytes) / chunk.bytesRead)));
        // Written even after a rejection, so that the later chunks are checked against them; rolled back below.
        if (checked.fresh.length > 0) {
          id ??= await locked.beginImport(record);
          const before = fresh - checked.fresh.length;
          await append(locked, id, checked.fresh, (done) => progress?.('writing', before + done, fresh));
        }
      }
      if (rejectedRows > 0) throw new RejectedFile();
      if (id !== undefined) {
        await locked.finishImport(id, { sha256: digest.sha256!, rowsRead, rowsNew: fresh });
        // In the import's transaction: the dashboard's reports change when its rows do, or not at all.
        if (kind.kind === 'shipments') await locked.keepReports();
      }
      return id;
    });
  } catch (error) {
    if (!(error instanceof RejectedFile)) rejects?.discard();
    if (error instanceof RecordFileError) throw new InvalidInputError(error.issues, `cannot import ${label}`);
    if (!(error instanceof RejectedFile)) throw error;
  }
  return finish(
    store,
    label,
    rejectsPath,
    { rowsRead, duplicates, fresh, importId },
    { rows: rejectedRows, issues, issuesOmitted, writeFile: () => rejects?.close() },
  );
}

/** The audit log's name for imports run from the command line: `cli` and the operating-system user. */
function cliActor(): string {
  try {
    return `cli ${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
