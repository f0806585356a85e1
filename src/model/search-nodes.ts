import { normalize } from './find-node.js';
import type { NetworkNode } from './types.js';

/** How well a node matches: exact id or name, then a name that starts with the query, a word of it, anywhere. */
function matchRank(node: NetworkNode, wanted: string): number | undefined {
  const id = normalize(node.id);
  const name = normalize(node.name);
  if (id === wanted || name === wanted) return 0;
  if (name.startsWith(wanted) || id.startsWith(wanted)) return 1;
  if (name.split(' ').some((word) => word.startsWith(wanted))) return 2;
  if (name.includes(wanted) || id.includes(wanted)) return 3;
  return undefined;
}

/**
 * Nodes for a search box, best matches first (ties by name). An empty query lists every node by name, so a picker
 * can show what there is before anything is typed.
 */
export function searchNodes(nodes: readonly NetworkNode[], query: string, limit: number): NetworkNode[] {
  const wanted = normalize(query);
  const ranked = nodes.flatMap((node) => {
    const rank = wanted === '' ? 0 : matchRank(node, wanted);
    return rank === undefined ? [] : [{ node, rank }];
  });
  ranked.sort((a, b) => a.rank - b.rank || a.node.name.localeCompare(b.node.name, 'en'));
  return ranked.slice(0, limit).map(({ node }) => node);
}
