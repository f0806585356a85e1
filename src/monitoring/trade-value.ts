import type { CommodityParameters, TradeFlow } from '../corridor/types.js';
import type { TargetProgress } from './trade.js';

/**
 * Tonnes to dollars: the model's flows between two countries (both directions) times each commodity's value per
 * tonne (commodities.csv) give a modelled trade value, comparable with the USD trade targets. The value per tonne
 * is the dataset's estimate, so the modelled value is an estimate too; the reported figure stands beside it.
 */

export interface PairValue {
  /** The two countries, alphabetical (`IR-KZ`). */
  pair: string;
  mt: number;
  usd: number;
  byCommodity: { commodity: string; mt: number; usdPerT: number; usd: number }[];
}

const pairOf = (a: string, b: string): string => [a, b].sort().join('-');

/** Modelled value of trade by country pair; commodities without a value per tonne are an error, not a zero. */
export function tradeValueByPair(
  flows: readonly Pick<TradeFlow, 'originCountry' | 'destinationCountry' | 'commodity' | 'mtPerYr'>[],
  commodities: readonly Pick<CommodityParameters, 'commodity' | 'valueUsdPerT'>[],
): PairValue[] {
  const valueOf = new Map<string, number>(commodities.map((c) => [c.commodity, c.valueUsdPerT]));
  const pairs = new Map<string, Map<string, number>>();
  for (const flow of flows) {
    if (flow.originCountry === flow.destinationCountry) continue;
    const pair = pairOf(flow.originCountry, flow.destinationCountry);
    let byCommodity = pairs.get(pair);
    if (byCommodity === undefined) pairs.set(pair, (byCommodity = new Map()));
    byCommodity.set(flow.commodity, (byCommodity.get(flow.commodity) ?? 0) + flow.mtPerYr);
  }
  return [...pairs]
    .map(([pair, byCommodity]) => {
      const rows = [...byCommodity].sort().map(([commodity, mt]) => {
        const usdPerT = valueOf.get(commodity);
        if (usdPerT === undefined)
          throw new Error(`commodity "${commodity}" has no value per tonne in commodities.csv`);
        return { commodity, mt, usdPerT, usd: mt * 1e6 * usdPerT };
      });
      return {
        pair,
        mt: rows.reduce((sum, row) => sum + row.mt, 0),
        usd: rows.reduce((sum, row) => sum + row.usd, 0),
        byCommodity: rows,
      };
    })
    .sort((a, b) => a.pair.localeCompare(b.pair));
}

/** The country pair of a trade indicator named `xx-yy-trade` (`ir-kz-trade` → `IR-KZ`). */
export function indicatorPair(indicator: string): string | undefined {
  const match = /^([a-z]{2})-([a-z]{2})-trade$/.exec(indicator);
  return match ? pairOf(match[1]!.toUpperCase(), match[2]!.toUpperCase()) : undefined;
}

export interface TargetInTonnes {
  targetId: string;
  label: string;
  year: number;
  targetUsd: number;
  pair: string;
  modelledMt: number;
  modelledUsd: number;
  /** Latest reported full-year value, for comparison with the modelled one. */
  reportedUsd?: number;
  /** How many times the modelled flows must grow, at today's commodity mix and values, to carry the target. */
  growthFactor: number;
  /** The tonnes that would carry the target at the modelled mix. */
  mtForTarget: number;
  /** Reported value per tonne implied by the latest reported figure over the modelled tonnes. */
  reportedUsdPerT?: number;
}

/** Each USD trade target of a country pair beside the modelled trade value of that pair. */
export function targetsInTonnes(progress: readonly TargetProgress[], values: readonly PairValue[]): TargetInTonnes[] {
  const byPair = new Map(values.map((value) => [value.pair, value]));
  const rows: TargetInTonnes[] = [];
  for (const p of progress) {
    if (p.target.unit !== 'usd') continue;
    const pair = indicatorPair(p.target.indicator);
    const value = pair === undefined ? undefined : byPair.get(pair);
    if (pair === undefined || value === undefined || value.usd <= 0) continue;
    const growthFactor = p.target.value / value.usd;
    rows.push({
      targetId: p.target.id,
      label: p.target.label,
      year: p.target.period.end.year,
      targetUsd: p.target.value,
      pair,
      modelledMt: value.mt,
      modelledUsd: value.usd,
      ...(p.latest === undefined
        ? {}
        : { reportedUsd: p.latest.value, reportedUsdPerT: p.latest.value / (value.mt * 1e6) }),
      growthFactor,
      mtForTarget: value.mt * growthFactor,
    });
  }
  return rows;
}
