import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costContext, linkCost } from '../graph/costs.js';
import { randomNetwork } from '../test-support/random-network.js';
import { serviceStops, servicesByLink, serviceMtPerYear, WEEKS_PER_YEAR } from './services.js';
import type { Link, Network, Service } from './types.js';

const service = (overrides: Partial<Service> & Pick<Service, 'id' | 'links'>): Service => ({
  name: overrides.id,
  mode: 'ferry',
  operator: 'test',
  departuresPerWeek: 1,
  capacityPerDeparture: 1000,
  capacityUnit: 't',
  exclusive: true,
  setsWait: true,
  sources: ['test'],
  confidence: 'estimate',
  estimatedFields: [],
  ...overrides,
});

const withServices = (network: Network, services: Service[]): Network => ({ ...network, services });
const waitH = (network: Network, link: Link) =>
  linkCost(link, costContext(network, 't')).hours - link.km / link.speedKmh;

describe('waiting time follows the frequency of the services on a link', () => {
  const isWater = (link: Link) => link.mode === 'sea' || link.mode === 'ferry';
  const hasBoth = (candidate: Network) =>
    candidate.links.some(isWater) && candidate.links.some((link) => link.mode === 'rail');
  // One random network with water and rail links for the worked examples; the property draws many.
  const network = fc.sample(randomNetwork().filter(hasBoth), { seed: 7, numRuns: 1 })[0]!;
  const water = network.links.filter(isWater);

  it('by hand: two exclusive ferries of 2 and 5 departures a week give a wait of 168 / 7 / 2 = 12 h', () => {
    const link = water[0]!;
    const changed = withServices(network, [
      service({ id: 'a', links: [link.id], departuresPerWeek: 2 }),
      service({ id: 'b', links: [link.id], departuresPerWeek: 5 }),
    ]);
    expect(waitH(changed, link)).toBeCloseTo(12, 9);
    // Without services the link keeps its own sailing interval.
    expect(waitH(network, link)).toBeCloseTo((link.serviceIntervalH ?? 0) / 2, 9);
  });

  it('property: exclusive services set the wait to half the headway; shared ones only shorten a sailing interval', () => {
    fc.assert(
      fc.property(
        randomNetwork().filter((candidate) => candidate.links.some(isWater)),
        fc.nat(),
        fc.boolean(),
        fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (drawn, pick, dropInterval, departures, exclusive) => {
          const links = drawn.links.filter(isWater);
          const chosen = links[pick % links.length]!;
          // With and without a sailing interval of the link's own.
          const { serviceIntervalH: _interval, ...withoutInterval } = chosen;
          const link: Link = dropInterval ? withoutInterval : chosen;
          const base: Network = { ...drawn, links: drawn.links.map((l) => (l === chosen ? link : l)) };
          const services = departures.map((perWeek, k) =>
            service({ id: `s${k}`, links: [link.id], departuresPerWeek: perWeek, exclusive, mode: 'feeder' }),
          );
          const total = departures.reduce((sum, d) => sum + d, 0);
          const headway = 168 / total;
          // The slow, obvious rule, written out again.
          let expected: number;
          if (exclusive) expected = headway / 2;
          else if (link.serviceIntervalH === undefined) expected = 0;
          else expected = Math.min(link.serviceIntervalH, headway) / 2;
          expect(waitH(withServices(base, services), link)).toBeCloseTo(expected, 6);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('services that do not set the wait (tankers) add capacity but no departures', () => {
    const link = water[0]!;
    const tankers = withServices(network, [
      service({ id: 't', links: [link.id], mode: 'tanker', departuresPerWeek: 50, setsWait: false }),
    ]);
    expect(waitH(tankers, link)).toBeCloseTo((link.serviceIntervalH ?? 0) / 2, 9);
    const both = withServices(network, [
      service({ id: 't', links: [link.id], mode: 'tanker', departuresPerWeek: 50, setsWait: false }),
      service({ id: 'f', links: [link.id], departuresPerWeek: 4 }),
    ]);
    expect(waitH(both, link)).toBeCloseTo(21, 9);
    expect(servicesByLink(both.services, 12).get(link.id)!.tonnesPerWeek).toBe(54_000);
  });

  it("an exclusive service's queue for space adds to half the headway", () => {
    const link = water[0]!;
    const queued = withServices(network, [
      service({ id: 'a', links: [link.id], departuresPerWeek: 4, queueH: 30 }),
      service({ id: 'b', links: [link.id], departuresPerWeek: 3, queueH: 10 }),
    ]);
    // The longest queue of the link's services: 168 / 7 / 2 + 30.
    expect(waitH(queued, link)).toBeCloseTo(42, 9);
  });

  it('a rail link gets a wait only from an exclusive service', () => {
    const rail = network.links.find((link) => link.mode === 'rail')!;
    const shared = withServices(network, [service({ id: 'r', links: [rail.id], mode: 'rail', exclusive: false })]);
    expect(waitH(shared, rail)).toBeCloseTo(0, 9);
    const only = withServices(network, [service({ id: 'r', links: [rail.id], mode: 'rail', departuresPerWeek: 3 })]);
    expect(waitH(only, rail)).toBeCloseTo(28, 9);
  });
});

describe('capacity of a service', () => {
  it('weekly capacity each way in tonnes or TEU becomes Mt per year', () => {
    expect(
      serviceMtPerYear(service({ id: 'a', links: ['x'], departuresPerWeek: 7, capacityPerDeparture: 2000 }), 12),
    ).toBeCloseTo((14_000 * 365) / 7 / 1e6, 12);
    const teu = service({ id: 'b', links: ['x'], capacityPerDeparture: 100, capacityUnit: 'teu' });
    expect(serviceMtPerYear(teu, 12)).toBeCloseTo((1200 * WEEKS_PER_YEAR) / 1e6, 12);
    expect(serviceMtPerYear(teu, undefined)).toBeUndefined();
  });
});

describe('serviceStops', () => {
  const link = (from: string, to: string) => ({ from, to });

  it('walks a chain listed either way round', () => {
    expect(serviceStops([link('a', 'b')]).stops).toEqual(['a', 'b']);
    expect(serviceStops([link('b', 'a'), link('c', 'b'), link('c', 'd')]).stops).toEqual(['a', 'b', 'c', 'd']);
    expect(serviceStops([link('a', 'b'), link('c', 'd')])).toEqual({ brokenAt: 1 });
  });

  // A one-link service runs the way its link is drawn; from two links on, the order of the links fixes the way.
  it('property: a path cut into two or more links, each drawn either way round, gives back its places', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
        (places, flips) => {
          const names = places.map((p) => `n${p}`);
          const links = names.slice(1).map((to, i) => (flips[i] ? link(to, names[i]!) : link(names[i]!, to)));
          expect(serviceStops(links).stops).toEqual(names);
        },
      ),
    );
  });
});
