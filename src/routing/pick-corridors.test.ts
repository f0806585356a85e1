import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mainModeOf, pickCorridors } from './pick-corridors.js';

const NEAR = 0.15;
const MODES = ['rail', 'road', 'sea'] as const;

/** Corridors named `k|mode` with their costs, as the distinct method keeps them. */
const corridorsArb = fc
  .array(fc.tuple(fc.double({ min: 1, max: 100, noNaN: true }), fc.constantFrom(...MODES)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((rows) => new Map(rows.map(([cost, mode], k) => [`c${k}|${mode}`, { edges: [k], cost }])));

describe('pickCorridors', () => {
  it('shows every corridor within 15% of the best, then a main mode not yet shown, then the cheapest left', () => {
    fc.assert(
      fc.property(corridorsArb, fc.integer({ min: 1, max: 8 }), (corridors, wanted) => {
        const picked = pickCorridors(corridors, wanted, NEAR);
        const all = [...corridors].sort((a, b) => a[1].cost - b[1].cost);
        expect(picked).toHaveLength(Math.min(wanted, all.length));
        // Cheapest first, each corridor once.
        for (let i = 1; i < picked.length; i++) expect(picked[i]!.cost).toBeGreaterThanOrEqual(picked[i - 1]!.cost);
        expect(new Set(picked).size).toBe(picked.length);
        const shown = new Set(picked);
        const bound = all[0]![1].cost * (1 + NEAR) + 1e-9;
        const near = all.filter(([, path]) => path.cost <= bound);
        // The slow obvious reading of the rule: near corridors all shown if they fit, else the cheapest of them.
        if (near.length >= wanted) {
          expect(picked).toEqual(near.slice(0, wanted).map(([, path]) => path));
          return;
        }
        for (const [, path] of near) expect(shown.has(path)).toBe(true);
        const modeShown = new Set([...corridors].filter(([, p]) => shown.has(p)).map(([s]) => mainModeOf(s)));
        const modesAll = new Set([...corridors.keys()].map(mainModeOf));
        // A main mode is left out only when the answer is full of corridors that each bring one or are near.
        if (modeShown.size < modesAll.size) {
          const firstOfMode = new Set(
            [...modeShown].map((mode) => all.find(([s, p]) => mainModeOf(s) === mode && shown.has(p))![1]),
          );
          for (const path of picked)
            expect(path.cost <= bound || firstOfMode.has(path), 'a slot went to a second corridor of a mode').toBe(
              true,
            );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('puts the sea route beside the best rail corridor rather than a third rail corridor', () => {
    const corridors = new Map([
      ['CN>KZ>IR|rail', { edges: [1], cost: 284 }],
      ['CN>KZ>TM>IR|rail', { edges: [2], cost: 350 }],
      ['CN>KZ>RU>IR|rail', { edges: [3], cost: 360 }],
      ['CN>sea:CN~malacca~hormuz-IR>IR|sea', { edges: [4], cost: 494 }],
    ]);
    expect(pickCorridors(corridors, 3, NEAR).map((path) => path.cost)).toEqual([284, 350, 494]);
    // A rail corridor within 15% of the best is never given up for the sea route.
    corridors.set('CN>UZ>IR|rail', { edges: [5], cost: 300 });
    expect(pickCorridors(corridors, 2, NEAR).map((path) => path.cost)).toEqual([284, 300]);
  });
});
