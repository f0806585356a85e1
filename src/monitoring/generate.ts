import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Network, NetworkNode } from '../model/types.js';
import type { Mode } from '../model/vocabulary.js';
import type { RouteReport } from '../routing/report.js';
import { Router } from '../routing/router.js';
import { lognormal, pick, seededRandom, weightedPick, type SeededRandom } from '../numeric/random.js';
import { formatTimestamp, HOUR_MS, type Timestamp } from './timestamp.js';
import type { CheckpointVisit } from './types.js';
import type { DelayReason, ShipmentMode } from './vocabulary.js';
import { lognormalFromMedianP90 } from '../reliability/lognormal.js';
import { networkIndex } from '../model/network-index.js';

/**
 * Synthetic shipment records for demonstrations, tests and benchmarks: SYNTHETIC, never observed. Routes come from
 * the network (fastest and distinct alternative routes between a few origin–destination pairs), dwell at border
 * crossings from a lognormal fitted to each crossing's median and 90th-percentile dwell, travel times from the
 * links' km and speeds with noise. Volumes grow over the period and dwell times fall by about a fifth, so that
 * the indicator trends have something to show.
 */
export interface GenerateOptions {
  /** Number of rows (checkpoint visits); the last shipment is cut short if needed to match exactly. */
  rows: number;
  seed: string | number;
  /** First and last possible departure, ms since the epoch. Default: 2024-01-01 to 2026-10-31. */
  startMs?: number;
  endMs?: number;
  /** Default: the network's region.yaml `synthetic` origins and destinations. */
  origins?: readonly string[];
  destinations?: readonly string[];
}

export const SYNTHETIC_PREFIX = 'SYN-';

/** Standard time offsets in minutes (none of these countries keeps daylight saving time in 2024–2026). */
const UTC_OFFSET_MIN: Readonly<Record<string, number>> = {
  CN: 480,
  KZ: 300,
  KG: 360,
  UZ: 300,
  TJ: 300,
  TM: 300,
  AF: 270,
  IR: 210,
  PK: 300,
  IN: 330,
  OM: 240,
  AE: 240,
  AZ: 240,
  GE: 240,
  AM: 240,
  RU: 180,
  TR: 180,
};

interface CheckpointPlan {
  node: NetworkNode;
  role: 'origin' | 'border' | 'transfer' | 'destination';
  /** Hours of travel from the previous checkpoint at the links' commercial speeds. */
  travelH: number;
  /** Median dwell, and the lognormal parameters to draw it from. */
  dwell: { mu: number; sigma: number };
  /** USD per tonne paid at the checkpoint. */
  usdPerT: number;
  transfer?: 'gauge_change' | 'mode_change';
}

interface RoutePlan {
  corridor: string;
  mode: ShipmentMode;
  checkpoints: CheckpointPlan[];
}

export function generateShipments(network: Network, options: GenerateOptions): CheckpointVisit[] {
  const random = seededRandom(options.seed);
  const synthetic = network.region?.synthetic;
  const origins = options.origins ?? synthetic?.origins;
  const destinations = options.destinations ?? synthetic?.destinations;
  if (origins === undefined || destinations === undefined)
    throw new RangeError('this network names no synthetic origins and destinations (region.yaml, `synthetic`)');
  const plans = routePlans(network, origins, destinations);
  if (plans.length === 0) throw new RangeError('no route between the origins and destinations in this network');
  const startMs = options.startMs ?? Date.UTC(2024, 0, 1);
  const endMs = options.endMs ?? Date.UTC(2026, 9, 31);
  const seedTag =
    String(options.seed)
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 16) || '0';
  const visits: CheckpointVisit[] = [];
  for (let index = 1; visits.length < options.rows; index++) {
    const plan = pick(random, plans);
    const growth = growingVolume(random.next(), 1);
    const departMs = startMs + growth * (endMs - startMs);
    const shipment = oneShipment(
      random,
      plan,
      `${SYNTHETIC_PREFIX}${seedTag}-${String(index).padStart(6, '0')}`,
      departMs,
      growth,
    );
    visits.push(...shipment.slice(0, options.rows - visits.length));
  }
  return visits;
}

/**
 * Where in the period (0…1) a shipment departs when volume grows linearly to (1 + growth) times its initial level:
 * the inverse of the cumulative share F(u) = (u + growth·u²/2) / (1 + growth/2).
 */
function growingVolume(r: number, growth: number): number {
  return (-1 + Math.sqrt(1 + 2 * growth * r * (1 + growth / 2))) / growth;
}

function oneShipment(
  random: SeededRandom,
  plan: RoutePlan,
  id: string,
  departMs: number,
  progress: number,
): CheckpointVisit[] {
  const containerised = random.next() < 0.5;
  const rail = plan.mode !== 'road';
  const teu = containerised
    ? rail
      ? 1 + Math.floor(random.next() * 4)
      : 1 + Math.floor(random.next() * 2)
    : undefined;
  const cargoT = round(
    teu !== undefined ? teu * (8 + random.next() * 8) : rail ? 50 + random.next() * 18 : 15 + random.next() * 9,
    1,
  );
  const commodity = syntheticCommodity(id, teu !== undefined, rail);
  // Synthetic improvement: dwell 10 % above the network's figures at the start, 10 % below at the end.
  const dwellFactor = 1.1 - 0.2 * progress;
  const visits: CheckpointVisit[] = [];
  let clock = departMs;
  plan.checkpoints.forEach((checkpoint, seq) => {
    const offset = UTC_OFFSET_MIN[checkpoint.node.country] ?? 0;
    if (checkpoint.role === 'origin') {
      clock -= lognormal(random, checkpoint.dwell.mu, checkpoint.dwell.sigma) * HOUR_MS;
    } else {
      clock += checkpoint.travelH * lognormal(random, 0, 0.15) * HOUR_MS;
    }
    const arrival = minuteStamp(clock, offset);
    const dwellH =
      checkpoint.role === 'origin'
        ? (departMs - clock) / HOUR_MS
        : lognormal(random, checkpoint.dwell.mu, checkpoint.dwell.sigma) *
          (checkpoint.role === 'border' ? dwellFactor : 1);
    clock = arrival.ms + Math.max(dwellH, 0.25) * HOUR_MS;
    const departure = minuteStamp(clock, offset);
    clock = departure.ms;
    const paid = checkpoint.usdPerT * cargoT * lognormal(random, 0, 0.2);
    const unofficialShare = checkpoint.role === 'border' && random.next() < 0.4 ? random.next() * 0.3 : 0;
    const median = Math.exp(checkpoint.dwell.mu);
    visits.push({
      shipmentId: id,
      corridor: plan.corridor,
      mode: plan.mode,
      cargoT,
      ...(teu === undefined ? {} : { teu }),
      synthetic: true,
      commodity,
      seq: seq + 1,
      node: checkpoint.node.id,
      arrival,
      departure,
      officialCostUsd: round(paid * (1 - unofficialShare), 2),
      unofficialCostUsd: round(paid * unofficialShare, 2),
      delayReason: delayReason(random, checkpoint, dwellH / median),
    });
  });
  return visits;
}

function delayReason(random: SeededRandom, checkpoint: CheckpointPlan, ratioToMedian: number): DelayReason {
  if (checkpoint.role === 'transfer') return checkpoint.transfer === 'gauge_change' ? 'gauge_change' : 'transshipment';
  if (checkpoint.role !== 'border' || ratioToMedian < 1.5) return 'none';
  return weightedPick(random, [
    ['customs', 0.35],
    ['queue', 0.3],
    ['documents', 0.2],
    ['inspection', 0.15],
  ] as const);
}

/** Timestamps to the minute, as people record them. */
function minuteStamp(ms: number, offsetMin: number): Timestamp {
  const rounded = Math.round(ms / 60_000) * 60_000;
  return { ms: rounded, offsetMin, text: formatTimestamp(rounded, offsetMin) };
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The fastest and two distinct alternative routes of each origin–destination pair, as checkpoint plans. */
export function routePlans(network: Network, origins: readonly string[], destinations: readonly string[]): RoutePlan[] {
  const nodes = networkIndex(network).nodeById;
  // Corridors a route is filed under, most specific first; otherwise the corridor with the most km.
  const priority = network.region?.synthetic?.corridorPriority ?? [];
  const router = new Router(compileMultimodalGraph(network, 't'));
  const plans: RoutePlan[] = [];
  for (const from of origins) {
    for (const to of destinations) {
      if (!nodes.has(from) || !nodes.has(to) || from === to) continue;
      for (const route of router.routes({ from, to, criterion: 'time', alternatives: 3 })) {
        const plan = planOf(route, nodes, priority);
        if (plan !== undefined) plans.push(plan);
      }
    }
  }
  return plans;
}

const fixedDwell = (medianH: number, sigma: number) => ({ mu: Math.log(Math.max(medianH, 0.25)), sigma });

function planOf(
  route: RouteReport,
  nodes: ReadonlyMap<string, NetworkNode>,
  priority: readonly string[],
): RoutePlan | undefined {
  const checkpoints: CheckpointPlan[] = [
    { node: nodes.get(route.from)!, role: 'origin', travelH: 0, dwell: fixedDwell(6, 0.6), usdPerT: 0 },
  ];
  const kmByCorridor = new Map<string, number>();
  const modes = new Set<Mode>();
  let travelH = 0;
  for (const step of route.steps) {
    if (step.kind === 'leg') {
      travelH += step.hours;
      modes.add(step.mode);
      for (const corridor of step.corridors) kmByCorridor.set(corridor, (kmByCorridor.get(corridor) ?? 0) + step.km);
      continue;
    }
    const last = checkpoints[checkpoints.length - 1]!;
    if (step.kind === 'handling') {
      // Loading at the origin port or unloading at the destination port: part of that checkpoint's dwell.
      if (step.operation === 'load') {
        last.dwell = fixedDwell(Math.exp(last.dwell.mu) + step.hours, 0.5);
        last.usdPerT += step.usd;
      }
      continue;
    }
    const node = nodes.get(step.node)!;
    const dwell =
      step.kind === 'border'
        ? lognormalFromMedianP90(node.border!.dwellMedianH, node.border!.dwellP90H)
        : fixedDwell(step.hours, 0.5);
    if (last.node.id === node.id && last.role !== 'origin') {
      // A border post where the gauge also changes: one visit, both dwell times.
      last.dwell = {
        mu: Math.log(Math.exp(last.dwell.mu) + Math.exp(dwell.mu)),
        sigma: Math.max(last.dwell.sigma, dwell.sigma),
      };
      last.usdPerT += step.usd;
      if (step.kind === 'transfer') last.transfer = step.transfer;
      continue;
    }
    checkpoints.push({
      node,
      role: step.kind === 'border' ? 'border' : 'transfer',
      travelH,
      dwell,
      usdPerT: step.usd,
      ...(step.kind === 'transfer' ? { transfer: step.transfer } : {}),
    });
    travelH = 0;
  }
  const unload = route.steps.filter((step) => step.kind === 'handling' && step.operation === 'unload');
  const unloadH = unload.reduce((sum, step) => sum + step.hours, 0);
  checkpoints.push({
    node: nodes.get(route.to)!,
    role: 'destination',
    travelH,
    dwell: fixedDwell(8 + unloadH, 0.5),
    usdPerT: unload.reduce((sum, step) => sum + step.usd, 0),
  });
  const corridor = priority.find((id) => kmByCorridor.has(id)) ?? [...kmByCorridor].sort((a, b) => b[1] - a[1])[0]?.[0];
  // A route on links of no corridor cannot be filed under one: leave it out.
  if (corridor === undefined) return undefined;
  const mode: ShipmentMode = modes.size === 1 ? [...modes][0]! : 'multimodal';
  return { corridor, mode, checkpoints };
}

const RAIL_BULK = ['grain', 'metals_minerals', 'oil_products'] as const;

/**
 * What a synthetic shipment carries: containers when it has TEU, else a bulk commodity for rail and general cargo
 * for road. Picked from the id, not drawn, so that the random stream (and every generated file) stays as it was.
 */
function syntheticCommodity(id: string, containerised: boolean, rail: boolean): string {
  if (containerised) return 'containers';
  if (!rail) return 'other';
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return RAIL_BULK[hash % RAIL_BULK.length]!;
}
