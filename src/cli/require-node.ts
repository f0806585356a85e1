import { findNode, nodeMissMessage } from '../model/find-node.js';
import type { Network, NetworkNode } from '../model/types.js';
import { UsageError } from './errors.js';

/** Resolves a place the way a person names it, or fails with the closest names. */
export function requireNode(network: Network, query: string, role?: string): NetworkNode {
  const lookup = findNode(network.nodes, query);
  if (lookup.node) return lookup.node;
  const message =
    lookup.suggestions.length > 0
      ? nodeMissMessage(query, lookup.suggestions)
      : `${nodeMissMessage(query, [])}; \`caravan network summary\` lists what the network holds`;
  throw new UsageError(`${role === undefined ? '' : `${role}: `}${message}`);
}
