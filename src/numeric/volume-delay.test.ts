import { describe, expect, it } from 'vitest';
import { bprCost } from '../assign/bpr.js';
import { volumeDelay } from './volume-delay.js';

describe('volumeDelay', () => {
  it('is scale × (v/c)^power, the power-4 fast path included', () => {
    for (const power of [1, 2, 4, 6]) {
      for (const [v, c] of [
        [0.5, 2],
        [3, 2],
        [7.25, 7.25],
      ] as const) {
        expect(volumeDelay(0.15, v, c, power)).toBeCloseTo(0.15 * (v / c) ** power, 12);
      }
    }
    expect(volumeDelay(2, 1.5, 1, 4)).toBe(2 * 1.5 * 1.5 * (1.5 * 1.5));
  });

  it('is the delay term of the engine’s BPR cost', () => {
    expect(bprCost(10, 0.15, 2, 4, 3)).toBe(10 * (1 + volumeDelay(0.15, 3, 2, 4)));
    expect(bprCost(10, 0.15, 2, 6, 3)).toBe(10 * (1 + volumeDelay(0.15, 3, 2, 6)));
  });
});
