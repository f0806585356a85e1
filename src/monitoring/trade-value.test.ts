import { describe, expect, it } from 'vitest';
import { parsePeriod, targetProgress, type TradeRecord } from './trade.js';
import { indicatorPair, targetsInTonnes, tradeValueByPair } from './trade-value.js';

const record = (id: string, kind: 'figure' | 'target', period: string, value: number): TradeRecord => ({
  id,
  kind,
  indicator: 'ir-kz-trade',
  label: id,
  period: parsePeriod(period)!,
  value,
  unit: 'usd',
  qualifier: 'exact',
  sources: ['s'],
  confidence: 'reported',
  estimatedFields: [],
});

describe('tonnes to dollars', () => {
  const commodities = [
    { commodity: 'grain' as const, valueUsdPerT: 250 },
    { commodity: 'metals_minerals' as const, valueUsdPerT: 1000 },
    { commodity: 'other' as const, valueUsdPerT: 1500 },
  ];
  const flows = [
    { originCountry: 'KZ', destinationCountry: 'IR', commodity: 'grain' as const, mtPerYr: 0.6 },
    { originCountry: 'KZ', destinationCountry: 'IR', commodity: 'metals_minerals' as const, mtPerYr: 0.1 },
    { originCountry: 'IR', destinationCountry: 'KZ', commodity: 'other' as const, mtPerYr: 0.48 },
    { originCountry: 'KZ', destinationCountry: 'TM', commodity: 'grain' as const, mtPerYr: 0.5 },
  ];

  it('adds both directions of a pair: 0.6 Mt × $250 + 0.1 Mt × $1,000 + 0.48 Mt × $1,500 = $970 M', () => {
    const values = tradeValueByPair(flows, commodities);
    expect(values.map((v) => v.pair)).toEqual(['IR-KZ', 'KZ-TM']);
    expect(values[0]!.mt).toBeCloseTo(1.18, 12);
    expect(values[0]!.usd).toBeCloseTo(970e6, 3);
    expect(values[1]!.usd).toBeCloseTo(125e6, 3);
  });

  it('says how far the tonnes must grow to carry a USD target: $3 B / $970 M = ×3.093', () => {
    const progress = targetProgress([record('t', 'target', '2035', 3e9), record('f', 'figure', '2024', 340e6)]);
    const [row] = targetsInTonnes(progress, tradeValueByPair(flows, commodities));
    expect(row!.pair).toBe('IR-KZ');
    expect(row!.growthFactor).toBeCloseTo(3e9 / 970e6, 12);
    expect(row!.mtForTarget).toBeCloseTo(1.18 * (3e9 / 970e6), 12);
    expect(row!.reportedUsd).toBe(340e6);
    expect(row!.reportedUsdPerT).toBeCloseTo(340e6 / 1.18e6, 9);
  });

  it('refuses a commodity without a value instead of counting it as free', () => {
    expect(() =>
      tradeValueByPair([{ originCountry: 'A', destinationCountry: 'B', commodity: 'containers', mtPerYr: 1 }], []),
    ).toThrow(/containers/);
    expect(indicatorPair('ir-tm-trade')).toBe('IR-TM');
    expect(indicatorPair('kti-bolashak-throughput')).toBeUndefined();
  });
});
