import type { Reporter } from './check-network.js';
import { serviceStops } from './services.js';
import type { Link, Network, Service } from './types.js';
import { SERVICE_LINK_MODES } from './vocabulary.js';

/**
 * Checks of services.csv against the rest of the network: every link exists and is of the service's mode, the
 * links follow one another, a capacity in TEU has a t_per_teu to become tonnes, and services sharing a link agree
 * whether they carry all of its traffic.
 */
export function checkServices(
  network: Network,
  linkById: ReadonlyMap<string, Link>,
  unknownLink: (id: string) => string | undefined,
  report: Reporter,
): void {
  const hasTPerTeu = network.parameters.some((parameter) => parameter.key === 't_per_teu');
  const exclusiveOn = new Map<string, Service>();
  const sharedOn = new Map<string, Service>();
  for (const service of network.services) {
    const links: Link[] = [];
    service.links.forEach((id, index) => {
      const link = linkById.get(id);
      if (link === undefined) {
        report(service.origin, `links[${index}]`, unknownLink(id));
        return;
      }
      links.push(link);
      const modes = SERVICE_LINK_MODES[service.mode];
      if (!modes.includes(link.mode))
        report(
          service.origin,
          `links[${index}]`,
          `a ${service.mode} service runs on ${modes.join(' or ')} links, but ${id} is a ${link.mode} link`,
        );
    });
    if (links.length === service.links.length) {
      const chain = serviceStops(links);
      if (chain.stops === undefined) {
        const at = chain.brokenAt;
        report(
          service.origin,
          `links[${at}]`,
          `${service.links[at]} does not continue from ${service.links[at - 1]}: list the links in running order, each sharing a place with the one before`,
        );
      }
    }
    if (service.capacityUnit === 'teu' && !hasTPerTeu)
      report(
        service.origin,
        'capacity_unit',
        'a capacity in TEU needs the parameter t_per_teu in parameters.csv to become tonnes',
      );
    for (const id of service.links) {
      const [same, other] = service.exclusive ? [exclusiveOn, sharedOn] : [sharedOn, exclusiveOn];
      const clash = other.get(id);
      if (clash !== undefined)
        report(
          service.origin,
          'exclusive',
          `${service.exclusive ? 'yes' : 'no'}, but ${clash.id} on the same link ${id} says ${clash.exclusive ? 'yes' : 'no'}: services sharing a link must agree whether they carry all of its traffic`,
        );
      if (!same.has(id)) same.set(id, service);
    }
  }
}
