import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { highsSolver } from '../data/highs-solver.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { loadScenario } from '../data/scenario-file.js';
import type { ThroughputMeasure } from '../model/region.js';
import { WEEKS_PER_YEAR } from '../model/services.js';
import type { Network } from '../model/types.js';
import { measureCapacity } from './capacity.js';
import { buildCorridorGraph } from './graph.js';
import { runScenario } from './run.js';
import { corridorSession } from './session.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const KURYK_FERRY = 'kuryk-alat-ferry';
const onKuryk = network.services.filter((service) => service.links.includes(KURYK_FERRY));
/** The network with every service on the Kuryk – Alat crossing sailing `factor` times as often. */
const fleet = (factor: number): Network => ({
  ...network,
  services: network.services.map((service) =>
    service.links.includes(KURYK_FERRY)
      ? { ...service, departuresPerWeek: service.departuresPerWeek * factor }
      : service,
  ),
});
// By hand from services.csv: tonnes per departure × departures a week, each way, over 365/7 weeks.
const fleetMt = (factor: number) =>
  (onKuryk.reduce((sum, s) => sum + s.capacityPerDeparture * s.departuresPerWeek, 0) * factor * WEEKS_PER_YEAR) / 1e6;
const kurykPort = network.nodes.find((node) => node.id === 'kuryk')!.capacityMtPerYr!;

const crossing: ThroughputMeasure = {
  id: 'kuryk-alat',
  label: 'tonnes crossing the Caspian between Kuryk and Alat',
  target: 'none',
  kind: 'gateway',
  corridor: 'middle-corridor',
  links: [KURYK_FERRY],
  crossing: 'AZ',
  direction: 'both',
};

describe('a scheduled service is a capacity-limited element', () => {
  it('the Kuryk ferries are all in tonnes, and their fleet is below the port', () => {
    expect(onKuryk.map((s) => [s.id, s.capacityUnit, s.exclusive])).toEqual([
      ['asco-alat-kuryk-ferry', 't', true],
      ['asco-alat-kuryk-ropax', 't', true],
    ]);
    expect(fleetMt(1)).toBeLessThan(kurykPort);
    expect(fleetMt(10)).toBeGreaterThan(kurykPort);
  });

  it('max-flow: with a large fleet the Kuryk port binds; shrink the fleet and its service binds, named, at its capacity', async () => {
    const congestion = { link: { alpha: 1, beta: 4 }, border: { alpha: 1, beta: 4 }, port: { alpha: 1, beta: 4 } };
    const large = await measureCapacity(
      buildCorridorGraph(fleet(10), 2024, congestion),
      crossing,
      undefined,
      highsSolver,
    );
    const onKurykRow = (row: { kind: string; element: string }) =>
      row.kind === 'service' && row.element.includes(` on ${KURYK_FERRY} `);
    expect(large.binding.filter(onKurykRow)).toEqual([]);
    expect(large.binding.map((row) => row.element)).toContain('port kuryk handling');

    const small = await measureCapacity(
      buildCorridorGraph(fleet(1), 2024, congestion),
      crossing,
      undefined,
      highsSolver,
    );
    expect(small.directions.map((d) => d.capacityMt)).toEqual([
      Math.round(fleetMt(1) * 1e6) / 1e6,
      Math.round(fleetMt(1) * 1e6) / 1e6,
    ]);
    expect(small.directions[0]!.capacityMt!).toBeLessThan(large.directions[0]!.capacityMt!);
    expect(
      small.binding
        .filter(onKurykRow)
        .map((row) => row.element)
        .sort(),
    ).toEqual([
      `service asco-alat-kuryk-ferry+asco-alat-kuryk-ropax on ${KURYK_FERRY} backward`,
      `service asco-alat-kuryk-ferry+asco-alat-kuryk-ropax on ${KURYK_FERRY} forward`,
    ]);
    for (const row of small.binding.filter(onKurykRow)) expect(row.capacityMt).toBeCloseTo(fleetMt(1), 9);
    // The ferry link has no capacity of its own: the fleet is what limits it, so it is not listed as blank.
    expect(small.blank).not.toContain(`link ${KURYK_FERRY}`);
  });

  it('forecast: the baseline scenario names the Kuryk ferries as a bottleneck once their fleet is cut', () => {
    const bottleneck = (factor: number) => {
      const changed = fleet(factor);
      const session = corridorSession(changed, loadCorridorData(BUNDLED_DEMAND_DIR, changed));
      const run = runScenario(session, loadScenario(join('scenarios', 'baseline-2024.yaml'), session));
      return run.report.bottlenecks.find((element) => element.kind === 'service' && element.link === KURYK_FERRY);
    };
    expect(bottleneck(10)).toBeUndefined();
    const cut = bottleneck(0.5);
    expect(cut).toBeDefined();
    expect(cut!.capacityMt).toBeCloseTo(fleetMt(0.5), 9);
    expect(cut!.vc).toBeGreaterThanOrEqual(0.9);
  });
});
