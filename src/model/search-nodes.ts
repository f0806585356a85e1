import { nameIndex, normalize } from './find-node.js';
import type { NetworkNode } from './types.js';

/** How well a node matches: exact id or name, then a name that starts with the query, a word of it, anywhere. */
function matchRank(id: string, name: string, wanted: string): number | undefined {
  if (id === wanted || name === wanted) return 0;
  if (name.startsWith(wanted) || id.startsWith(wanted)) return 1;
  // A word of the name starts with the query; words hold no spaces, so neither can such a query.
  if (!wanted.includes(' ') && name.includes(` ${wanted}`)) return 2;
  if (name.includes(wanted) || id.includes(wanted)) return 3;
  return undefined;
}

const byName = new Intl.Collator('en').compare;

/**
 * Nodes for a search box, best matches first (ties by name). An empty query lists every node by name, so a picker
 * can show what there is before anything is typed. Names are normalized once per network (nameIndex).
 */
export function searchNodes(nodes: readonly NetworkNode[], query: string, limit: number): NetworkNode[] {
  const wanted = normalize(query);
  const ranked: { node: NetworkNode; rank: number }[] = [];
  for (const key of nameIndex(nodes).keys) {
    const rank = wanted === '' ? 0 : matchRank(key.id, key.name, wanted);
    if (rank !== undefined) ranked.push({ node: key.node, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || byName(a.node.name, b.node.name));
  return ranked.slice(0, limit).map(({ node }) => node);
}
