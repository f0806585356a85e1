import type { SectionDistances } from './distance.js';
import { groupTrips } from './indicators.js';
import { HOUR_MS } from './timestamp.js';
import type { CheckpointVisit } from './types.js';

/**
 * Time/cost-distance charts (the UNESCAP method CPMM's corridor reports draw) from stored shipments: along one way
 * through the checkpoints, the distance from the origin against the time (or cost per tonne) spent so far. A
 * checkpoint is two points, arrival and departure, so that the dwell (or the payment) there is a vertical step and
 * the moving time (or nothing paid) a slope between them.
 *
 * Trips are drawn together when they share corridor, checkpoints in order, and whether they are synthetic: OBSERVED
 * and SYNTHETIC trips never share a line. Times are means over the trips (the mean of cumulative times is the
 * cumulative of the mean times, so the line is monotone and ends at the mean trip time, where medians would not
 * add up); costs are total USD over total tonnes, so a line ends at its trips' USD/t of `caravan indicators`.
 */

export const DISTANCE_CHARTS = ['time-distance', 'cost-distance'] as const;
export type DistanceChartKind = (typeof DISTANCE_CHARTS)[number];

export interface DistanceChartPoint {
  node: string;
  /** From the origin along the network. */
  km: number;
  /** Mean hours since the departure from the origin, at arrival here and at departure from here. */
  arrivalH: number;
  departureH: number;
  /** USD per tonne paid before this checkpoint, and including what was paid here. */
  arrivalUsdPerT: number;
  departureUsdPerT: number;
}

export interface DistanceChartSeries {
  corridor: string;
  label: 'OBSERVED' | 'SYNTHETIC';
  trips: number;
  tonnes: number;
  points: DistanceChartPoint[];
}

export interface DistanceChart {
  series: DistanceChartSeries[];
  /** Ways with a section whose length the network cannot give: left out of the chart. */
  unmeasured: string[];
}

export interface DistanceChartOptions {
  corridor?: string;
  /** Only trips through this checkpoint. */
  node?: string;
  /** At most this many lines, those with the most trips (default all). */
  maxSeries?: number;
}

export function distanceChart(
  visits: readonly CheckpointVisit[],
  distances: SectionDistances,
  options: DistanceChartOptions = {},
): DistanceChart {
  const groups = new Map<string, CheckpointVisit[][]>();
  for (const { visits: trip } of groupTrips(visits)) {
    const first = trip[0]!;
    if (options.corridor !== undefined && first.corridor !== options.corridor) continue;
    if (options.node !== undefined && !trip.some((visit) => visit.node === options.node)) continue;
    const key = [first.corridor, first.synthetic ? 'S' : 'O', ...trip.map((visit) => visit.node)].join('\u0000');
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(trip);
  }
  const series: DistanceChartSeries[] = [];
  const unmeasured: string[] = [];
  for (const trips of groups.values()) {
    const line = seriesOf(trips, distances);
    if (line === undefined) unmeasured.push(`${trips[0]![0]!.corridor}: ${trips[0]!.map((v) => v.node).join(' → ')}`);
    else series.push(line);
  }
  series.sort(
    (a, b) =>
      b.trips - a.trips ||
      a.corridor.localeCompare(b.corridor) ||
      a.label.localeCompare(b.label) ||
      a.points.length - b.points.length,
  );
  return { series: series.slice(0, options.maxSeries ?? series.length), unmeasured: unmeasured.sort() };
}

function seriesOf(trips: readonly CheckpointVisit[][], distances: SectionDistances): DistanceChartSeries | undefined {
  const way = trips[0]!;
  const n = way.length;
  const km = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const section = distances.km(way[i - 1]!.node, way[i]!.node);
    if (section === undefined) return undefined;
    km[i] = km[i - 1]! + section;
  }
  const arrivalH = new Float64Array(n);
  const departureH = new Float64Array(n);
  const paidUsd = new Float64Array(n);
  let tonnes = 0;
  for (const trip of trips) {
    const start = trip[0]!.departure.ms;
    tonnes += trip[0]!.cargoT;
    for (let i = 0; i < n; i++) {
      const visit = trip[i]!;
      // Loading at the origin and unloading at the destination are not transit time (as in the indicators).
      arrivalH[i]! += i === 0 ? 0 : (visit.arrival.ms - start) / HOUR_MS;
      departureH[i]! +=
        i === n - 1 ? (visit.arrival.ms - start) / HOUR_MS : i === 0 ? 0 : (visit.departure.ms - start) / HOUR_MS;
      paidUsd[i]! += visit.officialCostUsd + visit.unofficialCostUsd;
    }
  }
  const points: DistanceChartPoint[] = [];
  let paidBefore = 0;
  for (let i = 0; i < n; i++) {
    const paidAfter = paidBefore + paidUsd[i]!;
    points.push({
      node: way[i]!.node,
      km: km[i]!,
      arrivalH: arrivalH[i]! / trips.length,
      departureH: departureH[i]! / trips.length,
      arrivalUsdPerT: tonnes > 0 ? paidBefore / tonnes : 0,
      departureUsdPerT: tonnes > 0 ? paidAfter / tonnes : 0,
    });
    paidBefore = paidAfter;
  }
  return {
    corridor: way[0]!.corridor,
    label: way[0]!.synthetic ? 'SYNTHETIC' : 'OBSERVED',
    trips: trips.length,
    tonnes,
    points,
  };
}
