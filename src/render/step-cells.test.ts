import { describe, expect, it } from 'vitest';
import type { BorderStep, LegStep } from '../routing/report.js';
import { StepCellMemo } from './step-cells.js';

const costs = { hours: 2.25, usd: 10.005, kgCo2e: 3.05, km: 120 };
const leg: LegStep = {
  kind: 'leg',
  link: 'a-b',
  mode: 'rail',
  gaugeMm: 1520,
  from: 'a',
  to: 'b',
  corridors: [],
  ...costs,
  cumulative: costs,
};
const border: BorderStep = {
  kind: 'border',
  node: 'b',
  fromCountry: 'KZ',
  toCountry: 'UZ',
  dwellP90H: 30,
  ...costs,
  cumulative: costs,
};

describe('StepCellMemo', () => {
  it('gives a step the cells it rendered for the same facts, and new cells when anything shown differs', () => {
    const memo = new StepCellMemo((id) => id.toUpperCase());
    const first = memo.cellsOf(leg);
    expect(first).toMatchObject({ what: 'rail 1520', where: 'A → B', km: '120', hours: '2.3', usd: '10.01' });
    expect(memo.cellsOf({ ...leg, cumulative: { ...costs, km: 999 } })).toBe(first);
    expect(memo.cellsOf({ ...leg, from: 'b', to: 'a' }).where).toBe('B → A');
    expect(memo.cellsOf({ ...leg, hours: 5 }).hours).toBe('5.0');
    expect(memo.cellsOf({ ...leg, km: -0 }).km).toBe('-0');
    expect(memo.cellsOf({ ...leg, gaugeMm: 1435 }).what).toBe('rail 1435');
    expect(memo.cellsOf(border).where).toBe('B (KZ → UZ, p90 30 h)');
    expect(memo.cellsOf({ ...border, fromCountry: 'UZ', toCountry: 'KZ' }).where).toBe('B (UZ → KZ, p90 30 h)');
    expect(memo.cellsOf({ ...border, dwellP90H: 31 }).where).toBe('B (KZ → UZ, p90 31 h)');
    expect(memo.stats()).toEqual({ hits: 1, misses: 8, entries: 2 });
  });
});
