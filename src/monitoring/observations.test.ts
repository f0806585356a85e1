import { describe, expect, it } from 'vitest';
import { checkObservations, observationRow, observationSeries, type Observation } from './observations.js';

const row = (cells: Record<string, string>) =>
  observationRow.safeParse({
    id: 'x',
    indicator: 'tfi1',
    scope: 'carec',
    scope_id: 'carec',
    mode: 'road',
    direction: '',
    period: '2022',
    value: '9.9',
    unit: 'h',
    sources: 'src',
    confidence: 'reported',
    estimated_fields: '',
    notes: '',
    ...cells,
  });

const obs = (id: string, period: string, value: number, extra: Record<string, string> = {}): Observation => {
  const parsed = row({ id, period, value: String(value), ...extra });
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
};

describe('observation rows', () => {
  it('take a blank direction as all directions and reject a unit the indicator is not published in', () => {
    expect(obs('a', '2022', 9.9).direction).toBe('all');
    const wrong = row({ unit: 'usd' });
    expect(wrong.success).toBe(false);
    expect(JSON.stringify(wrong.error?.issues)).toContain('tfi1 is published in h');
  });
});

describe('checkObservations', () => {
  const sourceIds = new Set(['src']);
  it('counts an identical row as a duplicate and rejects a changed one, an unknown source and a second figure', () => {
    const existing = [obs('a', '2022', 9.9)];
    const result = checkObservations(
      [
        obs('a', '2022', 9.9),
        obs('a', '2022', 10),
        obs('b', '2020', 15.1, { sources: 'srx' }),
        obs('c', '2022', 11),
        obs('d', '2021', 13.6),
      ],
      { sourceIds, existing },
    );
    expect(result.duplicates).toBe(1);
    expect(result.fresh.map((o) => o.id)).toEqual(['d']);
    const messages = result.issues.map((issue) => issue.message).join('\n');
    expect(messages).toContain('id "a" is already used by a different observation');
    expect(messages).toContain('unknown source id "srx" (did you mean "src"?)');
    expect(messages).toContain('for 2022 is already given by "a"');
  });
});

describe('observationSeries', () => {
  it('gives the latest full year, the change on the year before and the least-squares trend', () => {
    // CPMM road TFI1: 12.2, 15.1, 13.6, 9.9 h (2019–2022). Slope by hand: x̄ = 1.5, ȳ = 12.7,
    // Σ(x−x̄)(y−ȳ) = (−1.5)(−0.5) + (−0.5)(2.4) + (0.5)(0.9) + (1.5)(−2.8) = 0.75 − 1.2 + 0.45 − 4.2 = −4.2,
    // Σ(x−x̄)² = 5, slope = −0.84 h a year. Change 2021 → 2022: 9.9 / 13.6 − 1 = −27.2 %.
    const [series] = observationSeries([
      obs('y22', '2022', 9.9),
      obs('y19', '2019', 12.2),
      obs('y21', '2021', 13.6),
      obs('y20', '2020', 15.1),
      obs('ytd', '2023-01/2023-06', 4),
    ]);
    expect(series!.latest.id).toBe('y22');
    expect(series!.partial.map((o) => o.id)).toEqual(['ytd']);
    expect(series!.change).toBeCloseTo(9.9 / 13.6 - 1, 12);
    expect(series!.improved).toBe(true);
    expect(series!.slopePerYear).toBeCloseTo(-0.84, 12);
  });

  it('keeps directions and modes apart and gives no change across a gap of years', () => {
    const series = observationSeries([
      obs('a', '2020', 5),
      obs('b', '2022', 6),
      obs('c', '2022', 78, { direction: 'inbound' }),
      obs('d', '2022', 40.6, { mode: 'rail' }),
    ]);
    expect(series).toHaveLength(3);
    const road = series.find((s) => s.mode === 'road' && s.direction === 'all')!;
    expect(road.change).toBeUndefined();
    expect(road.slopePerYear).toBeUndefined();
  });
});
