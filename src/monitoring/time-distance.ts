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

/**
 * The sums one line is drawn from: a way through the checkpoints (corridor, label, nodes in order) and, over its
 * trips, per checkpoint the hours since leaving the origin on arrival and on departure and the USD paid there. What
 * distanceChart adds up from visits and the store's query (src/store/distance-chart-query.ts) in the database.
 */
export interface DistanceChartWay {
  corridor: string;
  synthetic: boolean;
  nodes: readonly string[];
  trips: number;
  tonnes: number;
  arrivalHSum: ArrayLike<number>;
  departureHSum: ArrayLike<number>;
  paidUsdSum: ArrayLike<number>;
}

/** Whether a trip's visits are among those a chart with these options draws. */
function drawn(trip: readonly CheckpointVisit[], options: DistanceChartOptions): boolean {
  if (options.corridor !== undefined && trip[0]!.corridor !== options.corridor) return false;
  return options.node === undefined || trip.some((visit) => visit.node === options.node);
}

export function distanceChart(
  visits: readonly CheckpointVisit[],
  distances: SectionDistances,
  options: DistanceChartOptions = {},
): DistanceChart {
  const groups = new Map<string, CheckpointVisit[][]>();
  for (const { visits: trip } of groupTrips(visits)) {
    if (!drawn(trip, options)) continue;
    const first = trip[0]!;
    const key = [first.corridor, first.synthetic ? 'S' : 'O', ...trip.map((visit) => visit.node)].join('\u0000');
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(trip);
  }
  return distanceChartOfWays([...groups.values()].map(wayOf), distances, options);
}

/**
 * The chart of ways already added up, in the order their first trips came (ties of the sort keep it): one line per
 * way whose sections the network measures, most trips first.
 */
export function distanceChartOfWays(
  ways: readonly DistanceChartWay[],
  distances: SectionDistances,
  options: Pick<DistanceChartOptions, 'maxSeries'> = {},
): DistanceChart {
  const series: DistanceChartSeries[] = [];
  const unmeasured: string[] = [];
  for (const way of ways) {
    const line = seriesOf(way, distances);
    if (line === undefined) unmeasured.push(`${way.corridor}: ${way.nodes.join(' → ')}`);
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

function wayOf(trips: readonly CheckpointVisit[][]): DistanceChartWay {
  const way = trips[0]!;
  const n = way.length;
  const arrivalHSum = new Float64Array(n);
  const departureHSum = new Float64Array(n);
  const paidUsdSum = new Float64Array(n);
  let tonnes = 0;
  for (const trip of trips) {
    const start = trip[0]!.departure.ms;
    tonnes += trip[0]!.cargoT;
    for (let i = 0; i < n; i++) {
      const visit = trip[i]!;
      // Loading at the origin and unloading at the destination are not transit time (as in the indicators).
      arrivalHSum[i]! += i === 0 ? 0 : (visit.arrival.ms - start) / HOUR_MS;
      departureHSum[i]! +=
        i === n - 1 ? (visit.arrival.ms - start) / HOUR_MS : i === 0 ? 0 : (visit.departure.ms - start) / HOUR_MS;
      paidUsdSum[i]! += visit.officialCostUsd + visit.unofficialCostUsd;
    }
  }
  return {
    corridor: way[0]!.corridor,
    synthetic: way[0]!.synthetic,
    nodes: way.map((visit) => visit.node),
    trips: trips.length,
    tonnes,
    arrivalHSum,
    departureHSum,
    paidUsdSum,
  };
}

function seriesOf(way: DistanceChartWay, distances: SectionDistances): DistanceChartSeries | undefined {
  const { nodes, trips, tonnes } = way;
  const n = nodes.length;
  const km = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const section = distances.km(nodes[i - 1]!, nodes[i]!);
    if (section === undefined) return undefined;
    km[i] = km[i - 1]! + section;
  }
  const points: DistanceChartPoint[] = [];
  let paidBefore = 0;
  for (let i = 0; i < n; i++) {
    const paidAfter = paidBefore + way.paidUsdSum[i]!;
    points.push({
      node: nodes[i]!,
      km: km[i]!,
      arrivalH: way.arrivalHSum[i]! / trips,
      departureH: way.departureHSum[i]! / trips,
      arrivalUsdPerT: tonnes > 0 ? paidBefore / tonnes : 0,
      departureUsdPerT: tonnes > 0 ? paidAfter / tonnes : 0,
    });
    paidBefore = paidAfter;
  }
  return { corridor: way.corridor, label: way.synthetic ? 'SYNTHETIC' : 'OBSERVED', trips, tonnes, points };
}
