import type { Network } from '../model/types.js';
import type { SectionDistances } from './distance.js';
import { periodOf, previousPeriod } from './period.js';
import { relativeChange, slope, summarize, type Summary } from './stats.js';
import { HOUR_MS } from './timestamp.js';
import type { CheckpointVisit } from './types.js';
import { DELAY_REASONS, type DelayReason, type PeriodKind } from './vocabulary.js';
import { networkIndex } from '../model/network-index.js';

/**
 * Corridor performance indicators in the manner of CAREC's Corridor Performance Measurement and Monitoring
 * (CPMM), computed from checkpoint visits. Definitions (docs/shipments.md):
 *
 * - dwell at a checkpoint = departure − arrival; reported for every checkpoint between a shipment's first
 *   (origin) and last (destination) one, where loading and unloading are not transit time;
 * - a section is the way between two consecutive checkpoints of a shipment: moving time = arrival at the second −
 *   departure from the first; its elapsed time adds the dwell at the second checkpoint unless that is the
 *   destination, so that a shipment's sections add up to its trip (first departure → last arrival);
 * - SWOD (speed without delay) = km / moving hours; SWD (speed with delay) = km / elapsed hours; aggregated as
 *   total km over total hours of the observations in a group;
 * - costs are what was paid at checkpoints; per shipment they add up, per tonne or TEU they are total USD over total
 *   tonnes (or TEU of containerised shipments) of the group;
 * - TFI3 (CPMM: cost to travel a corridor section, per 500 km and 20 t) = 500 × 20 × total USD / total tonne-km of
 *   the group; a section's cost is what was paid at its end checkpoint (and at the origin, for the first section),
 *   so that the sections of a trip add up to the trip;
 * - a section shorter than `minSectionKm` gets no speed of its own (its times are too coarse for one: 1 h of
 *   rounding on 22 km is 22 km/h); its kilometres still count in the corridor's speeds.
 *
 * Visits are bucketed by their local date at the checkpoint; sections by the departure from their first
 * checkpoint, trips by the departure from the origin.
 */

export interface IndicatorOptions {
  by: PeriodKind;
  corridor?: string;
  node?: string;
  /** Sections shorter than this get no speed (default MIN_SECTION_KM). */
  minSectionKm?: number;
  /** Also group trips by direction, mode or commodity. */
  breakdown?: Breakdown;
  /** The country whose borders `direction` is about (CPMM's reporting country). */
  country?: string;
}

export const MIN_SECTION_KM = 50;
export const BREAKDOWNS = ['direction', 'mode', 'commodity'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
/** TFI3 normalises costs to 500 km and 20 tonnes. */
const TFI3_KM = 500;
const TFI3_T = 20;

export interface CostBreakdown {
  official: number;
  unofficial: number;
  total: number;
}

export interface NodeIndicator {
  period: string;
  node: string;
  name: string;
  kind: string;
  visits: number;
  dwellH: Summary;
  /** Mean payments per visit. */
  costUsdPerVisit: CostBreakdown;
  /** Total payments over tonnes through the checkpoint. */
  totalUsdPerT: number;
  delays: Partial<Record<DelayReason, number>>;
  /** Change of the median dwell from the previous period (0.1 = +10 %), when that period has data. */
  medianDwellChange?: number;
}

export interface SectionIndicator {
  period: string;
  from: string;
  to: string;
  trips: number;
  km?: number;
  movingH: Summary;
  elapsedH: Summary;
  swodKmh?: number;
  swdKmh?: number;
  /** Shorter than the minimum section length: no speed shown. */
  short?: boolean;
  /** TFI3: USD per 500 km per 20 t. */
  usdPer500km20t?: number;
  medianMovingChange?: number;
}

export interface CorridorIndicator {
  period: string;
  corridor: string;
  shipments: number;
  /** First departure to last arrival. */
  tripH: Summary;
  /** Dwell at the checkpoints between origin and destination. */
  dwellH: Summary;
  costUsdPerShipment: CostBreakdown;
  usdPerT: number;
  usdPerTeu?: number;
  /** TFI3: USD per 500 km per 20 t. */
  usdPer500km20t?: number;
  swodKmh?: number;
  swdKmh?: number;
  medianTripChange?: number;
}

/** Trips of one period grouped by direction, mode or commodity. */
export interface BreakdownIndicator {
  period: string;
  group: string;
  shipments: number;
  tripH: Summary;
  usdPerT: number;
  usdPer500km20t?: number;
  swodKmh?: number;
  swdKmh?: number;
}

export interface Trend {
  level: 'node' | 'section' | 'corridor';
  key: string;
  metric: string;
  periods: number;
  first: number;
  last: number;
  /** Least-squares change per period (hours per month or quarter), gaps between periods respected. */
  slopePerPeriod: number;
}

export interface IndicatorReport {
  by: PeriodKind;
  filters: { corridor?: string; node?: string };
  periods: string[];
  shipments: number;
  syntheticShipments: number;
  nodes: NodeIndicator[];
  sections: SectionIndicator[];
  corridors: CorridorIndicator[];
  trends: Trend[];
  /** Sections whose length the network cannot give: left out of the speeds. */
  unmeasuredSections: string[];
  minSectionKm: number;
  breakdown?: { by: Breakdown; country?: string; rows: BreakdownIndicator[] };
}

interface Trip {
  visits: CheckpointVisit[];
}

const hours = (ms: number): number => ms / HOUR_MS;

export function computeIndicators(
  allVisits: readonly CheckpointVisit[],
  network: Network,
  distances: SectionDistances,
  options: IndicatorOptions,
): IndicatorReport {
  const nodes = networkIndex(network).nodeById;
  const trips = groupTrips(allVisits).filter(
    (trip) =>
      (options.corridor === undefined || trip.visits[0]!.corridor === options.corridor) &&
      (options.node === undefined || trip.visits.some((visit) => visit.node === options.node)),
  );
  const periodOfVisit = (ms: number, offsetMin: number) => periodOf(ms, offsetMin, options.by);
  const unmeasured = new Set<string>();

  // Checkpoint dwell.
  const nodeGroups = new Groups<[string, string], { visit: CheckpointVisit }>();
  for (const { visits } of trips) {
    for (const visit of visits.slice(1, -1)) {
      if (options.node !== undefined && visit.node !== options.node) continue;
      nodeGroups.add([periodOfVisit(visit.arrival.ms, visit.arrival.offsetMin), visit.node], { visit });
    }
  }
  const nodeRows: NodeIndicator[] = nodeGroups.map(([period, nodeId], items) => {
    const visits = items.map((item) => item.visit);
    const official = sum(visits.map((v) => v.officialCostUsd));
    const unofficial = sum(visits.map((v) => v.unofficialCostUsd));
    const delays: Partial<Record<DelayReason, number>> = {};
    for (const v of visits) delays[v.delayReason] = (delays[v.delayReason] ?? 0) + 1;
    const node = nodes.get(nodeId);
    return {
      period,
      node: nodeId,
      name: node?.name ?? nodeId,
      kind: node?.kind ?? 'unknown',
      visits: visits.length,
      dwellH: summarize(visits.map((v) => hours(v.departure.ms - v.arrival.ms)))!,
      costUsdPerVisit: perEach({ official, unofficial, total: official + unofficial }, visits.length),
      totalUsdPerT: (official + unofficial) / sum(visits.map((v) => v.cargoT)),
      delays,
    };
  });

  // Sections.
  const minSectionKm = options.minSectionKm ?? MIN_SECTION_KM;
  const sectionGroups = new Groups<
    [string, string, string],
    { km?: number; movingH: number; elapsedH: number; usd: number; cargoT: number }
  >();
  for (const { visits } of trips) {
    for (let i = 1; i < visits.length; i++) {
      const a = visits[i - 1]!;
      const b = visits[i]!;
      if (options.node !== undefined && a.node !== options.node && b.node !== options.node) continue;
      const movingH = hours(b.arrival.ms - a.departure.ms);
      const dwellAtEnd = i === visits.length - 1 ? 0 : hours(b.departure.ms - b.arrival.ms);
      const km = distances.km(a.node, b.node);
      if (km === undefined) unmeasured.add(`${a.node} → ${b.node}`);
      const paidAt = (v: CheckpointVisit) => v.officialCostUsd + v.unofficialCostUsd;
      sectionGroups.add([periodOfVisit(a.departure.ms, a.departure.offsetMin), a.node, b.node], {
        ...(km === undefined ? {} : { km }),
        movingH,
        elapsedH: movingH + dwellAtEnd,
        usd: paidAt(b) + (i === 1 ? paidAt(a) : 0),
        cargoT: a.cargoT,
      });
    }
  }
  const sectionRows: SectionIndicator[] = sectionGroups.map(([period, from, to], items) => {
    const kms = items.map((item) => item.km).filter((km): km is number => km !== undefined);
    const measured = items.filter((item) => item.km !== undefined);
    const km = kms[0];
    const short = km !== undefined && km < minSectionKm;
    const tfi3 = perTonneKm(measured.map((item) => ({ usd: item.usd, km: item.km!, cargoT: item.cargoT })));
    return {
      period,
      from,
      to,
      trips: items.length,
      ...(km !== undefined ? { km } : {}),
      movingH: summarize(items.map((item) => item.movingH))!,
      elapsedH: summarize(items.map((item) => item.elapsedH))!,
      ...(short
        ? { short: true }
        : speeds(measured.map((item) => ({ km: item.km!, movingH: item.movingH, elapsedH: item.elapsedH })))),
      ...(tfi3 === undefined ? {} : { usdPer500km20t: tfi3 }),
    };
  });

  // Trips by corridor.
  const corridorGroups = new Groups<[string, string], TripFigures>();
  for (const trip of trips) {
    const first = trip.visits[0]!;
    corridorGroups.add(
      [periodOfVisit(first.departure.ms, first.departure.offsetMin), first.corridor],
      tripFigures(trip, distances),
    );
  }
  const corridorRows: CorridorIndicator[] = corridorGroups.map(([period, corridor], items) => {
    const official = sum(items.map((t) => t.official));
    const unofficial = sum(items.map((t) => t.unofficial));
    const total = official + unofficial;
    const containerised = items.filter((t) => t.teu !== undefined && t.teu > 0);
    const measured = items.filter((t) => t.km !== undefined);
    const tfi3 = perTonneKm(measured.map((t) => ({ usd: t.official + t.unofficial, km: t.km!, cargoT: t.cargoT })));
    return {
      period,
      corridor,
      shipments: items.length,
      tripH: summarize(items.map((t) => t.elapsedH))!,
      dwellH: summarize(items.map((t) => t.dwellH))!,
      costUsdPerShipment: perEach({ official, unofficial, total }, items.length),
      usdPerT: total / sum(items.map((t) => t.cargoT)),
      ...(containerised.length > 0
        ? {
            usdPerTeu: sum(containerised.map((t) => t.official + t.unofficial)) / sum(containerised.map((t) => t.teu!)),
          }
        : {}),
      ...(tfi3 === undefined ? {} : { usdPer500km20t: tfi3 }),
      ...speeds(measured.map((t) => ({ km: t.km!, movingH: t.movingH, elapsedH: t.elapsedH }))),
    };
  });

  return assembleReport(
    {
      shipments: trips.length,
      syntheticShipments: trips.filter((trip) => trip.visits[0]!.synthetic).length,
      nodes: nodeRows,
      sections: sectionRows,
      corridors: corridorRows,
      unmeasuredSections: [...unmeasured],
      ...(options.breakdown === undefined
        ? {}
        : { breakdownRows: breakdownRows(trips, distances, options, nodes, periodOfVisit) }),
    },
    options,
  );
}

/** The rows of a report before its changes and trends: what computeIndicators and the store's queries both build. */
export interface IndicatorRows {
  shipments: number;
  syntheticShipments: number;
  /** Rows in any order; without their `median…Change` fields. */
  nodes: NodeIndicator[];
  sections: SectionIndicator[];
  corridors: CorridorIndicator[];
  breakdownRows?: BreakdownIndicator[];
  unmeasuredSections: string[];
}

/**
 * A report from its rows: sorted by period then key, delays in the vocabulary's order, changes on the previous
 * period and trends added. One place for both ways of computing the rows, so that they give the same report.
 */
export function assembleReport(rows: IndicatorRows, options: IndicatorOptions): IndicatorReport {
  const nodeRows = sortRows(rows.nodes, (row) => [row.period, row.node]);
  for (const row of nodeRows) row.delays = orderedDelays(row.delays);
  const sectionRows = sortRows(rows.sections, (row) => [row.period, row.from, row.to]);
  const corridorRows = sortRows(rows.corridors, (row) => [row.period, row.corridor]);
  const breakdown =
    options.breakdown === undefined
      ? undefined
      : {
          by: options.breakdown,
          ...(options.country === undefined ? {} : { country: options.country }),
          rows: sortRows(rows.breakdownRows ?? [], (row) => [row.period, row.group]),
        };

  withChanges(
    nodeRows,
    (row) => row.node,
    (row) => row.dwellH.median,
    'medianDwellChange',
  );
  withChanges(
    sectionRows,
    (row) => `${row.from}>${row.to}`,
    (row) => row.movingH.median,
    'medianMovingChange',
  );
  withChanges(
    corridorRows,
    (row) => row.corridor,
    (row) => row.tripH.median,
    'medianTripChange',
  );

  const trends: Trend[] = [
    ...trendsOf(
      'node',
      nodeRows,
      (row) => row.node,
      'median dwell h',
      (row) => row.dwellH.median,
    ),
    ...trendsOf(
      'section',
      sectionRows,
      (r) => `${r.from} → ${r.to}`,
      'median moving h',
      (r) => r.movingH.median,
    ),
    ...trendsOf(
      'corridor',
      corridorRows,
      (row) => row.corridor,
      'median trip h',
      (row) => row.tripH.median,
    ),
  ];

  const periods = [...new Set([...nodeRows, ...sectionRows, ...corridorRows].map((row) => row.period))].sort();
  return {
    by: options.by,
    filters: {
      ...(options.corridor === undefined ? {} : { corridor: options.corridor }),
      ...(options.node === undefined ? {} : { node: options.node }),
    },
    periods,
    shipments: rows.shipments,
    syntheticShipments: rows.syntheticShipments,
    nodes: nodeRows,
    sections: sectionRows,
    corridors: corridorRows,
    trends,
    unmeasuredSections: [...rows.unmeasuredSections].sort(),
    minSectionKm: options.minSectionKm ?? MIN_SECTION_KM,
    ...(breakdown === undefined ? {} : { breakdown }),
  };
}

function sortRows<T>(rows: readonly T[], key: (row: T) => readonly string[]): T[] {
  return [...rows].sort((a, b) => compareKeys(key(a), key(b)));
}

/** Delay counts keyed in the vocabulary's order, however they were counted (ties of the main delay follow it). */
function orderedDelays(delays: Partial<Record<DelayReason, number>>): Partial<Record<DelayReason, number>> {
  const ordered: Partial<Record<DelayReason, number>> = {};
  for (const reason of DELAY_REASONS) if (delays[reason] !== undefined) ordered[reason] = delays[reason];
  return ordered;
}

/** 500 km × 20 t × USD over tonne-km: CPMM's TFI3; undefined without distance. */
function perTonneKm(items: readonly { usd: number; km: number; cargoT: number }[]): number | undefined {
  return tfi3(sum(items.map((item) => item.usd)), sum(items.map((item) => item.km * item.cargoT)));
}

/** CPMM's TFI3 from a group's totals: USD per 500 km per 20 t; undefined without tonne-km. */
export function tfi3(usd: number, tonneKm: number): number | undefined {
  return tonneKm > 0 ? (TFI3_KM * TFI3_T * usd) / tonneKm : undefined;
}

/**
 * Where a trip goes with respect to `country`: inbound ends there having started abroad, outbound the reverse,
 * transit passes through, domestic stays inside, and `elsewhere` never touches it.
 */
export function tripDirection(
  visits: readonly CheckpointVisit[],
  countryOf: (node: string) => string | undefined,
  country: string,
): string {
  const inside = visits.map((visit) => countryOf(visit.node) === country);
  return directionOf(inside[0]!, inside[inside.length - 1]!, inside.every(Boolean), inside.some(Boolean));
}

/** tripDirection from whether the first, the last, every and any checkpoint of the trip is in the country. */
export function directionOf(first: boolean, last: boolean, every: boolean, some: boolean): string {
  if (first && last) return every ? 'domestic' : 'transit';
  if (last) return 'inbound';
  if (first) return 'outbound';
  return some ? 'transit' : 'elsewhere';
}

function breakdownRows(
  trips: readonly Trip[],
  distances: SectionDistances,
  options: IndicatorOptions,
  nodes: ReadonlyMap<string, { country: string }>,
  periodOfVisit: (ms: number, offsetMin: number) => string,
): BreakdownIndicator[] {
  const countryOf = (node: string) => nodes.get(node)?.country;
  const groupOf = (trip: Trip): string => {
    const first = trip.visits[0]!;
    if (options.breakdown === 'mode') return first.mode;
    if (options.breakdown === 'commodity') return first.commodity ?? '(not given)';
    return tripDirection(trip.visits, countryOf, options.country ?? '');
  };
  const groups = new Groups<[string, string], TripFigures>();
  for (const trip of trips) {
    const first = trip.visits[0]!;
    groups.add(
      [periodOfVisit(first.departure.ms, first.departure.offsetMin), groupOf(trip)],
      tripFigures(trip, distances),
    );
  }
  return groups.map(([period, group], items) => {
    const measured = items.filter((t) => t.km !== undefined);
    const tfi3 = perTonneKm(measured.map((t) => ({ usd: t.official + t.unofficial, km: t.km!, cargoT: t.cargoT })));
    return {
      period,
      group,
      shipments: items.length,
      tripH: summarize(items.map((t) => t.elapsedH))!,
      usdPerT: sum(items.map((t) => t.official + t.unofficial)) / sum(items.map((t) => t.cargoT)),
      ...(tfi3 === undefined ? {} : { usdPer500km20t: tfi3 }),
      ...speeds(measured.map((t) => ({ km: t.km!, movingH: t.movingH, elapsedH: t.elapsedH }))),
    };
  });
}

interface TripFigures {
  cargoT: number;
  teu?: number;
  official: number;
  unofficial: number;
  movingH: number;
  elapsedH: number;
  dwellH: number;
  km?: number;
}

function tripFigures(trip: Trip, distances: SectionDistances): TripFigures {
  const { visits } = trip;
  const first = visits[0]!;
  const last = visits[visits.length - 1]!;
  let movingH = 0;
  let km: number | undefined = 0;
  for (let i = 1; i < visits.length; i++) {
    movingH += hours(visits[i]!.arrival.ms - visits[i - 1]!.departure.ms);
    const sectionKm = distances.km(visits[i - 1]!.node, visits[i]!.node);
    km = km === undefined || sectionKm === undefined ? undefined : km + sectionKm;
  }
  const elapsedH = hours(last.arrival.ms - first.departure.ms);
  return {
    cargoT: first.cargoT,
    ...(first.teu === undefined ? {} : { teu: first.teu }),
    official: sum(visits.map((v) => v.officialCostUsd)),
    unofficial: sum(visits.map((v) => v.unofficialCostUsd)),
    movingH,
    elapsedH,
    dwellH: elapsedH - movingH,
    ...(visits.length > 1 && km !== undefined ? { km } : {}),
  };
}

function speeds(items: readonly { km: number; movingH: number; elapsedH: number }[]): {
  swodKmh?: number;
  swdKmh?: number;
} {
  return speedsOf(
    items.length,
    sum(items.map((item) => item.km)),
    sum(items.map((item) => item.movingH)),
    sum(items.map((item) => item.elapsedH)),
  );
}

/** SWOD and SWD of a group from its totals: `n` measured observations of `km` over their moving and elapsed hours. */
export function speedsOf(
  n: number,
  km: number,
  movingH: number,
  elapsedH: number,
): { swodKmh?: number; swdKmh?: number } {
  return {
    ...(n > 0 && movingH > 0 ? { swodKmh: km / movingH } : {}),
    ...(n > 0 && elapsedH > 0 ? { swdKmh: km / elapsedH } : {}),
  };
}

/** A shipment's visits in checkpoint order. */
export function groupTrips(visits: readonly CheckpointVisit[]): Trip[] {
  const byId = new Map<string, CheckpointVisit[]>();
  for (const visit of visits) {
    let list = byId.get(visit.shipmentId);
    if (list === undefined) byId.set(visit.shipmentId, (list = []));
    list.push(visit);
  }
  return [...byId.values()].map((list) => ({ visits: list.sort((a, b) => a.seq - b.seq) }));
}

/** Rows grouped by a key of strings, returned sorted by that key (period first). */
class Groups<K extends readonly string[], T> {
  private readonly groups = new Map<string, { key: K; items: T[] }>();
  add(key: K, item: T): void {
    const id = key.join('\u0000');
    let group = this.groups.get(id);
    if (group === undefined) this.groups.set(id, (group = { key, items: [] }));
    group.items.push(item);
  }
  map<R>(build: (key: K, items: T[]) => R): R[] {
    return [...this.groups.values()]
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((group) => build(group.key, group.items));
  }
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return a.length - b.length;
}

function withChanges<T extends { period: string }>(
  rows: T[],
  series: (row: T) => string,
  value: (row: T) => number,
  field: keyof T & string,
): void {
  const byKey = new Map(rows.map((row) => [`${series(row)}\u0000${row.period}`, row]));
  for (const row of rows) {
    const previous = byKey.get(`${series(row)}\u0000${previousPeriod(row.period)}`);
    const change = previous === undefined ? undefined : relativeChange(value(previous), value(row));
    if (change !== undefined) (row as Record<string, unknown>)[field] = change;
  }
}

function trendsOf<T extends { period: string }>(
  level: Trend['level'],
  rows: readonly T[],
  series: (row: T) => string,
  metric: string,
  value: (row: T) => number,
): Trend[] {
  const bySeries = new Map<string, T[]>();
  for (const row of rows) {
    const key = series(row);
    let list = bySeries.get(key);
    if (list === undefined) bySeries.set(key, (list = []));
    list.push(row);
  }
  const trends: Trend[] = [];
  for (const [key, list] of bySeries) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.period.localeCompare(b.period));
    const x = list.map((row) => periodIndex(row.period));
    const y = list.map(value);
    trends.push({
      level,
      key,
      metric,
      periods: list.length,
      first: y[0]!,
      last: y[y.length - 1]!,
      slopePerPeriod: slopeAt(x, y),
    });
  }
  return trends.sort((a, b) => a.key.localeCompare(b.key));
}

/** Least-squares slope for points at arbitrary x; equals `slope` when x = 0, 1, 2, … */
function slopeAt(x: readonly number[], y: readonly number[]): number {
  const x0 = x[0]!;
  if (x.every((value, index) => value - x0 === index)) return slope(y)!;
  const n = x.length;
  const mx = sum(x) / n;
  const my = sum(y) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i]! - mx) * (y[i]! - my);
    den += (x[i]! - mx) ** 2;
  }
  return num / den;
}

/** Months or quarters since year 0, so that gaps between periods count. */
function periodIndex(label: string): number {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) return Number(quarter[1]) * 4 + Number(quarter[2]) - 1;
  const [year, month] = label.split('-').map(Number);
  return year! * 12 + month! - 1;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

export const perEach = (cost: CostBreakdown, n: number): CostBreakdown => ({
  official: cost.official / n,
  unofficial: cost.unofficial / n,
  total: cost.total / n,
});
