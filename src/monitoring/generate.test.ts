import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { checkShipments } from './check-shipments.js';
import { SectionDistances } from './distance.js';
import { generateShipments } from './generate.js';
import { lognormal, seededRandom } from '../numeric/random.js';
import { quantile } from '../numeric/quantile.js';
import { lognormalFromMedianP90 } from '../reliability/lognormal.js';

const network = loadNetwork(BUNDLED_NETWORK_DIR).network;

describe('synthetic shipments', () => {
  it('draws dwell from a lognormal whose median and 90th percentile are the given ones', () => {
    const { mu, sigma } = lognormalFromMedianP90(12, 36);
    const random = seededRandom(3);
    const sample = Array.from({ length: 200_000 }, () => lognormal(random, mu, sigma));
    expect(quantile(sample, 0.5)).toBeCloseTo(12, 0);
    expect(Math.abs(quantile(sample, 0.9)! - 36) / 36).toBeLessThan(0.02);
  });

  it('writes exactly N labeled rows that pass every import check, the same for the same seed', () => {
    const visits = generateShipments(network, { rows: 3_000, seed: 'check' });
    expect(visits).toHaveLength(3_000);
    expect(visits.every((visit) => visit.synthetic && visit.shipmentId.startsWith('SYN-'))).toBe(true);
    const distances = new SectionDistances(network);
    const checked = checkShipments(
      visits.map((visit, index) => ({ ...visit, origin: { file: 'generated', line: index + 2 } })),
      {
        nodeIds: new Set(network.nodes.map((node) => node.id)),
        corridorIds: new Set(network.corridors.map((corridor) => corridor.id)),
        stored: [],
        connected: (from, to) => distances.km(from, to) !== undefined,
      },
    );
    expect(checked.issues).toEqual([]);
    expect(checked.fresh).toHaveLength(3_000);
    expect(generateShipments(network, { rows: 50, seed: 'check' })).toEqual(visits.slice(0, 50));
    expect(generateShipments(network, { rows: 50, seed: 'other' })).not.toEqual(visits.slice(0, 50));
  });

  it('grows volume over the period', () => {
    const visits = generateShipments(network, { rows: 20_000, seed: 'trend' });
    const firstYear = visits.filter((v) => v.seq === 1 && v.departure.ms < Date.UTC(2025, 0, 1)).length;
    const lastTenMonths = visits.filter((v) => v.seq === 1 && v.departure.ms >= Date.UTC(2026, 0, 1)).length;
    expect(lastTenMonths / 10).toBeGreaterThan((firstYear / 12) * 1.3);
  });
});
