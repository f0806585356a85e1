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
  const columns = header.length;
  const widths = header.map((title) => title.length);
  const numeric = header.map(() => rows.length > 0);
  // Plain loops: the server renders tables of a hundred rows per route request.
  const text: string[][] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (let column = 0; column < columns; column++) {
      const cell = row[column];
      const shown = typeof cell === 'number' ? formatNumber(cell) : (cell ?? '');
      if (shown.length > widths[column]!) widths[column] = shown.length;
      if (numeric[column] && !isNumeric(cell)) numeric[column] = false;
      cells.push(shown);
    }
    text.push(cells);
  }
  const line = (cells: readonly string[]): string => {
    let out = '';
    for (let column = 0; column < columns; column++) {
      const cell = cells[column] ?? '';
      const width = widths[column]!;
      if (column > 0) out += '  ';
      out += numeric[column] ? cell.padStart(width) : cell.padEnd(width);
    }
    return out.trimEnd();
  };
  let table = `${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}`;
  for (const cells of text) table += `\n${line(cells)}`;
  return table;
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
