import { describe, expect, it } from 'vitest';
import { parseMonth, type Commitment, type Project } from './projects.js';
import { buildScorecard } from './scorecard.js';
import { parsePeriod, type TradeRecord } from './trade.js';

const trade = (
  id: string,
  kind: 'figure' | 'target',
  indicator: string,
  period: string,
  value: number,
  extra: Partial<TradeRecord> = {},
): TradeRecord => ({
  id,
  kind,
  indicator,
  label: id,
  period: parsePeriod(period)!,
  value,
  unit: indicator.endsWith('trade') ? 'usd' : 't',
  qualifier: 'exact',
  sources: ['s'],
  confidence: 'reported',
  estimatedFields: [],
  ...extra,
});

const month = (text: string) => parseMonth(text)!;
const project = (id: string, extra: Partial<Project>): Project => ({
  id,
  name: id,
  status: 'design',
  statusAsOf: month('2025-01'),
  currency: 'eur',
  financiers: [],
  sources: ['s'],
  confidence: 'reported',
  estimatedFields: [],
  ...extra,
});
const commitment = (id: string, deadline: string, status: Commitment['status']): Commitment => ({
  id,
  commitment: id,
  parties: [],
  made: month('2024-01'),
  deadline: month(deadline),
  status,
  statusAsOf: month('2025-01'),
  sources: ['s'],
  confidence: 'reported',
  estimatedFields: [],
});

describe('buildScorecard', () => {
  const card = buildScorecard({
    tradeRecords: [
      trade('y23', 'figure', 'ir-kz-trade', '2023', 302.76e6, { qualifier: 'approx' }),
      trade('y24', 'figure', 'ir-kz-trade', '2024', 340e6, { qualifier: 'approx' }),
      trade('ytd25', 'figure', 'ir-kz-trade', '2025-01/2025-09', 249.1e6),
      trade('level', 'figure', 'ir-kz-trade', '2025', 400e6, { qualifier: 'below' }),
      trade('t1b', 'target', 'ir-kz-trade', '2028', 1e9),
      trade('kti24', 'figure', 'kti', '2024', 1.6e6, { qualifier: 'approx' }),
      trade('t15', 'target', 'east', '2027', 15e6),
    ],
    projects: [project('half', { cost: 1.6e9, fundingSecured: 1.3e9, plannedYear: 2025, expectedYear: 2028 })],
    commitments: [commitment('late', '2025-03', 'pending'), commitment('future', '2027-01', 'pending')],
    flowIndicator: 'kti',
    levelIndicator: 'ir-kz-trade',
    modelled: [{ measure: 'm', year: 2024, mt: 4.5 }],
    pairValues: [],
    today: month('2026-12'),
  });

  it('judges the sub-$400 M level on the newest figure, annualised: $249.1 M × 12 / 9 = $332.1 M, below', () => {
    expect(card.trade.level!.status).toBe('below');
    expect(card.trade.level!.annualized!.usd).toBeCloseTo((249.1e6 * 12) / 9, 3);
  });

  it('puts a target behind when the recent growth (+12.3 %) is under the growth needed ((1000/340)^(1/4) − 1 = 30.96 %)', () => {
    const [row] = card.trade.targets;
    expect(row!.requiredGrowth).toBeCloseTo((1000 / 340) ** 0.25 - 1, 12);
    expect(row!.recentGrowth).toBeCloseTo(340 / 302.76 - 1, 12);
    expect(row!.status).toBe('behind');
  });

  it('gives funding shares, slips and overdue commitments', () => {
    const [p] = card.projects.projects;
    expect(p!.fundedShare).toBeCloseTo(1.3 / 1.6, 12);
    expect(p!.fundingGap).toBeCloseTo(0.3e9, 3);
    expect(p!.slippedYears).toBe(3);
    expect(p!.overdue).toBe(false);
    expect(card.projects.commitments.map((c) => `${c.commitment.id} ${c.verdict} ${c.monthsLeft}`)).toEqual([
      'late overdue -21',
      'future pending 1',
    ]);
  });

  it('compares the observed KTI figure and the model with the tonnes objective: 1.6 of 15 Mt, (15/1.6)^(1/3) − 1 a year', () => {
    const [flow] = card.flows;
    expect(flow!.observedReached).toBeCloseTo(1.6 / 15, 12);
    expect(flow!.requiredGrowth).toBeCloseTo((15 / 1.6) ** (1 / 3) - 1, 12);
    expect(flow!.status).toBe('no-trend');
    expect(flow!.modelled[0]!.reached).toBeCloseTo(4.5 / 15, 12);
  });
});
