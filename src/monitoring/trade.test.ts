import { describe, expect, it } from 'vitest';
import { loadTradeData } from '../data/trade-data.js';
import { cagr, targetProgress } from './trade.js';

describe('targets', () => {
  it('computes compound annual growth rates', () => {
    expect(cagr(100, 121, 2)).toBeCloseTo(0.1, 12);
    expect(cagr(0, 121, 2)).toBeUndefined();
  });

  it('compares each bundled target with the latest full-year figure of its indicator', () => {
    const progress = targetProgress(loadTradeData().records);
    expect(progress.map((p) => p.target.id).sort()).toEqual([
      'target-instc-east-15mt',
      'target-instc-east-20mt',
      'target-ir-kz-1b',
      'target-ir-kz-3b',
      'target-ir-tm-3b',
    ]);
    const kz = progress.find((p) => p.target.id === 'target-ir-kz-1b')!;
    expect(kz.latest?.id).toBe('ir-kz-trade-2024');
    expect(kz.gap).toBe(660_000_000);
    expect(kz.requiredGrowth).toBeCloseTo((1000 / 340) ** (1 / 4) - 1, 12);
    // 2023 is derived from +12.3 % on 2023, so the recent growth gives it back.
    expect(kz.recentGrowth?.rate).toBeCloseTo(340 / 302.76 - 1, 12);
    expect(kz.newer.map((r) => r.id)).toEqual(['ir-kz-trade-2025-jan-sep', 'ir-kz-trade-2025-level']);
    // No published figure counts the eastern-INSTC measure's crossings (the Bolashak count is its own series):
    // the target has no latest figure rather than one of another definition.
    const eastern = progress.find((p) => p.target.id === 'target-instc-east-15mt')!;
    expect(eastern.latest).toBeUndefined();
    expect(eastern.recentGrowth).toBeUndefined();
  });
});
