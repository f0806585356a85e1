import { describe, expect, it } from 'vitest';
import { AndersonMixer } from './anderson.js';
import { seededRandom } from './random.js';

/** g(x) = A·x + b for a random A of spectral radius below 1 (a contraction), and its fixed point. */
function linearMap(size: number, seed: number) {
  const random = seededRandom(seed);
  const a = Array.from({ length: size }, () => Float64Array.from({ length: size }, () => (random.next() - 0.5) / size));
  // One slow direction, as the route flows' slowly converging part.
  a[0]![0] = 0.95;
  const b = Float64Array.from({ length: size }, () => random.next());
  const residual = (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < size; i++) {
      let gx = b[i]!;
      for (let j = 0; j < size; j++) gx += a[i]![j]! * x[j]!;
      out[i] = gx - x[i]!;
    }
    return Math.hypot(...out);
  };
  return { residual };
}

function iterate(depth: number, steps: number, size = 6): number {
  const { residual } = linearMap(size, 7);
  const mixer = new AndersonMixer(size, depth);
  const x = new Float64Array(size);
  const f = new Float64Array(size);
  for (let k = 0; k < steps; k++) {
    residual(x, f);
    mixer.step(x, f, 0.5);
  }
  return residual(x, f);
}

describe('Anderson mixing of a damped fixed-point iteration', () => {
  it('with no memory is the damped step itself', () => {
    const mixer = new AndersonMixer(2, 0);
    const x = Float64Array.of(1, 2);
    expect(mixer.step(x, Float64Array.of(4, -2), 0.25)).toBe(false);
    expect([...x]).toEqual([2, 1.5]);
  });

  it('solves a linear map to rounding once its memory spans the space, where damped steps crawl', () => {
    // On a linear map Anderson mixing is GMRES in disguise: a memory as deep as the space reaches the fixed point in
    // about size + 1 steps (size + 3 here, with the ridge and rounding).
    expect(iterate(6, 10)).toBeLessThan(1e-9);
    expect(iterate(0, 10)).toBeGreaterThan(0.1);
    // A short memory still beats the damped iteration by orders of magnitude.
    expect(iterate(3, 14)).toBeLessThan(iterate(0, 14) * 1e-4);
  });

  it('retreats to the last point and takes the damped step from there, forgetting its memory', () => {
    const mixer = new AndersonMixer(1, 3);
    const x = Float64Array.of(0);
    mixer.step(x, Float64Array.of(1), 0.5);
    expect(x[0]).toBe(0.5);
    expect(mixer.step(x, Float64Array.of(0.8), 0.5)).toBe(true);
    mixer.retreat(x, 0.1);
    expect(x[0]).toBeCloseTo(0.5 + 0.1 * 0.8, 15);
    // Its memory went with it, but the point it retreated from is the start of the next remembered step.
    expect(mixer.step(x, Float64Array.of(0.5), 0.5)).toBe(true);
  });
});
