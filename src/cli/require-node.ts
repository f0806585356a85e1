import { findNode } from '../model/find-node.js';
import type { Network, NetworkNode } from '../model/types.js';
import { UsageError } from './errors.js';

/** Resolves a place the way a person names it, or fails with the closest names. */
export function requireNode(network: Network, query: string, role?: string): NetworkNode {
  const lookup = findNode(network.nodes, query);
  if (lookup.node) return lookup.node;
  const hint =
    lookup.suggestions.length > 0
      ? `did you mean ${lookup.suggestions.map((node) => `"${node.id}" (${node.name})`).join(', ')}?`
      : '`caravan network summary` lists what the network holds';
  throw new UsageError(`${role === undefined ? '' : `${role}: `}no node matches "${query}"; ${hint}`);
}
