/** Pure helpers of the time–cost–distance chart, kept apart from the SVG so they can be tested. */

export interface CumulativePoint {
  km: number;
  hours: number;
  usd: number;
}

interface StepTotals {
  cumulative: CumulativePoint;
}

/**
 * The running totals of a route from its origin: one point per step. Steps without distance (border crossings,
 * transfers, handling) add time and money at the same km, so they show as vertical rises: where the route waits.
 */
export function cumulativeSeries(steps: readonly StepTotals[]): CumulativePoint[] {
  return [{ km: 0, hours: 0, usd: 0 }, ...steps.map(({ cumulative: { km, hours, usd } }) => ({ km, hours, usd }))];
}

/** Round tick values covering 0…max: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  for (let value = 0; value < max + step * 1e-9; value += step) ticks.push(Number(value.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** A linear map from data to pixels. */
export function linearScale(domainMax: number, rangeStart: number, rangeEnd: number): (value: number) => number {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => rangeStart + (value / span) * (rangeEnd - rangeStart);
}
