/** What pickCorridors reads of a corridor beyond its cost (see corridor-traits.ts). */
export interface PickTraits {
  /** Named corridors it follows. */
  follows: ReadonlySet<string> | readonly string[];
  /** The mode it is mostly by, if one. */
  mostlyBy: string | undefined;
}

/** A corridor's cheapest path found, as the distinct method keeps it. */
export interface CorridorPath {
  edges: number[];
  cost: number;
}

/** How far above the best cost a named corridor still gets a slot of its own (see pickCorridors). */
export const NAMED_BOUND = 0.5;

/**
 * The corridors an answer of `wanted` routes shows, cheapest first, each corridor by its cheapest route:
 * 1. every corridor within `nearShare` of the best cost (no corridor that near is ever hidden);
 * 2. then, for each named corridor of the network (corridors.csv) that no route shown follows, its cheapest route
 *    within NAMED_BOUND of the best: China → Rotterdam by time, the Middle Corridor beside the northern route,
 *    though a rail route through Iran is faster than it;
 * 3. then, for each mode that no route shown is mostly by, its cheapest route mostly by it: the sea route from
 *    China's coast beside rail, not a rail route to Türkiye that ends at sea;
 * 4. then the cheapest corridors left.
 * `traitsOf` is asked once per corridor looked at, and only when there are more corridors than wanted.
 */
export function pickCorridors<P extends CorridorPath>(
  corridors: ReadonlyMap<string, P>,
  wanted: number,
  nearShare: number,
  traitsOf: (path: P) => PickTraits,
): P[] {
  const ranked = [...corridors.values()].sort((a, b) => a.cost - b.cost);
  if (ranked.length <= wanted) return ranked;
  const best = ranked[0]!.cost;
  const near = best * (1 + nearShare) + 1e-9;
  const namedBound = best * (1 + NAMED_BOUND) + 1e-9;
  const traits = new Map<number, PickTraits>();
  const traitsAt = (index: number) => {
    let known = traits.get(index);
    if (known === undefined) {
      known = traitsOf(ranked[index]!);
      traits.set(index, known);
    }
    return known;
  };
  const picked = new Set<number>();
  const followed = new Set<string>();
  const modes = new Set<string>();
  const pick = (index: number) => {
    picked.add(index);
    for (const id of traitsAt(index).follows) followed.add(id);
    const mode = traitsAt(index).mostlyBy;
    if (mode !== undefined) modes.add(mode);
  };
  for (let i = 0; i < ranked.length && picked.size < wanted && ranked[i]!.cost <= near; i++) pick(i);
  for (let i = 0; i < ranked.length && picked.size < wanted && ranked[i]!.cost <= namedBound; i++)
    if (!picked.has(i) && [...traitsAt(i).follows].some((id) => !followed.has(id))) pick(i);
  for (let i = 0; i < ranked.length && picked.size < wanted; i++) {
    const mode = picked.has(i) ? undefined : traitsAt(i).mostlyBy;
    if (mode !== undefined && !modes.has(mode)) pick(i);
  }
  for (let i = 0; i < ranked.length && picked.size < wanted; i++) if (!picked.has(i)) picked.add(i);
  return [...picked].sort((a, b) => a - b).map((index) => ranked[index]!);
}
