import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { checkRegion } from './check-region.js';
import { measureLinks, measureThroughput, type MeasureSelection } from './measure.js';
import { regionFromParsed, regionSchema, type ThroughputMeasure } from './region.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const measures = network.region!.measures;
const measure = (id: string): ThroughputMeasure => measures.find((candidate) => candidate.id === id)!;
const ids = (selection: MeasureSelection) =>
  measureLinks(network, selection).map((counted) => network.links[counted.index]!.id);

describe('throughput measures of the bundled network', () => {
  it('counts KTI cargo only on the Etrek – Inche-Burun crossing, rail and road', () => {
    expect(ids(measure('kti-gateway')).sort()).toEqual(['etrek-inche-burun-rail', 'etrek-inche-burun-road']);
  });

  it("takes the KTI busiest section from the railway's own links, never a Caspian port's hinterland", () => {
    const sections = ids(measure('kti-busiest-rail'));
    expect(sections).toEqual([
      'uzen-bolashak-rail',
      'bolashak-serhetyaka-rail',
      'serhetyaka-bereket-rail',
      'bereket-etrek-rail',
      'etrek-inche-burun-rail',
      'inche-burun-gorgan-rail',
    ]);
    // These carry the kti tag too, but Caspian-port cargo runs on them.
    for (const hinterland of ['mangyshlak-uzen-rail', 'gorgan-bandar-torkaman-rail', 'sari-garmsar-rail'])
      expect(sections).not.toContain(hinterland);
  });

  it('counts the eastern INSTC at every rail and road crossing of the Iranian frontier: Inche-Burun, Sarakhs, Bajgiran', () => {
    const counted = measureLinks(network, measure('instc-east-gateway')).map((c) => network.links[c.index]!);
    const nodeById = new Map(network.nodes.map((node) => [node.id, node]));
    for (const link of counted) {
      expect(['rail', 'road']).toContain(link.mode);
      expect([nodeById.get(link.from)!.country, nodeById.get(link.to)!.country]).toContain('IR');
      expect(nodeById.get(link.from)!.country).not.toBe(nodeById.get(link.to)!.country);
    }
    const places = counted.flatMap((link) => [link.from, link.to]).join(' ');
    for (const crossing of ['inche-burun', 'sarakhs', 'bajgiran']) expect(places).toContain(crossing);
  });
});

describe('measure directions', () => {
  const rail = network.links.findIndex((link) => link.id === 'etrek-inche-burun-rail');
  const road = network.links.findIndex((link) => link.id === 'etrek-inche-burun-road');
  const forward = new Float64Array(network.links.length);
  const backward = new Float64Array(network.links.length);
  forward[rail] = 3; // Etrek (TM) → Inche-Burun (IR): into Iran
  backward[rail] = 1;
  forward[road] = 0.5;
  const kti = (direction: MeasureSelection['direction']): MeasureSelection => ({
    ...measure('kti-gateway'),
    direction,
  });

  it('sums both directions, or only those into or out of the crossing country', () => {
    expect(measureThroughput(network, kti('both'), forward, backward).mt).toBe(4.5);
    expect(measureThroughput(network, kti('into'), forward, backward).mt).toBe(3.5);
    expect(measureThroughput(network, kti('out_of'), forward, backward).mt).toBe(1);
  });

  it('names the busiest counted section with its tonnes in both directions', () => {
    expect(measureThroughput(network, measure('kti-busiest-rail'), forward, backward)).toEqual({
      mt: 4,
      link: 'etrek-inche-burun-rail',
    });
  });
});

describe('measure definitions', () => {
  it('round-trip: the definitions written back in the file form read as the same definitions', () => {
    const parsed = regionSchema.parse({ targets: network.region!.targets, measures });
    expect(regionFromParsed(parsed, { file: 'x' }).measures).toEqual(measures);
  });

  it('names an unknown link, a link off the corridor and one that crosses no frontier by their path', () => {
    const broken: ThroughputMeasure = {
      ...measure('kti-gateway'),
      links: ['etrek-inche-burun-rail', 'almaty-shu-rail', 'x', 'bereket-etrek-rail'],
    };
    const issues = checkRegion(
      { ...network.region!, measures: [measure('kti-busiest-rail'), broken] },
      network,
      'region.yaml',
      () => undefined,
    );
    expect(issues.map((issue) => `${issue.field}: ${issue.message}`)).toEqual([
      'measures[1].links[1]: link "almaty-shu-rail" is not a link of corridor "kti"',
      'measures[1].links[2]: unknown link "x"',
      'measures[1].links[3]: link "bereket-etrek-rail" does not cross the IR frontier',
    ]);
  });

  it('needs a crossing for a gateway over a whole corridor and for a one-way direction', () => {
    const { crossing: _, ...open } = measure('instc-east-gateway');
    const issues = checkRegion(
      { ...network.region!, measures: [{ ...open, direction: 'into' }] },
      network,
      'region.yaml',
      () => undefined,
    );
    expect(issues.map((issue) => issue.field)).toEqual(['measures[0].crossing', 'measures[0].direction']);
  });
});
