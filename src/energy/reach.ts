import type { EnergyLink, SwapLeg } from './types.js';

/**
 * The links a leg can route over: those on some path from one of its start points to one of its end points over
 * links of its commodity (both ways on two-way links). A link outside this set can never carry the leg's flow.
 */
export function legLinks(links: readonly EnergyLink[], leg: SwapLeg): Set<number> {
  const arcs: { from: string; to: string; link: number }[] = [];
  links.forEach((link, index) => {
    if (link.commodity !== leg.commodity) return;
    arcs.push({ from: link.from, to: link.to, link: index });
    if (link.bidirectional) arcs.push({ from: link.to, to: link.from, link: index });
  });
  const reached = spread(leg.from, arcs, 'from', 'to');
  const reaching = spread(leg.to, arcs, 'to', 'from');
  const usable = new Set<number>();
  for (const arc of arcs) if (reached.has(arc.from) && reaching.has(arc.to)) usable.add(arc.link);
  return usable;
}

/** Every point reachable from `starts` following arcs from `tail` to `head`. */
function spread(
  starts: readonly string[],
  arcs: readonly { from: string; to: string }[],
  tail: 'from' | 'to',
  head: 'from' | 'to',
): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    const point = queue.pop()!;
    for (const arc of arcs) {
      if (arc[tail] !== point || seen.has(arc[head])) continue;
      seen.add(arc[head]);
      queue.push(arc[head]);
    }
  }
  return seen;
}
