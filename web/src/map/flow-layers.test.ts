import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESKTOP_WIDTHS, PHONE_WIDTHS, WIDEST_MT, corridorsOf, flowWidth } from './flow-layers.js';

describe('flow line widths', () => {
  it.each([
    ['desktop', DESKTOP_WIDTHS],
    ['phone', PHONE_WIDTHS],
  ] as const)('stay between the %s scale’s narrowest and widest, growing with the flow', (_name, scale) => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (a, b) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          const width = flowWidth(small, scale);
          expect(width).toBeGreaterThanOrEqual(scale.minPx);
          expect(width).toBeLessThanOrEqual(scale.maxPx);
          expect(flowWidth(large, scale)).toBeGreaterThanOrEqual(width);
        },
      ),
    );
    expect(flowWidth(0, scale)).toBe(scale.minPx);
    expect(flowWidth(WIDEST_MT, scale)).toBe(scale.maxPx);
    expect(flowWidth(5 * WIDEST_MT, scale)).toBe(scale.maxPx);
  });

  it('is area-like: four times the flow draws twice the width above the narrowest', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: WIDEST_MT / 4, noNaN: true }), (mt) => {
        const extra = (value: number) => flowWidth(value, DESKTOP_WIDTHS) - DESKTOP_WIDTHS.minPx;
        expect(extra(4 * mt)).toBeCloseTo(2 * extra(mt), 9);
      }),
    );
  });

  it('draws a phone’s lines narrower than a desktop’s, for every flow', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), (mt) => {
        expect(flowWidth(mt, PHONE_WIDTHS)).toBeLessThan(flowWidth(mt, DESKTOP_WIDTHS));
      }),
    );
  });
});

describe("a link's corridors", () => {
  const link = (corridors: unknown) =>
    ({ type: 'Feature', geometry: null, properties: { layer: 'link', corridors } }) as unknown as Parameters<
      typeof corridorsOf
    >[0];

  it('reads the list the network GeoJSON gives, or a ;-separated text, and nothing when absent', () => {
    expect(corridorsOf(link(['kti', 'instc-east']))).toEqual(['kti', 'instc-east']);
    expect(corridorsOf(link('kti;instc-east'))).toEqual(['kti', 'instc-east']);
    expect(corridorsOf(link(undefined))).toEqual([]);
    expect(corridorsOf(link(''))).toEqual([]);
  });
});
