import { describe, expect, it } from 'vitest';
import { hashSeed, pick, SeededRandom, seededRandom, weightedPick } from './random.js';

describe('the seeded generator', () => {
  it('hashes word seeds by FNV-1a (32 bits)', () => {
    // Reference values of FNV-1a 32: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(hashSeed('foobar')).toBe(0xbf9cf968);
    expect(hashSeed(42)).toBe(hashSeed('42'));
  });

  it('gives the same stream for the same seed, another for another, uniform in [0, 1)', () => {
    const draw = (random: SeededRandom) => Array.from({ length: 100_000 }, () => random.next());
    const a = draw(seededRandom('check'));
    expect(draw(seededRandom('check'))).toEqual(a);
    expect(draw(seededRandom('other'))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = a.reduce((sum, x) => sum + x, 0) / a.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(seededRandom(7).next()).toBe(new SeededRandom(hashSeed(7)).next());
  });

  it('picks items uniformly and by weight', () => {
    const random = new SeededRandom(1);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[pick(random, ['a', 'b', 'c'] as const)]++;
    for (const n of Object.values(counts)) expect(Math.abs(n / 30_000 - 1 / 3)).toBeLessThan(0.02);
    let heavy = 0;
    for (let i = 0; i < 30_000; i++)
      if (
        weightedPick(random, [
          ['light', 1],
          ['heavy', 3],
        ]) === 'heavy'
      )
        heavy++;
    expect(Math.abs(heavy / 30_000 - 0.75)).toBeLessThan(0.02);
  });
});
