import { networkIndex } from '../model/network-index.js';
import type { Network } from '../model/types.js';
import type { OdFlow } from './demand.js';
import { tradeGrowthFactor } from './demand-response.js';
import type { GrowthRate } from './types.js';

/**
 * The base-year flows grown to `year` by their countries' GDP growth (growth.csv) and the income elasticity: the
 * forecast before the corridor's costs are taken into account (they act in the elastic-demand run).
 */
export function forecastFlows(
  flows: readonly OdFlow[],
  network: Network,
  growth: readonly GrowthRate[],
  baseYear: number,
  year: number,
  incomeElasticity: number,
): OdFlow[] {
  if (year === baseYear || growth.length === 0) return [...flows];
  const { nodeById } = networkIndex(network);
  const factors = new Map<string, number>();
  return flows.map((flow) => {
    const a = nodeById.get(flow.from)?.country ?? '';
    const b = nodeById.get(flow.to)?.country ?? '';
    const key = `${a}|${b}`;
    let factor = factors.get(key);
    if (factor === undefined) {
      factor = tradeGrowthFactor(growth, a, b, baseYear, year, incomeElasticity);
      factors.set(key, factor);
    }
    return { ...flow, mtPerYr: flow.mtPerYr * factor };
  });
}
