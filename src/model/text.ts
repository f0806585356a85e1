/** Edit distance, used to suggest the id a user probably meant. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `wanted`, if it is close enough to be a plausible typo. */
export function closestMatch(wanted: string, candidates: Iterable<string>): string | undefined {
  const needle = wanted.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  const tolerance = Math.max(2, Math.floor(needle.length / 3));
  for (const candidate of candidates) {
    // The edit distance is at least the difference in length: a candidate that far off cannot be the answer, and
    // skipping it bounds the work of a long query against a large network.
    const lower = candidate.toLowerCase();
    if (Math.abs(lower.length - needle.length) > tolerance) continue;
    const distance = levenshtein(needle, lower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= tolerance ? best : undefined;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A plain decimal with an optional exponent (1, -3.5, 2e-3): never 0x10, 0b1, Infinity, 1_000 or blank. */
export const isDecimalNumber = (text: string): boolean => DECIMAL.test(text);
