import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRejectsFile } from '../data/record-csv.js';
import { tempDir } from '../test-support/fixture-network.js';
import { spreadsheetSafe, toCsv } from './csv.js';

describe('spreadsheet-safe CSV', () => {
  it('escapes cells that would start a formula, and leaves numbers and other text alone', () => {
    for (const text of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(spreadsheetSafe(text)).toBe(`'${text}`);
    for (const text of ['-3.5', '+4', '1e-3', 'Bandar Abbas', '', "it's"]) expect(spreadsheetSafe(text)).toBe(text);
    expect(
      parse(
        toCsv([
          ['a', 'b'],
          ['=1+1', -2],
        ]),
      ),
    ).toEqual([
      ['a', 'b'],
      ["'=1+1", '-2'],
    ]);
  });

  it('in the rejects file of an import', () => {
    const path = join(tempDir(), 'x.rejects.csv');
    writeRejectsFile(
      path,
      ['id', 'note'],
      [
        {
          row: { line: 2, cells: {}, raw: ['a', '=HYPERLINK("http://evil.example")'] },
          issues: [{ severity: 'error', file: 'x.csv', line: 2, message: 'bad' }],
        },
      ],
    );
    expect(readFileSync(path, 'utf8')).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });
});
