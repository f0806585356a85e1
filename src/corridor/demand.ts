import type { Commodity, DemandRow } from './types.js';

/** The demand of one origin–destination pair and commodity in the year asked for. */
export interface OdFlow {
  from: string;
  to: string;
  commodity: Commodity;
  mtPerYr: number;
}

/**
 * Demand in a year: a pair's rows are read at that year, linearly interpolated between the years given, and held
 * at the nearest given year outside them (a pair given only for 2024 keeps its 2024 level). Pairs whose demand is
 * zero are left out. Order: the order in which pairs first appear in the rows.
 */
export function demandForYear(rows: readonly DemandRow[], year: number): OdFlow[] {
  const byPair = new Map<string, DemandRow[]>();
  for (const row of rows) {
    const key = `${row.from}|${row.to}|${row.commodity}`;
    const list = byPair.get(key);
    if (list === undefined) byPair.set(key, [row]);
    else list.push(row);
  }
  const flows: OdFlow[] = [];
  for (const list of byPair.values()) {
    const points = new Map<number, number>();
    // Rows of one pair and year add up (a file may split a flow by source).
    for (const row of list) points.set(row.year, (points.get(row.year) ?? 0) + row.mtPerYr);
    const mtPerYr = interpolate(
      [...points].sort((a, b) => a[0] - b[0]),
      year,
    );
    const first = list[0]!;
    if (mtPerYr > 0) flows.push({ from: first.from, to: first.to, commodity: first.commodity, mtPerYr });
  }
  return flows;
}

function interpolate(points: readonly (readonly [number, number])[], year: number): number {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (year <= first[0]) return first[1];
  if (year >= last[0]) return last[1];
  for (let k = 1; k < points.length; k++) {
    const [x1, y1] = points[k]!;
    const [x0, y0] = points[k - 1]!;
    if (year <= x1) return y0 + ((y1 - y0) * (year - x0)) / (x1 - x0);
  }
  return last[1];
}
