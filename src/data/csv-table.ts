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
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
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

  const issues: InputIssue[] = [];
  const header = first.record.map((name) => name.trim());
  const seen = new Set<string>();
  header.forEach((name) => {
    if (seen.has(name))
      issues.push({ severity: 'error', file: label, line: 1, field: name, message: 'duplicate column' });
    seen.add(name);
    if (!allowedColumns.includes(name)) {
      issues.push({
        severity: 'error',
        file: label,
        line: 1,
        field: name,
        message: `unknown column; expected columns among ${allowedColumns.join(', ')}`,
      });
    }
  });

  const rows: CsvRow[] = [];
  // info.lines is the line a record ends on: the same as its first line unless a quoted cell holds a newline.
  for (const { record, info } of records.slice(1)) {
    if (record.length !== header.length) {
      issues.push({
        severity: 'error',
        file: label,
        line: info.lines,
        message: `expected ${header.length} fields as in the header, got ${record.length}`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((name, index) => {
      cells[name] = record[index] ?? '';
    });
    rows.push({ line: info.lines, cells });
  }
  return { table: { header, rows }, issues };
}
