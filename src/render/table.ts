import { formatNumber } from './format.js';

/**
 * The one plain-text table renderer, for the terminal and the server's text output. Cells are text, or numbers
 * formatted with no decimals; a column whose every cell reads as a number (1,234.5, +12%, −3, —) is right-aligned.
 */
export type Cell = string | number;

const isNumeric = (cell: Cell | undefined): boolean =>
  typeof cell === 'number' || (cell !== undefined && readsAsNumber(cell));

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Whether a character may be white space to String.prototype.trimEnd: erring towards yes only costs a trim. */
const mayBeBlank = (code: number): boolean => code <= 32 || code === 0xa0 || code >= 0x1680;

/**
 * Whether text reads as a number: an optional sign (-, + or −), digits and thousands commas, optional decimals, an
 * optional %; or an em dash for a missing figure. A scan rather than a regular expression: tables test every cell.
 */
export function readsAsNumber(text: string): boolean {
  if (text === '—') return true;
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43 || first === 0x2212) i++; // - + −
  const wholeStart = i;
  while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 44)) i++; // digits and ,
  if (i === wholeStart) return false;
  if (text.charCodeAt(i) === 46) {
    // .
    const fractionStart = ++i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === fractionStart) return false;
  }
  if (text.charCodeAt(i) === 37) i++; // %
  return i === text.length;
}

export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const columns = header.length;
  const cells: string[] = [];
  const numeric: boolean[] = [];
  for (let column = 0; column < columns; column++) numeric.push(true);
  for (const row of rows) {
    for (let column = 0; column < columns; column++) {
      const cell = row[column];
      cells.push(typeof cell === 'number' ? formatNumber(cell) : (cell ?? ''));
      if (numeric[column] && !isNumeric(cell)) numeric[column] = false;
    }
  }
  return renderCells(header, cells, numeric);
}

/**
 * renderTable on cells already text, row after row in one flat array, for a caller that knows which columns are
 * numeric (`numeric[column]`: every cell of the column reads as a number). Builds no array per row: the server
 * renders tables of a hundred rows per route request.
 */
export function renderCells(header: readonly string[], cells: readonly string[], numeric: readonly boolean[]): string {
  const columns = header.length;
  const widths: number[] = [];
  for (let column = 0; column < columns; column++) widths.push(header[column]!.length);
  const rightAligned = numeric.map((isNumber) => isNumber && cells.length > 0);
  for (let i = 0; i < cells.length; i++) {
    const column = i % columns;
    if (cells[i]!.length > widths[column]!) widths[column] = cells[i]!.length;
  }
  const lastColumn = columns - 1;
  const line = (texts: readonly string[], first: number): string => {
    let out = '';
    for (let column = 0; column < columns; column++) {
      const cell = texts[first + column] ?? '';
      const padding = widths[column]! - cell.length;
      if (column > 0) out += '  ';
      if (padding <= 0) out += cell;
      else if (rightAligned[column]) out += blanks(padding) + cell;
      else out += column === lastColumn ? cell : cell + blanks(padding);
    }
    // Lines carry no trailing blanks. The line ends as its last cell does (or in padding when that is empty), so
    // the cell tells whether to trim; asking the line itself would flatten every line into a copy.
    const last = texts[first + lastColumn] ?? '';
    return last === '' || mayBeBlank(last.charCodeAt(last.length - 1)) ? out.trimEnd() : out;
  };
  let table = `${line(header, 0)}\n${line(
    widths.map((width) => '-'.repeat(width)),
    0,
  )}`;
  for (let first = 0; first < cells.length; first += columns) table += `\n${line(cells, first)}`;
  return table;
}

/** Runs of blanks by length, each made once: tables pad most of their cells. */
const BLANKS: string[] = [''];
function blanks(count: number): string {
  for (let length = BLANKS.length; length <= count; length++) BLANKS.push(' '.repeat(length));
  return BLANKS[count]!;
}

/** Label–value lines with the values aligned; a value with several lines continues under the first. */
export function renderFields(fields: readonly (readonly [label: string, value: string | readonly string[]])[]): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  return fields
    .flatMap(([label, value]) => {
      const lines = typeof value === 'string' ? [value] : value;
      return lines.map((line, index) => {
        const text = `${(index === 0 ? label : '').padEnd(width)}  ${line}`;
        // Only a value that ends blank (or is empty) leaves blanks to trim; trimming copies the line.
        return line === '' || mayBeBlank(line.charCodeAt(line.length - 1)) ? text.trimEnd() : text;
      });
    })
    .join('\n');
}

/** A section heading followed by its body, as used by every human-readable report. */
export function titled(title: string, body: string): string {
  return `${title}\n${body}`;
}
