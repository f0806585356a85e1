import { describe, expect, it } from 'vitest';
import { SmallCache } from './small-cache.js';

const keys = (cache: SmallCache<string>, candidates: readonly string[]) =>
  candidates.filter((key) => cache.find(key) !== undefined);

describe('SmallCache', () => {
  it('forgets the least recently used entry beyond its capacity', () => {
    const cache = new SmallCache<string>(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.find('a')).toBe('A');
    cache.set('c', 'C');
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });

  it('keeps its entries within a byte budget, and never one larger than the budget', () => {
    const cache = new SmallCache<string>(100, { bytesOf: (value) => value.length, budget: 10 });
    cache.set('a', 'xxxx');
    cache.set('b', 'yyyy');
    cache.set('c', 'zzzz');
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['b', 'c']);
    cache.set('b', 'y');
    cache.set('d', 'wwww');
    expect(keys(cache, ['b', 'c', 'd'])).toEqual(['b', 'c', 'd']);
    cache.set('huge', 'h'.repeat(11));
    expect(keys(cache, ['b', 'c', 'd', 'huge'])).toEqual(['b', 'c', 'd']);
  });

  it('makes a missing value once and counts hits and misses', () => {
    const cache = new SmallCache<number>(4);
    let made = 0;
    const make = () => ++made;
    expect([cache.get('k', make), cache.get('k', make), cache.get('j', make)]).toEqual([1, 1, 2]);
    expect(cache.stats()).toEqual({ hits: 1, misses: 2, entries: 2 });
  });
});
