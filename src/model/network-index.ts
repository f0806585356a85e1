import { NETWORK_PARAMETERS, parameterValue, requiredParameter } from './parameters.js';
import { servicesByLink, type LinkServices } from './services.js';
import type { Link, Network, NetworkNode } from './types.js';

/** The network's parameters.csv as typed values, defaults applied (see NETWORK_PARAMETERS for units and ranges). */
export interface NetworkParameters {
  /** Needed to cost per TEU; absent: TEU costing is unavailable. */
  tPerTeu?: number;
  /** Needed to rank by generalized cost per tonne or per TEU; absent: that criterion is unavailable. */
  valueOfTimeUsdPerTH?: number;
  valueOfTimeUsdPerTeuH?: number;
  handlingP90Ratio: number;
  runningP90Ratio: number;
}

/** Lookups every consumer of a network needs, built once per network instead of once per call. */
export interface NetworkIndex {
  nodeById: ReadonlyMap<string, NetworkNode>;
  /** Position of each node in `network.nodes`: what compiled graphs and flow arrays are indexed by. */
  nodeIndex: ReadonlyMap<string, number>;
  linkById: ReadonlyMap<string, Link>;
  parameters: NetworkParameters;
  /** The scheduled services on each link id (services.csv), summed per direction. */
  linkServices: ReadonlyMap<string, LinkServices>;
}

/**
 * Why lazily, keyed by identity: a Network is an immutable value. The loaders build one, and scenario levers derive a
 * new object (`{ ...network, links: … }`) instead of editing one in place, so an index cached against the object it
 * was built from can never describe another version of the network, and no caller has to remember to rebuild or pass
 * it along. The WeakMap lets an index go with its network. Code that mutates a loaded network's arrays would break
 * this; nothing does, and nothing should.
 */
const indexes = new WeakMap<Network, NetworkIndex>();

export function networkIndex(network: Network): NetworkIndex {
  let index = indexes.get(network);
  if (index === undefined) {
    index = buildIndex(network);
    indexes.set(network, index);
  }
  return index;
}

function buildIndex(network: Network): NetworkIndex {
  const rows = network.parameters;
  const parameters: NetworkParameters = {
    handlingP90Ratio: requiredParameter(rows, NETWORK_PARAMETERS.handlingP90Ratio),
    runningP90Ratio: requiredParameter(rows, NETWORK_PARAMETERS.runningP90Ratio),
  };
  const tPerTeu = parameterValue(rows, NETWORK_PARAMETERS.tPerTeu);
  if (tPerTeu !== undefined) parameters.tPerTeu = tPerTeu;
  const perT = parameterValue(rows, NETWORK_PARAMETERS.valueOfTimeUsdPerTH);
  if (perT !== undefined) parameters.valueOfTimeUsdPerTH = perT;
  const perTeu = parameterValue(rows, NETWORK_PARAMETERS.valueOfTimeUsdPerTeuH);
  if (perTeu !== undefined) parameters.valueOfTimeUsdPerTeuH = perTeu;
  return {
    nodeById: new Map(network.nodes.map((node) => [node.id, node])),
    nodeIndex: new Map(network.nodes.map((node, index) => [node.id, index])),
    linkById: new Map(network.links.map((link) => [link.id, link])),
    parameters,
    linkServices: servicesByLink(network.services, parameters.tPerTeu),
  };
}
