/**
 * A bounded map that forgets the least recently used entry: a server sees a handful of constraint sets and
 * cost settings again and again, but must not grow without bound on a stream of distinct ones. Entries of very
 * different sizes (answers of one route or of ten) can be bounded by their bytes as well as by their count.
 */
export class SmallCache<V> {
  private readonly entries = new Map<string, V>();
  private hits = 0;
  private misses = 0;
  private bytes = 0;

  constructor(
    private readonly capacity: number,
    private readonly size?: { bytesOf: (value: V) => number; budget: number },
  ) {}

  get(key: string, make: () => V): V {
    const known = this.find(key);
    if (known !== undefined) return known;
    const value = make();
    this.set(key, value);
    return value;
  }

  /** The entry under `key`, counted as a hit or a miss; for values made asynchronously, then `set`. */
  find(key: string): V | undefined {
    const known = this.entries.get(key);
    if (known === undefined) {
      this.misses++;
      return undefined;
    }
    // Re-inserting keeps the Map in least-recently-used order, so the oldest entry is the first key.
    this.entries.delete(key);
    this.entries.set(key, known);
    this.hits++;
    return known;
  }

  set(key: string, value: V): void {
    const { size } = this;
    const previous = this.entries.get(key);
    if (previous !== undefined && size !== undefined) this.bytes -= size.bytesOf(previous);
    this.entries.delete(key);
    // A value larger than the whole budget is not kept: it would push out everything else.
    if (size !== undefined && size.bytesOf(value) > size.budget) return;
    this.entries.set(key, value);
    if (size !== undefined) this.bytes += size.bytesOf(value);
    while (this.entries.size > this.capacity || (size !== undefined && this.bytes > size.budget)) {
      const oldest = this.entries.keys().next().value!;
      if (size !== undefined) this.bytes -= size.bytesOf(this.entries.get(oldest)!);
      this.entries.delete(oldest);
    }
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
