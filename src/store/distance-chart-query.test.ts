import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { SectionDistances } from '../monitoring/distance.js';
import { distanceChart, type DistanceChartOptions } from '../monitoring/time-distance.js';
import { TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { expectClose, openStore, randomShipments, storeOnly } from '../test-support/random-shipments.js';
import { BACKENDS, PG_TEST_URL, type Backend } from '../test-support/store-backends.js';
import { storeDistanceChart } from './distance-chart-query.js';

const network = loadNetwork(TINY_NETWORK_DIR).network;
const distances = new SectionDistances(network);
const record = { kind: 'shipments' as const, file: 'random.csv', sha256: '', rowsRead: 0 };

/**
 * Few nodes and corridors, so that random trips share ways (lines of several trips, ties of the sort on trips), and
 * the unknown node, so that some ways are unmeasured.
 */
const small = {
  ...network,
  nodes: network.nodes.slice(0, 3),
  corridors: network.corridors.slice(0, 2),
};
const shipments = fc.oneof(randomShipments(network), randomShipments(small));

const options: fc.Arbitrary<DistanceChartOptions> = fc.record(
  {
    corridor: fc.constantFrom(...network.corridors.map((corridor) => corridor.id)),
    node: fc.constantFrom(...network.nodes.map((node) => node.id), 'nowhere'),
    maxSeries: fc.integer({ min: 0, max: 4 }),
  },
  { requiredKeys: [] },
);

describe.each(BACKENDS)('the distance chart computed in the %s store', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;

  it.skipIf(skip)('equals distanceChart over the same visits, for any shipments and filters', async () => {
    await using store = await openStore(backend);
    await fc.assert(
      fc.asyncProperty(shipments, fc.array(options, { minLength: 1, maxLength: 3 }), async (visits, optionSets) => {
        const stored = await storeOnly(store, visits);
        for (const set of [{}, ...optionSets]) {
          const expected = distanceChart(stored, distances, set);
          // The lines in the same order: the sort's ties too.
          expectClose(await storeDistanceChart(store.db, distances, set), expected, JSON.stringify(set));
          expectClose(await store.distanceChart(network, distances, set), expected, JSON.stringify(set));
        }
      }),
      { numRuns: backend === 'sqlite' ? 80 : 30 },
    );
  });

  it.skipIf(skip)('is read as the import kept it when unfiltered, computed when filtered', async () => {
    await using store = await openStore(backend);
    store.keepReportsFor(network);
    const visits = fc.sample(
      randomShipments(small).filter((list) => list.length > 8),
      { numRuns: 1, seed: 18 },
    )[0]!;
    await store.saveShipments(record, visits);
    const chart = distanceChart(await store.visits(), distances);
    expect(chart.series.length).toBeGreaterThan(0);
    // The kept chart marked in the store: the unfiltered answer is read from it.
    const marked = { ...chart, unmeasured: ['marked'] };
    await store.db
      .updateTable('indicator_reports')
      .set({ report: JSON.stringify(marked) })
      .where('options_key', '=', JSON.stringify(['distance-chart']))
      .execute();
    expect(await store.distanceChart(network, distances, {})).toEqual(marked);
    expect((await store.distanceChart(network, distances, { maxSeries: 1 })).series).toEqual(chart.series.slice(0, 1));
    const corridor = visits[0]!.corridor;
    expectClose(
      await store.distanceChart(network, distances, { corridor }),
      distanceChart(await store.visits(), distances, { corridor }),
    );
  });
});
