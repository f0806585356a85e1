import type { Criterion } from './criteria.js';
import type { RouteRequest } from './router.js';

const CRITERION_LABEL: Record<Criterion, string> = {
  time: 'fastest',
  cost: 'cheapest',
  co2: 'lowest CO2e',
  distance: 'shortest',
  generalized: 'lowest generalized cost',
};

/** Enough of a network to name its places. */
export interface PlaceNames {
  nodes: readonly { id: string; name: string }[];
}

const namers = new WeakMap<PlaceNames['nodes'], (id: string) => string>();

/** The name of a place by id (the id itself when unknown), indexed once per list of nodes: reports ask per step. */
export function nameOf(network: PlaceNames): (id: string) => string {
  let namer = namers.get(network.nodes);
  if (namer === undefined) {
    const names = new Map(network.nodes.map((node) => [node.id, node.name]));
    namer = (id) => names.get(id) ?? id;
    namers.set(network.nodes, namer);
  }
  return namer;
}

/** A request in words: "Almaty → Bandar Abbas: by time (fastest first); network of today (operational links)". */
export function describeRequest(request: RouteRequest, network: PlaceNames): string {
  const name = nameOf(network);
  const constraints = [
    `by ${request.criterion} (${CRITERION_LABEL[request.criterion]} first)`,
    request.year === undefined ? 'network of today (operational links)' : `network of ${request.year}`,
    request.modes ? `modes ${request.modes.join(', ')}` : '',
    request.via && request.via.length > 0 ? `via ${request.via.map(name).join(', ')}` : '',
    request.avoidCountries && request.avoidCountries.length > 0 ? `avoiding ${request.avoidCountries.join(', ')}` : '',
    request.avoidNodes && request.avoidNodes.length > 0 ? `avoiding ${request.avoidNodes.map(name).join(', ')}` : '',
  ].filter((part) => part !== '');
  return `${name(request.from)} → ${name(request.to)}: ${constraints.join('; ')}`;
}
