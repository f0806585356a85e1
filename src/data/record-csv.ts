import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { toCsv } from '../render/csv.js';
import type { InputIssue } from '../model/issues.js';
import { headerIssues, splitCsv } from './csv-table.js';

/**
 * CSV files of records to import (shipments, trade figures): a header line, `#` comment lines anywhere, one
 * record per line. Problems with the file as a whole are issues of the file; problems with one line are issues of
 * that line, so that the line can be rejected with its reason while the others are still checked.
 */
export interface RecordRow {
  line: number;
  /** Cells keyed by column name (missing optional columns are absent). */
  cells: Record<string, string>;
  /** The cells as read, in the file's column order, for the rejects file. */
  raw: string[];
}

export interface RecordFile {
  header: string[];
  rows: RecordRow[];
  /** Lines that could not be split into the header's columns. */
  brokenRows: { row: RecordRow; issue: InputIssue }[];
  sha256: string;
}

const MAX_FILE_BYTES = 0x1fffffe8;

export function readRecordFile(
  path: string,
  label: string,
  columns: readonly string[],
  optional: readonly string[],
): { file?: RecordFile; issues: InputIssue[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, expected a CSV file'
          : (error as Error).message;
    return { issues: [{ severity: 'error', file: label, message: reason }] };
  }
  // The file is read as one string (the import checks every row before writing any): V8 caps strings at 2^29 − 24
  // characters, so a larger file gets a plain answer rather than an internal error.
  if (bytes.length > MAX_FILE_BYTES)
    return {
      issues: [
        {
          severity: 'error',
          file: label,
          message: `${Math.round(bytes.length / 2 ** 20)} MiB is more than the ${Math.floor(MAX_FILE_BYTES / 2 ** 20)} MiB one import reads: split the file and import the parts`,
        },
      ],
    };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { records, issues: textIssues } = splitCsv(bytes.toString('utf8'), label, { comments: true });
  if (records === undefined) return { issues: textIssues };

  const { header, headerLine } = records;
  const issues = headerIssues(header, label, headerLine, columns);
  for (const name of columns) {
    if (!header.includes(name) && !optional.includes(name))
      issues.push({ severity: 'error', file: label, line: headerLine, field: name, message: 'missing column' });
  }
  if (issues.length > 0) return { issues };

  const rows: RecordRow[] = [];
  const brokenRows: RecordFile['brokenRows'] = [];
  for (const { line, cells, raw, issue } of records.rows) {
    const row = { line, cells, raw };
    if (issue !== undefined) brokenRows.push({ row, issue });
    else rows.push(row);
  }
  return { file: { header, rows, brokenRows, sha256 }, issues: [] };
}

/** The first line of a rejects file: how to tell one from a user's own file before replacing or removing it. */
const REJECTS_HEAD = ['line', 'reason'];

/**
 * Writes rejected rows, each with its line in the imported file and every reason it was rejected, followed by
 * the row's own cells, so the file can be corrected and imported again.
 */
export function writeRejectsFile(
  path: string,
  header: readonly string[],
  rejected: readonly { row: RecordRow; issues: readonly InputIssue[] }[],
): void {
  writeFileSync(path, toCsv([[...REJECTS_HEAD, ...header], ...rejectsRows(rejected)]));
}

/**
 * A rejects file written as an import goes (writeRejectsFile's format), so that a large file with many bad rows
 * never holds them all: each `write` appends one chunk's rejected rows. Written beside its path and renamed into
 * place by `close`, so a rejects file is never half-written; `discard` removes it.
 */
export class RejectsFileWriter {
  private fd: number | undefined;
  private readonly partial: string;

  constructor(
    private readonly path: string,
    private readonly header: readonly string[],
  ) {
    this.partial = `${path}.partial-${process.pid}`;
  }

  write(rejected: readonly { row: RecordRow; issues: readonly InputIssue[] }[]): void {
    if (rejected.length === 0) return;
    if (this.fd === undefined) {
      this.fd = openSync(this.partial, 'w');
      writeSync(this.fd, toCsv([[...REJECTS_HEAD, ...this.header]]));
    }
    writeSync(this.fd, toCsv(rejectsRows(rejected)));
  }

  /** Puts the file in place; false when nothing was written. */
  close(): boolean {
    if (this.fd === undefined) return false;
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.partial, this.path);
    return true;
  }

  discard(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.partial, { force: true });
  }
}

function rejectsRows(rejected: readonly { row: RecordRow; issues: readonly InputIssue[] }[]): string[][] {
  const describe = (issue: InputIssue) =>
    issue.field === undefined ? issue.message : `${issue.field}: ${issue.message}`;
  return [...rejected]
    .sort((a, b) => a.row.line - b.row.line)
    .map(({ row, issues }) => [String(row.line), issues.map(describe).join('; '), ...row.raw]);
}

/** Removes a rejects file left by an earlier import of the same file, once that file imports cleanly. */
export function removeStaleRejectsFile(path: string): boolean {
  if (!existsSync(path)) return false;
  const firstLine = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
  if (!firstLine.startsWith(REJECTS_HEAD.join(','))) return false;
  unlinkSync(path);
  return true;
}
