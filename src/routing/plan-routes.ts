import type { CargoUnit } from '../graph/costs.js';
import { findNode, nodeMissMessage } from '../model/find-node.js';
import { networkIndex } from '../model/network-index.js';
import type { Network } from '../model/types.js';
import { describeRequest } from './describe-request.js';
import type { RouteQuery } from './request-schema.js';
import { RouteRequestError, type RankedRoute, type RouteRequest, type Router } from './router.js';

/** A route query that cannot be answered as asked; `field` names the part of the query at fault, when one is. */
export class RouteQueryError extends Error {
  constructor(
    message: string,
    readonly field?: keyof RouteQuery,
  ) {
    super(message);
    this.name = 'RouteQueryError';
  }
}

/** The network has no route meeting the request: an answer, not a mistake in the query. */
export class NoRouteError extends RouteQueryError {
  constructor(message: string) {
    super(message);
    this.name = 'NoRouteError';
  }
}

export const valueOfTimeKey = (unit: CargoUnit): string => `value_of_time_usd_per_${unit}_h`;

function defaultValueOfTime(network: Network, unit: CargoUnit): number | undefined {
  const { parameters } = networkIndex(network);
  return unit === 't' ? parameters.valueOfTimeUsdPerTH : parameters.valueOfTimeUsdPerTeuH;
}

function nodeId(network: Network, query: string, field: keyof RouteQuery): string {
  const lookup = findNode(network.nodes, query);
  if (lookup.node) return lookup.node.id;
  throw new RouteQueryError(nodeMissMessage(query, lookup.suggestions), field);
}

const linkIdSets = new WeakMap<Network['links'], ReadonlySet<string>>();

/** The ids of a network's links, collected once per network: a server checks avoided links on every request. */
function linkIdsOf(network: Network): ReadonlySet<string> {
  let ids = linkIdSets.get(network.links);
  if (ids === undefined) {
    ids = new Set(network.links.map((link) => link.id));
    linkIdSets.set(network.links, ids);
  }
  return ids;
}

/** Turns a validated query (places by id or name) into a request on node ids, checked against the network. */
export function resolveRouteRequest(network: Network, query: RouteQuery): { request: RouteRequest; unit: CargoUnit } {
  const linkIds = linkIdsOf(network);
  const avoidLinks = query.avoidLink ?? [];
  for (const id of avoidLinks) {
    if (!linkIds.has(id)) throw new RouteQueryError(`unknown link id "${id}"`, 'avoidLink');
  }
  const valueOfTime = query.valueOfTime ?? defaultValueOfTime(network, query.unit);
  if (query.by === 'generalized' && valueOfTime === undefined) {
    throw new RouteQueryError(
      `by generalized needs a value of time (the network has no parameter ${valueOfTimeKey(query.unit)})`,
      'valueOfTime',
    );
  }
  const from = nodeId(network, query.from, 'from');
  const to = nodeId(network, query.to, 'to');
  // A journey back to its start by way of other places is a question; without one, the 0 km answer is no answer.
  if (from === to && (query.via ?? []).length === 0) {
    const name = networkIndex(network).nodeById.get(from)?.name ?? from;
    throw new RouteQueryError(`from and to are the same place, ${name} ("${from}"): choose two different places`, 'to');
  }
  const request: RouteRequest = {
    from,
    to,
    via: (query.via ?? []).map((place) => nodeId(network, place, 'via')),
    criterion: query.by,
    generalized: { valueOfTimeUsdPerH: valueOfTime ?? 0, carbonPriceUsdPerT: query.carbonPrice },
    alternatives: query.alternatives,
    method: query.method,
    ...(query.year === undefined ? {} : { year: query.year }),
    ...(query.modes === undefined || query.modes.length === 0 ? {} : { modes: query.modes }),
    avoidCountries: query.avoidCountry ?? [],
    avoidNodes: (query.avoidNode ?? []).map((place) => nodeId(network, place, 'avoidNode')),
    avoidLinks,
  };
  return { request, unit: query.unit };
}

/**
 * Resolves a query and plans its routes on the router for its cargo unit (compiled once per network and unit by
 * the caller). A query the network cannot answer, "no route" included, is a RouteQueryError.
 */
export function planRoutes(
  network: Network,
  query: RouteQuery,
  routerFor: (unit: CargoUnit) => Router,
): { request: RouteRequest; unit: CargoUnit; routes: RankedRoute[] } {
  const { request, unit } = resolveRouteRequest(network, query);
  let routes: RankedRoute[];
  try {
    routes = routerFor(unit).routes(request);
  } catch (error) {
    if (error instanceof RouteRequestError) throw new RouteQueryError(error.message);
    throw error;
  }
  if (routes.length === 0) throw new NoRouteError(`no route: ${describeRequest(request, network)}`);
  return { request, unit, routes };
}
