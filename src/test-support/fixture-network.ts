import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { onTestFinished } from 'vitest';

/** A hand-made valid network: 7 nodes, 8 links, a border on each side, a port pair by sea and a gauge change. */
export const TINY_NETWORK_DIR = fileURLToPath(new URL('./fixtures/tiny-network', import.meta.url));

/** A temporary folder, removed when the current test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A private copy of the tiny network that a test may break. */
export function copyFixture(): string {
  const dir = tempDir();
  cpSync(TINY_NETWORK_DIR, dir, { recursive: true });
  return dir;
}

/** The cells of a CSV file, one array per line (line N of the file is `rows[N - 1]`). */
export function readRows(dir: string, file: string): string[][] {
  return parse(readFileSync(join(dir, file), 'utf8')) as string[][];
}

export function writeRows(dir: string, file: string, rows: readonly (readonly string[])[]): void {
  writeFileSync(join(dir, file), stringify(rows as string[][]));
}

/** Sets one cell, addressed as a person reading the file would: line number and column name. */
export function setCell(dir: string, file: string, line: number, column: string, value: string): void {
  const rows = readRows(dir, file);
  const columnIndex = rows[0]?.indexOf(column) ?? -1;
  const row = rows[line - 1];
  if (columnIndex < 0 || row === undefined) throw new Error(`no cell ${file}:${line}:${column} in the fixture`);
  row[columnIndex] = value;
  writeRows(dir, file, rows);
}

/** Edits the raw text of a file, for damage a CSV writer would never produce. */
export function editText(dir: string, file: string, edit: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}
