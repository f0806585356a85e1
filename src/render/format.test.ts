import { describe, expect, it } from 'vitest';
import { fixed, formatChange, formatNumber, percent, roundTo } from './format.js';
import { renderTable } from './table.js';

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
