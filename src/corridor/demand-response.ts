import type { GrowthRate } from './types.js';

/** How demand responds: to income (GDP growth) and to the corridor's cost and time (trade elasticities). */
export interface DemandResponse {
  /** % trade growth per % GDP growth of the two countries (mean of both). */
  incomeElasticity: number;
  /** −d ln(tonnes) / d(USD per tonne ÷ cargo value per tonne): the trade elasticity to ad-valorem trade costs. */
  costElasticity: number;
  /** −d ln(tonnes) / d(days in transit). */
  timeSemiElasticityPerDay: number;
}

/** Real GDP growth of a country in a year (% a year), from the row whose period covers it; undefined when none. */
export function gdpGrowth(rows: readonly GrowthRate[], country: string, year: number): number | undefined {
  return rows.find((row) => row.country === country && row.fromYear <= year && year <= row.toYear)?.gdpGrowthPct;
}

/**
 * Growth of a pair's trade from the base year to `year`: Π over the years after the base of
 * (1 + ε · mean(g_origin, g_destination) / 100). A year the rows do not cover counts as no growth; the data check
 * reports the gaps for the years scenarios use. Years before the base shrink the same way.
 */
export function tradeGrowthFactor(
  rows: readonly GrowthRate[],
  originCountry: string,
  destinationCountry: string,
  baseYear: number,
  year: number,
  incomeElasticity: number,
): number {
  const first = Math.min(baseYear, year) + 1;
  const last = Math.max(baseYear, year);
  let factor = 1;
  for (let y = first; y <= last; y++) {
    const g = ((gdpGrowth(rows, originCountry, y) ?? 0) + (gdpGrowth(rows, destinationCountry, y) ?? 0)) / 2 / 100;
    factor *= 1 + incomeElasticity * g;
  }
  return year >= baseYear ? factor : 1 / factor;
}

/**
 * The factor on a pair's demand when its corridor costs `deltaUsd` per tonne and `deltaHours` more than in the
 * reference: exp(−σ · ΔUSD / value − η · Δdays). A cheaper or faster corridor (negative deltas) induces trade.
 */
export function costResponseFactor(
  response: DemandResponse,
  valueUsdPerT: number,
  deltaUsdPerT: number,
  deltaHours: number,
): number {
  return Math.exp(
    -response.costElasticity * (deltaUsdPerT / valueUsdPerT) - response.timeSemiElasticityPerDay * (deltaHours / 24),
  );
}
