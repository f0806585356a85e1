import { describe, expect, it } from 'vitest';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { highsSolver } from '../data/highs-solver.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import type { ThroughputMeasure } from '../model/region.js';
import { measureCapacity } from './capacity.js';
import { scenarioCapacity } from './capacity-report.js';
import { buildCorridorGraph } from './graph.js';
import { compileScenario, corridorSession } from './session.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const session = corridorSession(network, loadCorridorData(BUNDLED_DEMAND_DIR, network));
const graph = buildCorridorGraph(network, 2027, session.parameters.congestion);
const measure = (id: string): ThroughputMeasure => network.region!.measures.find((m) => m.id === id)!;
const node = (id: string) => network.nodes.find((candidate) => candidate.id === id)!;
const link = (id: string) => network.links.find((candidate) => candidate.id === id)!;

describe('capacity of the bundled measures', () => {
  it('KTI: the Etrek – Inche-Burun railway carries what its tightest element allows, and names it; the road has no limit', async () => {
    const capacity = await measureCapacity(graph, measure('kti-gateway'), network.region, highsSolver);
    // By hand from the data: per direction, the rail crossing is limited by the crossing link (links.csv) and the
    // Inche-Burun post (nodes.csv); the road crossing and its post have no capacity.
    const tightest = Math.min(link('etrek-inche-burun-rail').capacityMtPerYr!, node('inche-burun').capacityMtPerYr!);
    expect(tightest).toBe(4.4);
    expect(capacity.directions).toEqual([
      { direction: 'into IR', capacityMt: tightest },
      { direction: 'out of IR', capacityMt: tightest },
    ]);
    expect(capacity.capacityMt).toBe(2 * tightest);
    expect(capacity.binding.map((row) => row.element).sort()).toEqual([
      'border inche-burun entry',
      'border inche-burun exit',
    ]);
    for (const row of capacity.binding) expect(row).toMatchObject({ capacityMt: 4.4, flowMt: 4.4, shadowPrice: 1 });
    expect(capacity.unlimitedLinks).toEqual(['etrek-inche-burun-road']);
    expect(capacity.blank).toEqual(['border inche-burun-road', 'link etrek-inche-burun-road']);
    expect(capacity.target).toEqual({ year: 2027, mt: 15 });
  });

  it('eastern INSTC: the rail posts at Inche-Burun and Sarakhs bind, the road crossings have no limit', async () => {
    const capacity = await measureCapacity(graph, measure('instc-east-gateway'), network.region, highsSolver);
    const perDirection = node('inche-burun').capacityMtPerYr! + node('sarakhs').capacityMtPerYr!;
    expect(capacity.directions.map((d) => d.capacityMt)).toEqual([perDirection, perDirection]);
    expect(capacity.capacityMt).toBeCloseTo(2 * perDirection, 6);
    expect(new Set(capacity.binding.map((row) => row.id))).toEqual(new Set(['inche-burun', 'sarakhs']));
    expect(capacity.unlimitedLinks.sort()).toEqual([
      'ashgabat-bajgiran-road',
      'etrek-inche-burun-road',
      'tejen-sarakhs-road',
    ]);
  });

  it("KTI busiest section: a section's two directions at its link capacity", async () => {
    const capacity = await measureCapacity(graph, measure('kti-busiest-rail'), network.region, highsSolver);
    expect(capacity.section).toBe('uzen-bolashak-rail');
    expect(capacity.directions).toEqual([
      { direction: 'forward', capacityMt: 10 },
      { direction: 'backward', capacityMt: 10 },
    ]);
    expect(capacity.capacityMt).toBe(20);
  });

  it('follows the levers of a scenario: added capacity at Inche-Burun raises the KTI figure to the next limit', async () => {
    const compiled = compileScenario(session, {
      name: 'wider',
      description: '',
      year: 2027,
      files: [],
      levers: [{ type: 'capacity', node: 'inche-burun', value: 12 }],
      assignment: {},
    });
    const report = await scenarioCapacity(session, compiled, highsSolver);
    const kti = report.measures.find((m) => m.measure === 'kti-gateway')!;
    // Past the post, the 10 Mt/yr per direction of the railway's own sections binds (on the crossing link itself the
    // graph files the tighter of link and post under the post).
    expect(kti.directions.map((d) => d.capacityMt)).toEqual([10, 10]);
    expect(kti.binding.length).toBeGreaterThan(0);
    for (const row of kti.binding) expect(row.capacityMt).toBe(10);
  });
});
