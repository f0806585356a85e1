import { describe, expect, it } from 'vitest';
import { costResponseFactor, tradeGrowthFactor } from './demand-response.js';
import type { GrowthRate } from './types.js';

const growth = (country: string, fromYear: number, toYear: number, gdpGrowthPct: number): GrowthRate => ({
  country,
  fromYear,
  toYear,
  gdpGrowthPct,
  sources: ['s'],
  confidence: 'reported',
  estimatedFields: [],
});

describe('demand response', () => {
  const response = { incomeElasticity: 1, costElasticity: 5, timeSemiElasticityPerDay: Math.log(1.052) };

  it('gives +5.2% for one day less in transit (the EDB figure it is set from)', () => {
    expect(costResponseFactor(response, 250, 0, -24)).toBeCloseTo(1.052, 10);
    expect(costResponseFactor(response, 250, 0, 48)).toBeCloseTo(1 / 1.052 ** 2, 10);
  });

  it('responds to cost as a share of cargo value with the trade elasticity', () => {
    // USD 2.50/t on grain worth USD 250/t is 1% of value: e^(−5 × 0.01).
    expect(costResponseFactor(response, 250, 2.5, 0)).toBeCloseTo(Math.exp(-0.05), 12);
    // The same dollars matter less on dearer cargo.
    expect(costResponseFactor(response, 4200, 2.5, 0)).toBeGreaterThan(costResponseFactor(response, 250, 2.5, 0));
    expect(costResponseFactor(response, 250, 0, 0)).toBe(1);
  });

  it('grows trade by the mean GDP growth of the two countries, by year', () => {
    const rows = [growth('KZ', 2025, 2026, 5), growth('IR', 2025, 2025, 1), growth('IR', 2026, 2030, 3)];
    expect(tradeGrowthFactor(rows, 'KZ', 'IR', 2024, 2026, 1)).toBeCloseTo(1.03 * 1.04, 12);
    expect(tradeGrowthFactor(rows, 'KZ', 'IR', 2024, 2024, 1)).toBe(1);
    // A year no row covers adds no growth for that country; an elasticity of 2 doubles the rate.
    expect(tradeGrowthFactor(rows, 'KZ', 'IR', 2024, 2027, 2)).toBeCloseTo(1.06 * 1.08 * 1.03, 12);
    expect(tradeGrowthFactor(rows, 'KZ', 'IR', 2026, 2024, 1)).toBeCloseTo(1 / (1.03 * 1.04), 12);
  });
});
