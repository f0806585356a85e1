import { stringify } from 'csv-stringify/sync';
import { isDecimalNumber } from '../model/text.js';

/** What a spreadsheet takes for the start of a formula (OWASP's list: = + - @, tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet shows as text: one that would start a formula (`=HYPERLINK(…)`, `@SUM(…)`) gets a
 * leading apostrophe, which spreadsheets hide. Numbers such as -3.5 are left alone.
 */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) && !isDecimalNumber(text) ? `'${text}` : text;
}

/**
 * CSV for people to open: every text cell through spreadsheetSafe. The one writer of the CSV reports (routes,
 * indicators, targets, demand, rejected rows); the data files caravan reads back itself keep their cells verbatim.
 */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((row) => row.map((cell) => (typeof cell === 'string' ? spreadsheetSafe(cell) : cell))));
}
