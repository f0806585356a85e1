import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { InputIssue } from '../model/issues.js';

/** A CSV row as text cells keyed by header, with the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/**
 * Reads a CSV file into header-keyed rows. Problems of shape (unreadable file, bad quoting, a row with the wrong
 * number of cells, unknown or duplicate columns) come back as issues rather than exceptions.
 */
export function readCsvTable(
  path: string,
  label: string,
  allowedColumns: readonly string[],
): { table?: CsvTable; issues: InputIssue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return { issues: [{ severity: 'error', file: label, message: reason }] };
  }
  return parseCsvText(text, label, allowedColumns);
}

export function parseCsvText(
  text: string,
  label: string,
  allowedColumns: readonly string[],
): { table?: CsvTable; issues: InputIssue[] } {
  const { records, issues: textIssues } = splitCsv(text, label);
  if (records === undefined) return { issues: textIssues };
  const { header, rows: split } = records;
  const issues = headerIssues(header, label, 1, allowedColumns);
  const rows: CsvRow[] = [];
  for (const { line, cells, issue } of split) {
    if (issue !== undefined) issues.push(issue);
    else rows.push({ line, cells });
  }
  return { table: { header, rows }, issues };
}

/** One record of a CSV text: its cells keyed by header and as read, and an issue if it has the wrong number. */
export interface SplitRow extends CsvRow {
  /** The cells as read, in the file's column order. */
  raw: string[];
  /** Set when the record has not as many cells as the header has columns. */
  issue?: InputIssue;
}

/**
 * Splits CSV text into its header (names trimmed) and records, each with the line it ends on: the same as its first
 * line unless a quoted cell holds a newline. With `comments`, lines starting with `#` are skipped. Problems of the
 * text as a whole (bad quoting, no header line) come back as issues.
 */
export function splitCsv(
  text: string,
  label: string,
  options: { comments?: boolean } = {},
): { records?: { header: string[]; headerLine: number; rows: SplitRow[] }; issues: InputIssue[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      ...(options.comments ? { comment: '#', comment_no_infix: true } : {}),
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const csvError = error as Error & { lines?: number };
    const message = csvError.message.replace(/^Invalid\s+/i, 'invalid ');
    return {
      issues: [{ severity: 'error', file: label, ...(csvError.lines ? { line: csvError.lines } : {}), message }],
    };
  }
  const first = records[0];
  if (first === undefined)
    return { issues: [{ severity: 'error', file: label, message: 'empty file: expected a header line' }] };

  const header = first.record.map((name) => name.trim());
  const rows = records.slice(1).map(({ record, info }): SplitRow => {
    const cells: Record<string, string> = {};
    header.forEach((name, index) => {
      cells[name] = record[index] ?? '';
    });
    if (record.length === header.length) return { line: info.lines, cells, raw: record };
    const issue: InputIssue = {
      severity: 'error',
      file: label,
      line: info.lines,
      message: `expected ${header.length} fields as in the header, got ${record.length}`,
    };
    return { line: info.lines, cells, raw: record, issue };
  });
  return { records: { header, headerLine: first.info.lines, rows }, issues: [] };
}

/** Duplicate columns, and columns not among `allowedColumns`, as issues of the header line. */
export function headerIssues(
  header: readonly string[],
  label: string,
  line: number,
  allowedColumns: readonly string[],
): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) issues.push({ severity: 'error', file: label, line, field: name, message: 'duplicate column' });
    seen.add(name);
    if (!allowedColumns.includes(name)) {
      issues.push({
        severity: 'error',
        file: label,
        line,
        field: name,
        message: `unknown column; expected columns among ${allowedColumns.join(', ')}`,
      });
    }
  }
  return issues;
}
