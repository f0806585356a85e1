import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Link, Network } from '../model/types.js';
import type { Mode } from '../model/vocabulary.js';
import { planRoutes } from '../routing/plan-routes.js';
import type { RouteStep } from '../routing/report.js';
import { routeQuerySchema } from '../routing/request-schema.js';
import { Router } from '../routing/router.js';
import { ROUTE_RELIABILITY_DEFAULTS, routeReliability } from './route-reliability.js';

/**
 * How far outside a published range a modeled time may fall and still agree: published times are single runs or
 * announcements, so the range is widened by this share on both sides (docs/validation.md).
 */
export const OBSERVED_TIME_TOLERANCE = 0.25;

/** What the comparison needs of a published time: where, by which modes and places, and how many days. */
export interface PublishedTime {
  id: string;
  from: string;
  to: string;
  modes: readonly Mode[];
  via: readonly string[];
  daysLow: number;
  daysHigh: number;
  /**
   * `end-to-end`: the whole route as planned (handling, waits, borders); `scheduled`: the same without the wait for
   * departures, for a carrier's departure-to-arrival time on a booked sailing; `in-motion`: only the running time of
   * its links, for a published crossing time that leaves out the wait for a departure and port handling.
   */
  scope: ObservedTimeScope;
}

export const OBSERVED_TIME_SCOPES = ['end-to-end', 'scheduled', 'in-motion'] as const;
export type ObservedTimeScope = (typeof OBSERVED_TIME_SCOPES)[number];

export type ObservedTimeComparison =
  | { id: string; status: 'skipped'; reason: string }
  | {
      id: string;
      status: 'compared';
      nodes: string[];
      plannedDays: number;
      p50Days: number;
      /** The accepted range: the published one widened by the tolerance. */
      acceptedDays: [number, number];
      plannedWithin: boolean;
      p50Within: boolean;
      /** Signed distance of the P50 from the published range, as a share of its nearer end (0 inside it). */
      p50Error: number;
    };

/** Hours spent moving on the route's links: length over speed, without the wait for a scheduled departure. */
function runningHours(steps: readonly RouteStep[], linkById: ReadonlyMap<string, Link>): number {
  let hours = 0;
  for (const step of steps) {
    if (step.kind !== 'leg') continue;
    const link = linkById.get(step.link)!;
    hours += link.km / link.speedKmh;
  }
  return hours;
}

const legHours = (steps: readonly RouteStep[]): number =>
  steps.reduce((sum, step) => (step.kind === 'leg' ? sum + step.hours : sum), 0);

export function acceptedDays(row: Pick<PublishedTime, 'daysLow' | 'daysHigh'>): [number, number] {
  return [row.daysLow * (1 - OBSERVED_TIME_TOLERANCE), row.daysHigh * (1 + OBSERVED_TIME_TOLERANCE)];
}

const errorAgainst = (days: number, low: number, high: number): number =>
  days < low ? (days - low) / low : days > high ? (days - high) / high : 0;

/**
 * Routes each published time by time, with its modes and via places, and compares the planned time and the
 * simulated P50 with the published range. A row naming a place the network does not have is skipped with the
 * reason, so that rows for corridors still being added wait for their nodes instead of failing.
 */
export function compareObservedTimes(network: Network, rows: readonly PublishedTime[]): ObservedTimeComparison[] {
  const nodeIds = new Set(network.nodes.map((node) => node.id));
  const router = new Router(compileMultimodalGraph(network, 't'));
  const linkById = new Map(network.links.map((link) => [link.id, link]));
  return rows.map((row): ObservedTimeComparison => {
    const missing = [row.from, ...row.via, row.to].filter((id) => !nodeIds.has(id));
    if (missing.length > 0)
      return { id: row.id, status: 'skipped', reason: `not in the network yet: ${missing.join(', ')}` };
    const query = routeQuerySchema.parse({
      from: row.from,
      to: row.to,
      by: 'time',
      ...(row.modes.length === 0 ? {} : { modes: [...row.modes] }),
      ...(row.via.length === 0 ? {} : { via: [...row.via] }),
    });
    const [route] = planRoutes(network, query, () => router).routes;
    let plannedDays: number;
    let p50Days: number;
    if (row.scope === 'in-motion') {
      // Running time has no spread in the reliability model, so its P50 is the planned figure.
      plannedDays = runningHours(route!.steps, linkById) / 24;
      p50Days = plannedDays;
    } else {
      const reliability = routeReliability(network, route!, ROUTE_RELIABILITY_DEFAULTS);
      // A booked departure is not waited for; the wait is a fixed share of a leg's hours, so it comes off the P50 too.
      const waitH = row.scope === 'scheduled' ? legHours(route!.steps) - runningHours(route!.steps, linkById) : 0;
      plannedDays = (reliability.deterministicH - waitH) / 24;
      p50Days = (reliability.p50H - waitH) / 24;
    }
    const [low, high] = acceptedDays(row);
    return {
      id: row.id,
      status: 'compared',
      nodes: route!.nodes,
      plannedDays,
      p50Days,
      acceptedDays: [low, high],
      plannedWithin: plannedDays >= low && plannedDays <= high,
      p50Within: p50Days >= low && p50Days <= high,
      p50Error: errorAgainst(p50Days, row.daysLow, row.daysHigh),
    };
  });
}
