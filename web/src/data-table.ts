import { element } from './format.js';

/** A table cell: numbers right-aligned, text left. */
export const cell = (text: string, numeric = true): HTMLTableCellElement =>
  element('td', { text, ...(numeric ? { className: 'numeric' } : {}) });

/** A row header cell, for the first column of a table whose rows are things (a crossing, a scenario). */
export const rowHeader = (content: string | Node): HTMLTableCellElement =>
  element('th', { attributes: { scope: 'row' } }, [content]);

/**
 * A table in a horizontal scroller whose first `textColumns` columns are text and the rest numbers (right-aligned),
 * with a caption that names it for assistive technology.
 */
export function dataTable(
  caption: string,
  id: string,
  headers: string[],
  rows: HTMLTableRowElement[],
  textColumns: number,
): HTMLElement {
  const scroller = element('div', { className: 'table-scroll' });
  scroller.append(
    element('table', { className: 'data-table', attributes: { id } }, [
      element('caption', { text: caption }),
      element('thead', {}, [
        element(
          'tr',
          {},
          headers.map((header, index) =>
            element('th', {
              text: header,
              attributes: { scope: 'col', ...(index >= textColumns ? { class: 'numeric' } : {}) },
            }),
          ),
        ),
      ]),
      element('tbody', {}, rows),
    ]),
  );
  return scroller;
}

/**
 * A data table whose cells are labeled with their column's header: on a narrow panel (under 440 px) each row becomes
 * a card of labeled figures (styles.css, .card-table), since six columns of figures cannot fit 390 px side by side.
 * For tables of a few rows that are too wide: a long list as cards is many screens tall, so lists that fit stay tables.
 */
export function cardTable(
  caption: string,
  id: string,
  headers: string[],
  rows: HTMLTableRowElement[],
  textColumns = 2,
): HTMLElement {
  for (const row of rows)
    [...row.cells].forEach((item, index) => item.setAttribute('data-label', headers[index] ?? ''));
  const scroller = dataTable(caption, id, headers, rows, textColumns);
  scroller.classList.add('card-table');
  return scroller;
}
