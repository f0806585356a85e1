import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { SectionDistances } from '../monitoring/distance.js';
import { BREAKDOWNS, computeIndicators, type IndicatorOptions } from '../monitoring/indicators.js';
import { HOUR_MS } from '../monitoring/timestamp.js';
import { distanceChart } from '../monitoring/time-distance.js';
import type { CheckpointVisit } from '../monitoring/types.js';
import { TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { expectClose, openStore, randomShipments, storeOnly, timestamp } from '../test-support/random-shipments.js';
import { BACKENDS, PG_TEST_URL, type Backend } from '../test-support/store-backends.js';
import { generateShipments } from '../monitoring/generate.js';
import { SHIPMENT_COLUMNS, visitToCells } from '../monitoring/shipment-schema.js';
import { revertImport } from './import-log.js';
import { importShipmentsFile } from './import-shipments.js';
import { storeIndicatorReports } from './indicator-queries.js';
import { keptDistanceChart, keptReport, KEPT_REPORTS, optionsKey } from './kept-reports.js';
import { Store } from './store.js';

const network = loadNetwork(TINY_NETWORK_DIR).network;
const distances = new SectionDistances(network);
const CORRIDORS = network.corridors.map((corridor) => corridor.id);
const NODES = [...network.nodes.map((node) => node.id), 'nowhere'];
const shipments = randomShipments(network);

const options: fc.Arbitrary<IndicatorOptions> = fc.record(
  {
    by: fc.constantFrom('month', 'quarter'),
    corridor: fc.constantFrom(...CORRIDORS),
    node: fc.constantFrom(...NODES),
    minSectionKm: fc.constantFrom(0, 50, 400),
    breakdown: fc.constantFrom('direction', 'mode', 'commodity'),
    country: fc.constantFrom('KZ', 'TM', 'IR'),
  },
  { requiredKeys: ['by'] },
);

describe.each(BACKENDS)('indicators computed in the %s store', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;

  it.skipIf(skip)('equal computeIndicators over the same visits, for any shipments and options', async () => {
    await using store = await openStore(backend);
    await fc.assert(
      fc.asyncProperty(shipments, fc.array(options, { minLength: 1, maxLength: 4 }), async (visits, optionSets) => {
        const stored = await storeOnly(store, visits);
        for (const set of optionSets) {
          const expected = computeIndicators(stored, network, distances, set);
          const actual = await store.indicators(network, distances, set);
          expectClose(actual, expected);
          // Dwell is one difference of milliseconds over HOUR_MS on both sides: its quantiles agree to the bit (on
          // PostgreSQL percentile_cont's, on SQLite quantileOfSorted's of the two ranks the window picks).
          const quantiles = (report: typeof actual) => report.nodes.map((row) => [row.dwellH.median, row.dwellH.p90]);
          expect(quantiles(actual)).toStrictEqual(quantiles(expected));
        }
      }),
      { numRuns: backend === 'sqlite' ? 60 : 30 },
    );
  });

  it.skipIf(skip)('in one pass for several breakdowns, equal computeIndicators for each', async () => {
    await using store = await openStore(backend);
    const breakdowns = [undefined, ...BREAKDOWNS, 'mode'] as const;
    await fc.assert(
      fc.asyncProperty(shipments, options, async (visits, set) => {
        const stored = await storeOnly(store, visits);
        const reports = await storeIndicatorReports(store.db, backend, network, distances, set, breakdowns);
        for (const [i, breakdown] of breakdowns.entries()) {
          const { breakdown: _, ...rest } = set;
          const these = breakdown === undefined ? rest : { ...rest, breakdown };
          expectClose(reports[i], computeIndicators(stored, network, distances, these));
        }
      }),
      { numRuns: backend === 'sqlite' ? 30 : 15 },
    );
  });

  it.skipIf(skip)('takes medians and P90s by the one quantile (type 7) of values that tie and span hours', async () => {
    await using store = await openStore(backend);
    // Four trips of one corridor and quarter, 10, 20, 20 and 50 h: median 20 h, P90 = 20 + 0.7 × 30 = 41 h.
    await store.db.deleteFrom('checkpoints').execute();
    await store.db.deleteFrom('shipments').execute();
    const visits = [10, 20, 20, 50].flatMap((h, i) =>
      [0, h].map((at, j): CheckpointVisit => {
        const t = timestamp(Date.UTC(2025, 0, 10) + at * HOUR_MS, 0);
        return {
          shipmentId: `T${i}`,
          corridor: CORRIDORS[0]!,
          mode: 'rail',
          cargoT: 60,
          synthetic: false,
          seq: j + 1,
          node: j === 0 ? 'uzen' : 'bolashak',
          arrival: t,
          departure: t,
          officialCostUsd: 0,
          unofficialCostUsd: 0,
          delayReason: 'none',
        };
      }),
    );
    await store.saveShipments({ kind: 'shipments', file: 'hand.csv', sha256: '', rowsRead: 0 }, visits);
    const report = await store.indicators(network, distances, { by: 'quarter' });
    const { tripH } = report.corridors[0]!;
    expect([tripH.n, tripH.mean, tripH.median]).toEqual([4, 25, 20]);
    expect(tripH.p90).toBeCloseTo(41, 9);
  });
});

describe.each(BACKENDS)('the dashboard reports kept by each import in the %s store', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;
  const record = (file: string) => ({ kind: 'shipments' as const, file, sha256: '', rowsRead: 0 });
  /** Visits split into two imports by shipment, the second's ids apart from the first's. */
  const twoImports = fc
    .tuple(shipments, shipments)
    .map(([a, b]) => [a, b.map((visit) => ({ ...visit, shipmentId: `B${visit.shipmentId}` }))]);

  async function expectKeptAsComputed(store: Store, on = network): Promise<void> {
    const stamp = await store.shipmentsStamp();
    const stored = await store.visits();
    const distancesOn = new SectionDistances(on);
    for (const options of KEPT_REPORTS) {
      const kept = await keptReport(store, stamp, on, options);
      expect(kept, JSON.stringify(options)).toBeDefined();
      expectClose(kept, computeIndicators(stored, on, distancesOn, options));
    }
    const chart = await keptDistanceChart(store, stamp, on);
    expect(chart).toBeDefined();
    expectClose(chart, distanceChart(stored, distancesOn));
  }

  it.skipIf(skip)('equal computeIndicators after every import and every revert', async () => {
    await using store = await openStore(backend);
    store.keepReportsFor(network);
    await fc.assert(
      fc.asyncProperty(twoImports, fc.boolean(), async ([first, second], revertFirst) => {
        await store.db.deleteFrom('checkpoints').execute();
        await store.db.deleteFrom('shipments').execute();
        const ids: number[] = [];
        for (const [i, visits] of [first!, second!].entries()) {
          if (visits.length === 0) continue;
          ids.push(await store.saveShipments(record(`part-${i}.csv`), visits));
          await expectKeptAsComputed(store);
        }
        // Either can be reverted: their shipments are apart.
        const reverted = revertFirst ? ids[0] : ids.at(-1);
        if (reverted !== undefined) {
          await revertImport(store, reverted, 'test');
          await expectKeptAsComputed(store);
        }
      }),
      { numRuns: backend === 'sqlite' ? 25 : 10 },
    );
  });

  it.skipIf(skip)('are what Store.indicators answers with those options; other options are computed', async () => {
    await using store = await openStore(backend);
    store.keepReportsFor(network);
    const visits = fc.sample(
      shipments.filter((list) => list.length > 5),
      { numRuns: 1, seed: 16 },
    )[0]!;
    await store.saveShipments(record('a.csv'), visits);
    // A kept report marked in the store: the answer is read from it, not computed again.
    const dashboard = KEPT_REPORTS[0]!;
    const marked = { ...computeIndicators(visits, network, distances, dashboard), shipments: -1 };
    await store.db
      .updateTable('indicator_reports')
      .set({ report: JSON.stringify(marked) })
      .where('options_key', '=', optionsKey(dashboard))
      .execute();
    expect((await store.indicators(network, distances, dashboard)).shipments).toBe(-1);
    const filtered = { by: 'quarter' as const, node: visits[0]!.node };
    expect(await keptReport(store, await store.shipmentsStamp(), network, filtered)).toBeUndefined();
    expectClose(
      await store.indicators(network, distances, filtered),
      computeIndicators(await store.visits(), network, distances, filtered),
    );
    // Another network's report (here a node renamed) is computed on it, not read from the one kept.
    const other = {
      ...network,
      nodes: network.nodes.map((node, i) => (i === 0 ? { ...node, name: 'Renamed' } : node)),
    };
    expect((await store.indicators(other, new SectionDistances(other), dashboard!)).shipments).toBe(
      new Set(visits.map((visit) => visit.shipmentId)).size,
    );
  });

  it.skipIf(skip)('stay as they were when an import fails', async () => {
    await using store = await openStore(backend);
    store.keepReportsFor(network);
    const [first, second] = fc.sample(
      twoImports.filter(([a, b]) => a!.length > 0 && b!.length > 0),
      {
        numRuns: 1,
        seed: 7,
      },
    )[0]!;
    await store.saveShipments(record('a.csv'), first!);
    const before = await store.db.selectFrom('indicator_reports').selectAll().orderBy('options_key').execute();
    await expect(
      store.writeTransaction(async (locked) => {
        await locked.saveShipments(record('b.csv'), second!);
        throw new Error('the import fails after its reports were computed');
      }),
    ).rejects.toThrow('fails');
    expect(await store.db.selectFrom('indicator_reports').selectAll().orderBy('options_key').execute()).toEqual(before);
    await expectKeptAsComputed(store);
  });

  it.skipIf(skip)('are kept for the network a file import checks its rows against', async () => {
    await using store = await openStore(backend);
    const dir = mkdtempSync(join(tmpdir(), 'caravan-kept-'));
    try {
      const file = join(dir, 'shipments.csv');
      // The bundled network with a node renamed: not the one kept by default, and its shipments can be generated.
      const bundled = loadNetwork(BUNDLED_NETWORK_DIR).network;
      const renamed = { ...bundled, nodes: bundled.nodes.map((node, i) => (i === 0 ? { ...node, name: 'X' } : node)) };
      const visits = generateShipments(bundled, { rows: 60, seed: 'kept' });
      writeFileSync(file, `${SHIPMENT_COLUMNS.join(',')}\n${stringify(visits.map(visitToCells))}`);
      expect((await importShipmentsFile(store, renamed, file)).importId).toBeDefined();
      await expectKeptAsComputed(store, renamed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
