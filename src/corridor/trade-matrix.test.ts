import { describe, expect, it } from 'vitest';
import { seededRandom } from '../numeric/random.js';
import { tradeMatrix, zoneShares } from './trade-matrix.js';
import type { TradeFlow, ZoneWeight } from './types.js';

const provenance = { sources: ['s'], confidence: 'estimate' as const, estimatedFields: [] };
const zone = (zone: string, country: string, weight: number, extra: Partial<ZoneWeight> = {}): ZoneWeight => ({
  zone,
  country,
  role: 'both',
  weight,
  ...provenance,
  ...extra,
});
const flow = (id: string, a: string, b: string, mt: number, extra: Partial<TradeFlow> = {}): TradeFlow => ({
  id,
  originCountry: a,
  destinationCountry: b,
  commodity: 'grain',
  year: 2024,
  mtPerYr: mt,
  originZones: [],
  destinationZones: [],
  ...provenance,
  ...extra,
});

describe('trade matrix', () => {
  const zones = [
    zone('astana', 'KZ', 3),
    zone('almaty', 'KZ', 1),
    zone('kostanay', 'KZ', 9, { commodity: 'grain', role: 'origin' }),
    zone('tehran', 'IR', 2),
    zone('mashhad', 'IR', 2),
  ];

  it("splits a flow by the zones' weights, commodity rows first", () => {
    const rows = tradeMatrix([flow('f', 'KZ', 'IR', 1)], zones);
    // KZ grain origin: only kostanay has a grain row, so it takes all; IR destination halves.
    expect(rows.map((row) => [row.from, row.to, row.mtPerYr])).toEqual([
      ['kostanay', 'tehran', 0.5],
      ['kostanay', 'mashhad', 0.5],
    ]);
    const other = tradeMatrix([flow('g', 'KZ', 'IR', 1, { commodity: 'other' })], zones);
    expect(other.find((row) => row.from === 'astana' && row.to === 'tehran')?.mtPerYr).toBeCloseTo(0.375);
  });

  it('narrows a flow to the zones it names, renormalized', () => {
    const rows = tradeMatrix([flow('f', 'IR', 'KZ', 2, { commodity: 'other', destinationZones: ['almaty'] })], zones);
    expect(rows.every((row) => row.to === 'almaty')).toBe(true);
    expect(rows.reduce((sum, row) => sum + row.mtPerYr, 0)).toBeCloseTo(2);
  });

  it('says when no zone takes a side of a flow', () => {
    expect(zoneShares(zones, 'UZ', 'grain', 'origin')).toBeUndefined();
    expect(zoneShares(zones, 'KZ', 'grain', 'destination')?.map((share) => share.zone)).toEqual(['astana', 'almaty']);
  });

  it('keeps every tonne of random flows (property)', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const countries = ['KZ', 'IR', 'UZ'];
      const zs = countries.flatMap((country) =>
        Array.from({ length: 1 + Math.floor(random.next() * 4) }, (_, k) =>
          zone(`${country.toLowerCase()}-${k}`, country, 0.1 + random.next()),
        ),
      );
      const flows = Array.from({ length: 5 }, (_, k) => {
        const a = countries[k % 3]!;
        const b = countries[(k + 1) % 3]!;
        return flow(`f${k}`, a, b, random.next() * 3);
      });
      const total = flows.reduce((sum, f) => sum + f.mtPerYr, 0);
      const cells = tradeMatrix(flows, zs).reduce((sum, row) => sum + row.mtPerYr, 0);
      expect(cells).toBeCloseTo(total, 9);
    }
  });
});
