import fc from 'fast-check';
import { greatCircleKm } from '../model/geo.js';
import type { Link, Network, NetworkNode, TransferRule } from '../model/types.js';
import { EMISSION_CATEGORIES, type GaugeMm, type Mode, type NodeKind } from '../model/vocabulary.js';

const provenance = { sources: ['test'], confidence: 'estimate' as const, estimatedFields: [] };
const KINDS: NodeKind[] = ['city', 'port', 'border_crossing', 'junction', 'terminal'];
const COUNTRIES = ['KZ', 'TM', 'IR'];

interface LinkSpec {
  from: number;
  to: number;
  mode: Mode;
  gauge: GaugeMm;
  speed: number;
  tariff: number;
  detour: number;
  status: number;
}

/**
 * Random multimodal networks for property tests of routing: ports, border crossings and cities in three
 * countries, rail of two gauges, road, sea and ferry, planned links, and default transfer rules, so that every
 * kind of step a route report has can appear.
 */
export const randomNetwork = (): fc.Arbitrary<Network> =>
  fc.integer({ min: 2, max: 9 }).chain((nodeCount) =>
    fc
      .record({
        kinds: fc.array(fc.constantFrom(...KINDS), { minLength: nodeCount, maxLength: nodeCount }),
        countries: fc.array(fc.constantFrom(...COUNTRIES), { minLength: nodeCount, maxLength: nodeCount }),
        coordinates: fc.array(
          fc.tuple(fc.double({ min: 30, max: 50, noNaN: true }), fc.double({ min: 50, max: 75, noNaN: true })),
          {
            minLength: nodeCount,
            maxLength: nodeCount,
          },
        ),
        links: fc.array(
          fc.record({
            from: fc.nat({ max: nodeCount - 1 }),
            to: fc.nat({ max: nodeCount - 1 }),
            mode: fc.constantFrom<Mode>('rail', 'rail', 'road', 'sea', 'ferry'),
            gauge: fc.constantFrom<GaugeMm>(1520, 1435),
            speed: fc.integer({ min: 10, max: 90 }),
            tariff: fc.double({ min: 0, max: 0.1, noNaN: true }),
            detour: fc.double({ min: 1, max: 1.6, noNaN: true }),
            status: fc.nat({ max: 3 }),
          }),
          { maxLength: 24 },
        ),
      })
      .map(({ kinds, countries, coordinates, links }) => buildNetwork(kinds, countries, coordinates, links)),
  );

function buildNetwork(
  kinds: NodeKind[],
  countries: string[],
  coordinates: [number, number][],
  specs: LinkSpec[],
): Network {
  const nodes: NetworkNode[] = kinds.map((kind, index) => {
    const [lat, lon] = coordinates[index]!;
    const country = countries[index]!;
    const node: NetworkNode = { id: `n${index}`, name: `Node ${index}`, country, kind, lat, lon, ...provenance };
    if (kind === 'border_crossing') {
      node.border = {
        with: country === 'IR' ? 'TM' : 'IR',
        dwellMedianH: 6 + index,
        dwellP90H: 30,
        usdPerT: 2,
        usdPerTeu: 40,
      };
    }
    if (kind === 'port' || kind === 'terminal') node.handling = { hours: 12, usdPerT: 4, usdPerTeu: 90 };
    return node;
  });
  const links: Link[] = specs
    .filter((spec) => spec.from !== spec.to)
    .map((spec, index) => {
      const from = nodes[spec.from]!;
      const to = nodes[spec.to]!;
      const km = greatCircleKm(from.lat, from.lon, to.lat, to.lon) * spec.detour + 1;
      const status = spec.status === 0 ? 'planned' : 'operational';
      return {
        id: `l${index}`,
        from: from.id,
        to: to.id,
        mode: spec.mode,
        km,
        ...(spec.mode === 'rail' ? { gaugeMm: spec.gauge } : {}),
        speedKmh: spec.speed,
        tariffUsdPerTkm: spec.tariff,
        tariffUsdPerTeuKm: spec.tariff * 12,
        status,
        ...(status === 'planned' ? { openingYear: 2030 } : {}),
        bidirectional: index % 5 !== 4,
        corridors: [`c${index % 3}`],
        ...(spec.mode === 'sea' || spec.mode === 'ferry' ? { serviceIntervalH: 48 } : {}),
        waypoints: [],
        ...provenance,
      } as Link;
    });
  const rule = (id: string, kind: TransferRule['kind'], from: string, to: string, hours: number): TransferRule => ({
    id,
    node: '*',
    kind,
    from,
    to,
    hours,
    usdPerT: 3,
    usdPerTeu: 60,
    bidirectional: true,
    ...provenance,
  });
  return {
    sources: [{ id: 'test', title: 'generated', publisher: 'tests', document: 'random', year: 2026 }],
    corridors: [0, 1, 2].map((index) => ({ id: `c${index}`, name: `Corridor ${index}`, sources: ['test'] })),
    nodes,
    links,
    transfers: [
      rule('gauge', 'gauge_change', '1520', '1435', 8),
      rule('rail-road', 'mode_change', 'rail', 'road', 5),
      rule('rail-sea', 'mode_change', 'rail', 'sea', 10),
      rule('road-sea', 'mode_change', 'road', 'sea', 10),
      rule('rail-ferry', 'mode_change', 'rail', 'ferry', 6),
      rule('road-ferry', 'mode_change', 'road', 'ferry', 6),
    ],
    emissionFactors: EMISSION_CATEGORIES.map((mode, index) => ({ mode, gCo2ePerTkm: 5 + index * 7, ...provenance })),
    parameters: [{ key: 't_per_teu', value: 12, unit: 't', sources: ['test'], confidence: 'estimate' }],
    services: [],
  };
}
