import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { toCsv } from '../render/csv.js';
import type { InputIssue } from '../model/issues.js';
import { headerIssues, splitCsv } from './csv-table.js';
import type { RecordRow } from './record-csv.js';

/**
 * Rows handed on at a time: about 1.5 MiB of text, whatever the file's size. A chunk's rows, their records and the
 * checks' maps are alive together, and V8 sizes the heap to a multiple of what is alive: a 50 MB import peaked at
 * 840 MiB of RSS in chunks of 50,000 rows and at 290–370 MiB in chunks of 5,000–10,000, for the same CPU time.
 */
const CHUNK_ROWS = 10_000;

export interface RecordChunk {
  header: string[];
  rows: RecordRow[];
  brokenRows: { row: RecordRow; issue: InputIssue }[];
  /** Bytes of the file read so far, and in all, for progress. */
  bytesRead: number;
  bytes: number;
}

/**
 * A record file read in chunks of rows, so that no import holds a whole file (readRecordFile's rules: `#` comment
 * lines, a header, problems of one line kept with that line). Lines are cut only where no quoted cell is open, so
 * a cell with a newline stays whole. Problems of the file as a whole (unreadable, bad header, bad quoting) throw
 * a RecordFileError with its issues; `digest.sha256` is set once the whole file is read.
 */
export async function* streamRecordFile(
  path: string,
  label: string,
  columns: readonly string[],
  optional: readonly string[],
  digest: { sha256?: string },
  chunkRows = CHUNK_ROWS,
): AsyncGenerator<RecordChunk, void, undefined> {
  const fail = (message: string, line?: number): never => {
    throw new RecordFileError([{ severity: 'error', file: label, ...(line === undefined ? {} : { line }), message }]);
  };
  let bytes: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) fail('is a folder, expected a CSV file');
    bytes = stat.size;
  } catch (error) {
    if (error instanceof RecordFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'file not found' : (error as Error).message);
  }
  const hash = createHash('sha256');
  let header: string[] | undefined;
  let headerText = '';
  /** Lines of the file before the pending text. */
  let linesBefore = 0;
  let pending: string[] = [];
  let pendingRows = 0;
  let open = false;
  let bytesRead = 0;
  let carry = '';
  // A character may straddle two reads: the decoder keeps its first bytes for the next.
  const decoder = new StringDecoder('utf8');

  const flush = (final: boolean): RecordChunk | undefined => {
    if (pending.length === 0) return undefined;
    const text = pending.join('\n');
    const lines = pending.length;
    const offset = header === undefined ? 0 : linesBefore - 1;
    const split = splitCsv(header === undefined ? text : `${headerText}${text}`, label, { comments: true });
    // Counting quotes misreads a line the parser ends early (a comment after a closed quote, `""#"`), so a cut may
    // fall inside a quoted cell: the parser's word (still open) stands, the lines wait for the next cut, and only the
    // file's end makes it an error.
    if (split.records === undefined && !final && /quote not closed/i.test(split.issues[0]?.message ?? '')) {
      open = true;
      return undefined;
    }
    pending = [];
    pendingRows = 0;
    if (split.records === undefined) {
      const issue = split.issues[0]!;
      // The parser counts lines from the chunk's start; the file's lines are what a user can find.
      const message = issue.message.replace(
        /\bat line (\d+)/g,
        (_, line: string) => `at line ${Number(line) + offset}`,
      );
      fail(message, issue.line === undefined ? undefined : issue.line + offset);
    }
    const records = split.records!;
    if (header === undefined) {
      const issues = headerIssues(records.header, label, records.headerLine, columns);
      for (const name of columns) {
        if (!records.header.includes(name) && !optional.includes(name))
          issues.push({
            severity: 'error',
            file: label,
            line: records.headerLine,
            field: name,
            message: 'missing column',
          });
      }
      if (issues.length > 0) throw new RecordFileError(issues);
      header = records.header;
      headerText = toCsv([header]);
    }
    linesBefore += lines;
    const chunk: RecordChunk = { header, rows: [], brokenRows: [], bytesRead, bytes };
    for (const { line, cells, raw, issue } of records.rows) {
      const row = { line: line + offset, cells, raw };
      if (issue !== undefined) chunk.brokenRows.push({ row, issue: { ...issue, line: row.line } });
      else chunk.rows.push(row);
    }
    return chunk;
  };

  for await (const piece of createReadStream(path)) {
    const buffer = piece as Buffer;
    hash.update(buffer);
    bytesRead += buffer.length;
    const lines = (carry + decoder.write(buffer)).split('\n');
    carry = lines.pop()!;
    for (const line of lines) {
      pending.push(line);
      // A line starting a record with # is a comment: its quotes open nothing.
      if (!open && line.startsWith('#')) continue;
      if (quotes(line) % 2 === 1) open = !open;
      if (!open && ++pendingRows >= chunkRows && header !== undefined) {
        const chunk = flush(false);
        if (chunk !== undefined) yield chunk;
      } else if (!open && header === undefined && pendingRows > 1) {
        // The header's chunk ends early, so that the header is known for every chunk after it.
        const chunk = flush(false);
        if (chunk !== undefined) yield chunk;
      }
    }
  }
  carry += decoder.end();
  if (carry !== '') pending.push(carry);
  const last = flush(true);
  if (header === undefined) fail('empty file: expected a header line');
  digest.sha256 = hash.digest('hex');
  if (last !== undefined) yield last;
}

/** Problems of a record file as a whole: nothing in it can be imported. */
export class RecordFileError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
  }
}

function quotes(line: string): number {
  let n = 0;
  for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) n++;
  return n;
}
