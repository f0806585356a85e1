import { writeFileSync } from 'node:fs';

/** Link endpoints (0-based node ids) in the order the volumes and costs are given. */
export interface LinkEnds {
  tail: ArrayLike<number>;
  head: ArrayLike<number>;
}

/** `from,to,volume,cost` with 1-based node ids, full precision (round-trips through `Number`). */
export function formatFlowsCsv(links: LinkEnds, volume: ArrayLike<number>, cost: ArrayLike<number>): string {
  const rows = ['from,to,volume,cost'];
  for (let k = 0; k < volume.length; k++) {
    rows.push(`${links.tail[k]! + 1},${links.head[k]! + 1},${volume[k]},${cost[k]}`);
  }
  return `${rows.join('\n')}\n`;
}

/** The TNTP best-known-flow layout: a `From To Volume Cost` header and tab-separated rows. */
export function formatTntpFlows(links: LinkEnds, volume: ArrayLike<number>, cost: ArrayLike<number>): string {
  const rows = ['From \tTo \tVolume \tCost '];
  for (let k = 0; k < volume.length; k++) {
    rows.push(`${links.tail[k]! + 1} \t${links.head[k]! + 1} \t${volume[k]} \t${cost[k]} `);
  }
  return `${rows.join('\n')}\n`;
}

/** Writes flows as TNTP when the path ends in `.tntp`, else as CSV. */
export function writeFlowsFile(
  path: string,
  links: LinkEnds,
  volume: ArrayLike<number>,
  cost: ArrayLike<number>,
): void {
  const text = path.toLowerCase().endsWith('.tntp')
    ? formatTntpFlows(links, volume, cost)
    : formatFlowsCsv(links, volume, cost);
  writeFileSync(path, text);
}
