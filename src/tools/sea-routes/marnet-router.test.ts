import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../model/geo.js';
import type { LonLat } from '../../model/types.js';
import { loadMarnet, marnetAvailable, marnetPath } from './load-marnet.js';

// The MARNET file is external data, never committed: set CARAVAN_MARNET_FILE or provide ../shared/data/marnet.
const available = marnetAvailable();
if (!available) console.warn(`skipping the MARNET checks: no ${marnetPath()} (set CARAVAN_MARNET_FILE)`);
import { KM_PER_NM } from './marnet-router.js';

/**
 * The maritime network against published port-to-port distances (docs/data-format.md, "Sea distances"). Each
 * pair's coordinates are the ports' own; `via` forces the Cape route for the one pair published both ways.
 */
const PUBLISHED: readonly { pair: string; from: LonLat; to: LonLat; via?: LonLat; nm: number; source: string }[] = [
  { pair: 'Shanghai – Rotterdam via Suez', from: [122.07, 30.62], to: [4.05, 51.95], nm: 10_600, source: 'PEMP 2024' },
  {
    pair: 'Shanghai – Rotterdam via the Cape',
    from: [122.07, 30.62],
    via: [18.4, -35.0],
    to: [4.05, 51.95],
    nm: 13_800,
    source: 'PEMP 2024',
  },
  { pair: 'Aden – Singapore', from: [44.98, 12.78], to: [103.82, 1.26], nm: 3_631, source: 'Admiralty tables' },
  { pair: 'Muscat – Chittagong', from: [58.57, 23.62], to: [91.8, 22.3], nm: 2_973, source: 'Admiralty tables' },
  { pair: 'Mumbai – Dubai', from: [72.83, 18.93], to: [55.27, 25.27], nm: 1_152, source: 'as sailed, 2013' },
  { pair: 'Karachi – Gwadar', from: [66.98, 24.82], to: [62.33, 25.11], nm: 290, source: 'sailing directions' },
];

/** Within 6%: the spread of the published figures themselves (rounded, as-sailed or textbook routes). */
const TOLERANCE = 0.06;

describe.skipIf(!available)('sea distances over the Eurostat MARNET network', () => {
  const router = available ? loadMarnet() : undefined;
  const nm = (from: LonLat, to: LonLat): number => router!.route(from, to)!.km / KM_PER_NM;

  it.each(PUBLISHED)('$pair is within 6% of the published $nm nm ($source)', ({ from, to, via, nm: published }) => {
    const computed = via === undefined ? nm(from, to) : nm(from, via) + nm(via, to);
    expect(Math.abs(computed / published - 1)).toBeLessThan(TOLERANCE);
  });

  it('keeps out of the Arctic passages, which would make Shanghai – Rotterdam shorter than via Suez', () => {
    const route = router!.route([122.07, 30.62], [4.05, 51.95])!;
    expect(Math.max(...route.path.map(([, lat]) => lat))).toBeLessThan(68);
    expect(route.path.some(([lon, lat]) => lon > 32 && lon < 33 && lat > 29.5 && lat < 31.5)).toBe(true);
  });

  it('counts the straight access from a point off the network to its nearest vertex', () => {
    const onNetwork = router!.route([44.98, 12.78], [103.82, 1.26])!;
    expect(onNetwork.accessKm[0]).toBeLessThan(20);
    expect(onNetwork.km).toBeGreaterThan(greatCircleKm(12.78, 44.98, 1.26, 103.82));
    const inland = router!.route([69.24, 41.3], [72.83, 18.93])!;
    expect(inland.accessKm[0]).toBeGreaterThan(1000);
  });
});
