import { formatNumber } from './format.js';

/**
 * The one plain-text table renderer, for the terminal and the server's text output. Cells are text, or numbers
 * formatted with no decimals; a column whose every cell reads as a number (1,234.5, +12%, −3, —) is right-aligned.
 */
export type Cell = string | number;

const NUMERIC = /^(?:[-+−]?[\d,]+(?:\.\d+)?%?|—)$/;

const isNumeric = (cell: Cell | undefined): boolean =>
  typeof cell === 'number' || (cell !== undefined && NUMERIC.test(cell));

export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...text.map((row) => (row[column] ?? '').length)),
  );
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => isNumeric(row[column])));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...text.map(line)].join('\n');
}

/** Label–value lines with the values aligned; a value with several lines continues under the first. */
export function renderFields(fields: readonly (readonly [label: string, value: string | readonly string[]])[]): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  return fields
    .flatMap(([label, value]) => {
      const lines = typeof value === 'string' ? [value] : value;
      return lines.map((line, index) => `${(index === 0 ? label : '').padEnd(width)}  ${line}`.trimEnd());
    })
    .join('\n');
}

/** A section heading followed by its body, as used by every human-readable report. */
export function titled(title: string, body: string): string {
  return `${title}\n${body}`;
}
