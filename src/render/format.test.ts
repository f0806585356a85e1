import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixed, formatChange, formatNumber, percent, roundTo } from './format.js';
import { readsAsNumber, renderTable } from './table.js';

describe('formatNumber', () => {
  it('groups thousands and fixes the decimals', () => {
    expect(formatNumber(1234.567, 1)).toBe('1,234.6');
    expect(formatNumber(1234.567)).toBe('1,235');
  });
  it('marks missing figures and signs changes with a true minus', () => {
    expect(fixed(undefined)).toBe('—');
    expect(fixed(NaN)).toBe('—');
    expect(formatChange(-0.42)).toBe('−0.4');
    expect(formatChange(0.01)).toBe('0.0');
    expect(percent(0.123)).toBe('+12%');
  });
});

describe('formatNumber against Intl.NumberFormat', () => {
  const intl = (value: number, digits: number) =>
    new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  it('agrees on halves, carries, signed zeros and the extremes', () => {
    for (const value of [
      1.005,
      2.5,
      -2.5,
      0.5,
      999.96,
      9999.5,
      -0.04,
      -0,
      0,
      1e21,
      1.2e-7,
      NaN,
      -Infinity,
      123456789.123,
    ])
      for (const digits of [0, 1, 2, 3]) expect(formatNumber(value, digits)).toBe(intl(value, digits));
  });
  it('agrees on any double', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.double({ min: -1e7, max: 1e7 }),
          fc.integer().map((n) => n / 200),
        ),
        fc.integer({ min: 0, max: 4 }),
        (value, digits) => {
          expect(formatNumber(value, digits)).toBe(intl(value, digits));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('roundTo', () => {
  it('rounds to the step without binary noise', () => {
    expect(roundTo(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundTo(12.345678, 0.01)).toBe(12.35);
    expect(roundTo(1234.56, 0.1)).toBe(1234.6);
  });
});

describe('renderTable', () => {
  it('right-aligns columns that read as numbers, formatted or not', () => {
    const text = renderTable(
      ['name', 'km', 'share'],
      [
        ['a', 1234, '+5%'],
        ['bb', 7, '1,234.5'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'name     km    share',
      '----  -----  -------',
      'a     1,234      +5%',
      'bb        7  1,234.5',
    ]);
  });
});

describe('readsAsNumber', () => {
  const NUMERIC = /^(?:[-+−]?[\d,]+(?:\.\d+)?%?|—)$/;
  it('accepts what reads as a number and nothing else, as the pattern says', () => {
    for (const text of [
      '1,234.5',
      '+12%',
      '−3',
      '-0.0',
      '—',
      '7',
      '',
      '-',
      '1.',
      '.5',
      '1.2.3',
      'a1',
      '12%%',
      '1,2',
      '—1',
      '1 ',
      '%',
    ])
      expect(readsAsNumber(text)).toBe(NUMERIC.test(text));
  });
  it('agrees with the pattern on any short text of its alphabet', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('1', '0', ',', '.', '-', '+', '−', '%', '—', 'x', ' '), { maxLength: 8 }),
        (chars) => {
          const text = chars.join('');
          expect(readsAsNumber(text)).toBe(NUMERIC.test(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
