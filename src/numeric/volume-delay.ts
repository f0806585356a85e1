/**
 * The BPR volume-delay term: `scale` × (volume / capacity)^power. The assignment engine's link cost is
 * fftt · (1 + b · term) with scale b; the corridor model adds scale = delay hours at v/c = 1 to an edge's hours.
 * One plain function on numbers, so that hot loops inline it. Power 4, the road BPR's, avoids Math.pow (the
 * multiplication order is part of the result: scale · x² · x², left to right). Callers handle volume ≤ 0 and
 * unlimited capacity, where the term is 0.
 */
export function volumeDelay(scale: number, volume: number, capacity: number, power: number): number {
  const x = volume / capacity;
  if (power === 4) {
    const x2 = x * x;
    return scale * x2 * x2;
  }
  return scale * Math.pow(x, power);
}
