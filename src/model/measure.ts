import { networkIndex } from './network-index.js';
import type { Network } from './types.js';
import type { Mode } from './vocabulary.js';

export const MEASURE_KINDS = ['gateway', 'busiest_section'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Which crossings of the `crossing` country's frontier count: both, only into the country, only out of it. */
export const MEASURE_DIRECTIONS = ['both', 'into', 'out_of'] as const;
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];

/**
 * Which link directions a throughput measure counts (region.yaml, docs/data-format.md). The candidate links are
 * `links` when given, else every link tagged `corridor`; `modes` keeps those of the modes; `crossing` keeps those that
 * cross that country's frontier (one end inside, one outside) and gives `direction` its meaning.
 */
export interface MeasureSelection {
  kind: MeasureKind;
  corridor: string;
  links?: string[];
  crossing?: string;
  modes?: Mode[];
  direction: MeasureDirection;
}

/** A link the measure counts, with the directions it counts (forward = from → to as the link is written). */
export interface MeasureLink {
  index: number;
  forward: boolean;
  backward: boolean;
}

/** The links and directions a measure counts on a network. Closed links are included: they simply carry nothing. */
export function measureLinks(network: Network, selection: MeasureSelection): MeasureLink[] {
  const { nodeById } = networkIndex(network);
  const listed = selection.links === undefined ? undefined : new Set(selection.links);
  const result: MeasureLink[] = [];
  network.links.forEach((link, index) => {
    if (listed === undefined ? !link.corridors.includes(selection.corridor) : !listed.has(link.id)) return;
    if (selection.modes !== undefined && !selection.modes.includes(link.mode)) return;
    if (selection.crossing === undefined) {
      result.push({ index, forward: true, backward: true });
      return;
    }
    const fromInside = nodeById.get(link.from)?.country === selection.crossing;
    const toInside = nodeById.get(link.to)?.country === selection.crossing;
    if (fromInside === toInside) return;
    const { direction } = selection;
    result.push({
      index,
      forward: direction === 'both' || (direction === 'into') === toInside,
      backward: direction === 'both' || (direction === 'into') === fromInside,
    });
  });
  return result;
}

/**
 * A measure's throughput from tonnes per link and direction: the sum over its counted links (gateway) or its busiest
 * counted link (busiest_section), with that link's id.
 */
export function measureThroughput(
  network: Network,
  selection: MeasureSelection,
  forward: ArrayLike<number>,
  backward: ArrayLike<number>,
): { mt: number; link: string | null } {
  let sum = 0;
  let best: { mt: number; link: string | null } = { mt: 0, link: null };
  for (const counted of measureLinks(network, selection)) {
    const mt = (counted.forward ? forward[counted.index]! : 0) + (counted.backward ? backward[counted.index]! : 0);
    sum += mt;
    if (mt > best.mt) best = { mt, link: network.links[counted.index]!.id };
  }
  return selection.kind === 'gateway' ? { mt: sum, link: null } : best;
}
