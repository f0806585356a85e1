import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAMED_BOUND, pickCorridors } from './pick-corridors.js';

const NEAR = 0.15;
const MODES = ['rail', 'road', 'sea'] as const;
const NAMED = ['north', 'middle', 'south'] as const;

interface Candidate {
  edges: number[];
  cost: number;
  follows: string[];
  mostlyBy: string | undefined;
}

/** Corridors with their costs, the named corridors they follow and the mode they are mostly by, if one. */
const corridorsArb = fc
  .array(
    fc.tuple(
      fc.double({ min: 1, max: 100, noNaN: true }),
      fc.subarray([...NAMED]),
      fc.option(fc.constantFrom(...MODES), { nil: undefined }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map(
    (rows) =>
      new Map<string, Candidate>(
        rows.map(([cost, follows, mostlyBy], k) => [`c${k}`, { edges: [k], cost, follows, mostlyBy }]),
      ),
  );

describe('pickCorridors', () => {
  it('shows the near corridors, then a named corridor not yet followed, then a mode not yet shown, then the cheapest', () => {
    fc.assert(
      fc.property(corridorsArb, fc.integer({ min: 1, max: 8 }), (corridors, wanted) => {
        const picked = pickCorridors(corridors, wanted, NEAR, (path) => path);
        const all = [...corridors.values()].sort((a, b) => a.cost - b.cost);
        expect(picked).toHaveLength(Math.min(wanted, all.length));
        // Cheapest first, each corridor once.
        for (let i = 1; i < picked.length; i++) expect(picked[i]!.cost).toBeGreaterThanOrEqual(picked[i - 1]!.cost);
        expect(new Set(picked).size).toBe(picked.length);
        if (all.length <= wanted) return;
        const best = all[0]!.cost;
        const isNear = (path: Candidate) => path.cost <= best * (1 + NEAR) + 1e-9;
        const inBound = (path: Candidate) => path.cost <= best * (1 + NAMED_BOUND) + 1e-9;
        const near = all.filter(isNear);
        // The slow obvious reading of the rule: near corridors all shown if they fit, else the cheapest of them.
        if (near.length >= wanted) {
          expect(picked).toEqual(near.slice(0, wanted));
          return;
        }
        for (const path of near) expect(picked).toContain(path);
        // A shown route won its slot as a named corridor's when it is the cheapest shown route following one,
        // within the bound, and as a mode's when it is the cheapest shown route mostly by its mode.
        const namedPick = (path: Candidate) =>
          inBound(path) && path.follows.some((id) => picked.find((p) => p.follows.includes(id)) === path);
        const modePick = (path: Candidate) =>
          path.mostlyBy !== undefined && picked.find((p) => p.mostlyBy === path.mostlyBy) === path;
        const unshownNamed = NAMED.filter(
          (id) => all.some((p) => inBound(p) && p.follows.includes(id)) && !picked.some((p) => p.follows.includes(id)),
        );
        if (unshownNamed.length > 0)
          for (const path of picked)
            expect(isNear(path) || namedPick(path), `${unshownNamed.join()} hidden behind ${path.cost}`).toBe(true);
        const unshownModes = MODES.filter(
          (mode) => all.some((p) => p.mostlyBy === mode) && !picked.some((p) => p.mostlyBy === mode),
        );
        if (unshownModes.length > 0)
          for (const path of picked)
            expect(isNear(path) || namedPick(path) || modePick(path), `${unshownModes.join()} hidden`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('puts the Middle Corridor and the sea route beside the northern route, not its variants', () => {
    // Xi'an → Rotterdam by time in hours, as the bundled network answers it.
    const corridors = new Map<string, Candidate>([
      ['northern', { edges: [1], cost: 370, follows: ['north'], mostlyBy: 'rail' }],
      ['through Iran', { edges: [2], cost: 463, follows: [], mostlyBy: undefined }],
      ['Poti by sea', { edges: [3], cost: 484, follows: [], mostlyBy: 'rail' }],
      ['middle', { edges: [4], cost: 516, follows: ['middle'], mostlyBy: 'rail' }],
      ['rail to Türkiye, ship on', { edges: [5], cost: 643, follows: [], mostlyBy: undefined }],
      ['sea', { edges: [6], cost: 791, follows: [], mostlyBy: 'sea' }],
    ]);
    expect(pickCorridors(corridors, 3, NEAR, (path) => path).map((path) => path.cost)).toEqual([370, 516, 791]);
    // A corridor within 15% of the best is never given up for them.
    corridors.set('near', { edges: [7], cost: 400, follows: [], mostlyBy: 'rail' });
    expect(pickCorridors(corridors, 3, NEAR, (path) => path).map((path) => path.cost)).toEqual([370, 400, 516]);
    // A named corridor more than NAMED_BOUND above the best gets no slot of its own.
    corridors.delete('near');
    corridors.get('middle')!.cost = 370 * (1 + NAMED_BOUND) + 1;
    expect(pickCorridors(corridors, 3, NEAR, (path) => path).map((path) => path.cost)).toEqual([370, 463, 791]);
  });
});
