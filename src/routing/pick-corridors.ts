/** A corridor's cheapest path found, as the distinct method keeps it. */
export interface CorridorPath {
  edges: number[];
  cost: number;
}

/** The main mode of a corridor signature: what follows its last `|` (see pathSignature). */
export const mainModeOf = (signature: string): string => signature.slice(signature.lastIndexOf('|') + 1);

/**
 * The corridors an answer of `wanted` routes shows, cheapest first. Every corridor within `nearShare` of the best
 * cost comes first (no corridor that near is ever hidden); the slots left go first to the cheapest corridor of each
 * main mode not yet shown (a forwarder comparing rail through Kazakhstan wants the sea route beside it, not a third
 * rail route), then to the cheapest corridors left.
 */
export function pickCorridors<P extends CorridorPath>(
  corridors: ReadonlyMap<string, P>,
  wanted: number,
  nearShare: number,
): P[] {
  const ranked = [...corridors].sort((a, b) => a[1].cost - b[1].cost);
  if (ranked.length <= wanted) return ranked.map(([, path]) => path);
  const bound = ranked[0]![1].cost * (1 + nearShare) + 1e-9;
  const picked = new Set<number>();
  const modes = new Set<string>();
  const pick = (index: number) => {
    picked.add(index);
    modes.add(mainModeOf(ranked[index]![0]));
  };
  for (let i = 0; i < ranked.length && picked.size < wanted && ranked[i]![1].cost <= bound; i++) pick(i);
  for (let i = 0; i < ranked.length && picked.size < wanted; i++)
    if (!picked.has(i) && !modes.has(mainModeOf(ranked[i]![0]))) pick(i);
  for (let i = 0; i < ranked.length && picked.size < wanted; i++) if (!picked.has(i)) pick(i);
  return [...picked].sort((a, b) => a - b).map((index) => ranked[index]![1]);
}
