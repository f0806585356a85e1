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

/**
 * Finds a node the way a person names it: by id or name, ignoring case, accents and punctuation
 * ("Bandar Abbas", "bandar-abbas", "BANDAR_ABBAS"). When nothing matches, the closest names are suggested.
 */
export function findNode(nodes: readonly NetworkNode[], query: string): NodeLookup {
  const wanted = normalize(query);
  const exact = nodes.find((node) => normalize(node.id) === wanted || normalize(node.name) === wanted);
  if (exact) return { node: exact };
  const prefixed = nodes.filter(
    (node) => normalize(node.name).startsWith(wanted) || normalize(node.id).startsWith(wanted),
  );
  if (prefixed.length === 1 && prefixed[0]) return { node: prefixed[0] };
  if (prefixed.length > 1) return { suggestions: prefixed.slice(0, 5) };
  const byKey = new Map<string, NetworkNode>();
  for (const node of nodes) {
    byKey.set(normalize(node.id), node);
    byKey.set(normalize(node.name), node);
  }
  const closest = closestMatch(wanted, byKey.keys());
  const suggestion = closest === undefined ? undefined : byKey.get(closest);
  return { suggestions: suggestion ? [suggestion] : [] };
}

/** What to tell a person whose query matched no node: the closest names, when there are any. */
export function nodeMissMessage(query: string, suggestions: readonly NetworkNode[]): string {
  const miss = `no node matches "${query}"`;
  if (suggestions.length === 0) return miss;
  return `${miss}; did you mean ${suggestions.map((node) => `"${node.id}" (${node.name})`).join(', ')}?`;
}
