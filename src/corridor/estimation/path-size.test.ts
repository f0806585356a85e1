import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EstimationInputError } from './errors.js';
import { pathSize, PathSizeWorkspace } from './path-size.js';

/** The definition read literally: a set of edges per route, N_a by counting routes that contain a. */
function slowPathSize(routes: number[][], length: number[]): number[] {
  return routes.map((route) => {
    const edges = [...new Set(route)];
    const total = edges.reduce((sum, e) => sum + length[e]!, 0);
    if (total === 0) return 1;
    return edges.reduce((sum, e) => {
      const n = routes.filter((other) => other.includes(e)).length;
      return sum + length[e]! / total / n;
    }, 0);
  });
}

const routesOf = (routes: number[][]) => routes.map((r) => Uint32Array.from(r));

describe('pathSize', () => {
  it('is 1 for disjoint routes and 1/n for n identical routes', () => {
    const length = Float64Array.of(3, 1, 4, 1, 5, 9);
    expect([
      ...pathSize(
        routesOf([
          [0, 1],
          [2, 3],
          [4, 5],
        ]),
        length,
      ),
    ]).toEqual([1, 1, 1]);
    const same = pathSize(
      routesOf([
        [0, 2, 4],
        [0, 2, 4],
        [0, 2, 4],
      ]),
      length,
    );
    for (const v of same) expect(v).toBeCloseTo(1 / 3, 15);
  });

  it('matches a partial overlap worked by hand', () => {
    // Route A = edges 0 (10 km, shared) + 1 (30 km); route B = edges 0 + 2 (10 km).
    // PS_A = 10/40 · ½ + 30/40 · 1 = 0.875; PS_B = 10/20 · ½ + 10/20 · 1 = 0.75.
    const ps = pathSize(
      routesOf([
        [0, 1],
        [0, 2],
      ]),
      Float64Array.of(10, 30, 10),
    );
    expect(ps[0]).toBeCloseTo(0.875, 15);
    expect(ps[1]).toBeCloseTo(0.75, 15);
  });

  it('agrees with the literal definition on random route sets, reusing one workspace', () => {
    const workspace = new PathSizeWorkspace(12);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })), {
          minLength: 12,
          maxLength: 12,
        }),
        fc.array(fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (length, routes) => {
          const fast = pathSize(routesOf(routes), Float64Array.from(length), workspace);
          const slow = slowPathSize(routes, length);
          slow.forEach((v, i) => expect(fast[i]).toBeCloseTo(v, 12));
          // The workspace is clean again for the next set.
          expect(workspace.uses.every((v) => v === 0)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });

  it('rejects an edge outside the length array and a negative length', () => {
    expect(() => pathSize(routesOf([[0, 3]]), Float64Array.of(1, 2))).toThrow(EstimationInputError);
    expect(() => pathSize(routesOf([[0, 3]]), Float64Array.of(1, 2))).toThrow(/route 0 uses edge 3/);
    expect(() => pathSize(routesOf([[1]]), Float64Array.of(1, -2))).toThrow(/length\[1\]/);
  });
});
