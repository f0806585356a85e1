import { closestMatch } from './text.js';
import type { NetworkNode } from './types.js';

export type NodeLookup = { node: NetworkNode } | { node?: undefined; suggestions: NetworkNode[] };

/** How names are compared: without case, accents or punctuation. */
export const normalize = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The normalized names of a network's nodes, computed once: a server looks places up on every request. */
export interface NameIndex {
  /** Normalized id or name → the first node (in network order) that has it. */
  readonly exact: ReadonlyMap<string, NetworkNode>;
  /** Normalized id and name of each node, in network order. */
  readonly keys: readonly { node: NetworkNode; id: string; name: string }[];
  /** Every normalized id and name → the last node that has it, in first-seen order: the "did you mean" candidates. */
  readonly suggestions: ReadonlyMap<string, NetworkNode>;
}

const indexes = new WeakMap<readonly NetworkNode[], NameIndex>();

/** The name index of a list of nodes, built on first use and kept as long as the list lives. */
export function nameIndex(nodes: readonly NetworkNode[]): NameIndex {
  let index = indexes.get(nodes);
  if (index === undefined) {
    const exact = new Map<string, NetworkNode>();
    const suggestions = new Map<string, NetworkNode>();
    const keys = nodes.map((node) => {
      const id = normalize(node.id);
      const name = normalize(node.name);
      if (!exact.has(id)) exact.set(id, node);
      if (!exact.has(name)) exact.set(name, node);
      suggestions.set(id, node);
      suggestions.set(name, node);
      return { node, id, name };
    });
    index = { exact, keys, suggestions };
    indexes.set(nodes, index);
  }
  return index;
}

/**
 * Finds a node the way a person names it: by id or name, ignoring case, accents and punctuation
 * ("Bandar Abbas", "bandar-abbas", "BANDAR_ABBAS"). When nothing matches, the closest names are suggested.
 */
export function findNode(nodes: readonly NetworkNode[], query: string): NodeLookup {
  const wanted = normalize(query);
  const index = nameIndex(nodes);
  const exact = index.exact.get(wanted);
  if (exact) return { node: exact };
  const prefixed = index.keys.filter((key) => key.name.startsWith(wanted) || key.id.startsWith(wanted));
  if (prefixed.length === 1 && prefixed[0]) return { node: prefixed[0].node };
  if (prefixed.length > 1) return { suggestions: prefixed.slice(0, 5).map((key) => key.node) };
  const closest = closestMatch(wanted, index.suggestions.keys());
  const suggestion = closest === undefined ? undefined : index.suggestions.get(closest);
  return { suggestions: suggestion ? [suggestion] : [] };
}

/** What to tell a person whose query matched no node: the closest names, when there are any. */
export function nodeMissMessage(query: string, suggestions: readonly NetworkNode[]): string {
  const miss = `no node matches "${query}"`;
  if (suggestions.length === 0) return miss;
  return `${miss}; did you mean ${suggestions.map((node) => `"${node.id}" (${node.name})`).join(', ')}?`;
}
