import type { Link, Service } from './types.js';

export const HOURS_PER_WEEK = 168;
/** Departures per week are a year's average (laid-up vessels and storm days included), so a year has 365/7 weeks. */
export const WEEKS_PER_YEAR = 365 / 7;

/** What the scheduled services on one link add up to, per direction. */
export interface LinkServices {
  /** Ids of the services on the link, in the order of services.csv. */
  services: string[];
  /** Departures the link's cargo can take (services with sets_wait): they set the headway. */
  departuresPerWeek: number;
  /** Tonnes per week each way; undefined when a capacity is in TEU and the network has no t_per_teu. */
  tonnesPerWeek: number | undefined;
  /** Some service on the link carries all its traffic (services.csv `exclusive`). */
  exclusive: boolean;
  /** The longest queue for space of the link's services, hours beyond half the headway (0 when none is given). */
  queueH: number;
}

/** A service's tonnes per departure: TEU count × tonnes per loaded TEU. */
export function tonnesPerDeparture(service: Service, tPerTeu: number | undefined): number | undefined {
  if (service.capacityUnit === 't') return service.capacityPerDeparture;
  return tPerTeu === undefined ? undefined : service.capacityPerDeparture * tPerTeu;
}

/** A service's capacity each way in Mt per year. */
export function serviceMtPerYear(service: Service, tPerTeu: number | undefined): number | undefined {
  const tonnes = tonnesPerDeparture(service, tPerTeu);
  return tonnes === undefined ? undefined : (tonnes * service.departuresPerWeek * WEEKS_PER_YEAR) / 1e6;
}

/** Tonnes per week each way as Mt per year. */
export const weeklyTonnesToMtPerYear = (tonnesPerWeek: number): number => (tonnesPerWeek * WEEKS_PER_YEAR) / 1e6;

/**
 * The mean wait for a departure at a headway of 168 / departures hours: a shipper who turns up at a random time
 * waits half the headway when departures are evenly spaced.
 */
export const meanWaitH = (departuresPerWeek: number): number => HOURS_PER_WEEK / departuresPerWeek / 2;

/**
 * The mean wait for a departure on a link, hours: half the interval of effectiveIntervalH, plus the queue for space
 * of an exclusive service.
 */
export function linkWaitH(link: Link, services: LinkServices | undefined, waterLink: boolean): number {
  const intervalH = effectiveIntervalH(link, services);
  const exclusive = services?.exclusive === true;
  const headwayWait = intervalH !== undefined && (exclusive || waterLink) ? intervalH / 2 : 0;
  return headwayWait + (exclusive ? services.queueH : 0);
}

/**
 * The interval between departures on a link that the link's cost uses (its wait is half of it), or undefined for no
 * wait. An exclusive service's headway replaces the link's own `service_interval_h`; a shared one can only shorten
 * a sailing interval the link already has (tramp ships or other trains keep running beside it).
 */
export function effectiveIntervalH(link: Link, services: LinkServices | undefined): number | undefined {
  if (services === undefined || services.departuresPerWeek === 0) return link.serviceIntervalH;
  const headway = HOURS_PER_WEEK / services.departuresPerWeek;
  if (services.exclusive) return headway;
  return link.serviceIntervalH === undefined ? undefined : Math.min(link.serviceIntervalH, headway);
}

/** Sums the services of a network per link id. */
export function servicesByLink(services: readonly Service[], tPerTeu: number | undefined): Map<string, LinkServices> {
  const byLink = new Map<string, LinkServices>();
  for (const service of services) {
    const tonnes = tonnesPerDeparture(service, tPerTeu);
    for (const id of service.links) {
      const entry = byLink.get(id) ?? {
        services: [],
        departuresPerWeek: 0,
        tonnesPerWeek: 0,
        exclusive: false,
        queueH: 0,
      };
      entry.queueH = Math.max(entry.queueH, service.queueH ?? 0);
      entry.services.push(service.id);
      if (service.setsWait) entry.departuresPerWeek += service.departuresPerWeek;
      entry.tonnesPerWeek =
        entry.tonnesPerWeek === undefined || tonnes === undefined
          ? undefined
          : entry.tonnesPerWeek + tonnes * service.departuresPerWeek;
      entry.exclusive ||= service.exclusive;
      byLink.set(id, entry);
    }
  }
  return byLink;
}

/**
 * The places a service calls at or passes, in running order: the chain of its links' ends. Undefined, with the
 * position of the first link that does not continue the chain, when two consecutive links share no node.
 */
export function serviceStops(
  links: readonly Pick<Link, 'from' | 'to'>[],
): { stops: string[] } | { brokenAt: number; stops?: undefined } {
  const first = links[0];
  if (first === undefined) return { stops: [] };
  const second = links[1];
  // The first link runs away from the node it shares with the second (either way round for a one-link service).
  let start = first.from;
  if (second !== undefined && (first.from === second.from || first.from === second.to)) start = first.to;
  const stops = [start];
  let at = start;
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    if (link.from === at) at = link.to;
    else if (link.to === at) at = link.from;
    else return { brokenAt: i };
    stops.push(at);
  }
  return { stops };
}
