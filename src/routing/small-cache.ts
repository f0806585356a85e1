/**
 * A bounded map that forgets the least recently used entry: a server sees a handful of constraint sets and
 * cost settings again and again, but must not grow without bound on a stream of distinct ones.
 */
export class SmallCache<V> {
  private readonly entries = new Map<string, V>();
  private hits = 0;
  private misses = 0;

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Re-inserting keeps the Map in least-recently-used order, so the oldest entry is the first key.
      this.entries.delete(key);
      this.entries.set(key, known);
      this.hits++;
      return known;
    }
    this.misses++;
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Lookups answered from memory and made, since the start: what the cache saves on a workload. */
  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size };
  }
}

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
}
