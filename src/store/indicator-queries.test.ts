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
import { formatTimestamp, HOUR_MS } from '../monitoring/timestamp.js';
import type { CheckpointVisit } from '../monitoring/types.js';
import { DELAY_REASONS, SHIPMENT_MODES } from '../monitoring/vocabulary.js';
import { TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { BACKENDS, freshStoreUrl, PG_TEST_URL, type Backend } from '../test-support/store-backends.js';
import { generateShipments } from '../monitoring/generate.js';
import { SHIPMENT_COLUMNS, visitToCells } from '../monitoring/shipment-schema.js';
import { revertImport } from './import-log.js';
import { importShipmentsFile } from './import-shipments.js';
import { storeIndicatorReports } from './indicator-queries.js';
import { KEPT_REPORTS, keptReport } from './kept-reports.js';
import { Store } from './store.js';

const network = loadNetwork(TINY_NETWORK_DIR).network;
const distances = new SectionDistances(network);
// A node the network does not know: its sections have no distance (unmeasured), as imported files cannot have.
const NODES = [...network.nodes.map((node) => node.id), 'nowhere'];
const CORRIDORS = network.corridors.map((corridor) => corridor.id);
const START = Date.UTC(2024, 10, 20);

const timestamp = (ms: number, offsetMin: number) => ({ ms, offsetMin, text: formatTimestamp(ms, offsetMin) });

/** A random shipment: 1 to 5 checkpoints, times that cross month and quarter ends, costs, cargo, optional fields. */
const shipment = fc
  .record({
    corridor: fc.constantFrom(...CORRIDORS),
    mode: fc.constantFrom(...SHIPMENT_MODES),
    cargoT: fc.double({ min: 1, max: 5000, noNaN: true }),
    teu: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    synthetic: fc.boolean(),
    commodity: fc.option(fc.constantFrom('grain', 'steel', 'oil'), { nil: undefined }),
    startMin: fc.integer({ min: 0, max: 200 * 24 * 60 }),
    stops: fc.array(
      fc.record({
        node: fc.constantFrom(...NODES),
        travelMin: fc.integer({ min: 0, max: 4 * 24 * 60 }),
        dwellMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        offsetMin: fc.constantFrom(0, 180, 210, 300, -60),
        official: fc.double({ min: 0, max: 2000, noNaN: true }),
        unofficial: fc.constantFrom(0, 0, 25.5, 100),
        delayReason: fc.constantFrom(...DELAY_REASONS),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map((s) => {
    let ms = START + s.startMin * 60_000;
    return s.stops.map((stop, i): CheckpointVisit => {
      if (i > 0) ms += stop.travelMin * 60_000;
      const arrival = timestamp(ms, stop.offsetMin);
      ms += stop.dwellMin * 60_000;
      return {
        shipmentId: '',
        corridor: s.corridor,
        mode: s.mode,
        cargoT: s.cargoT,
        ...(s.teu === undefined ? {} : { teu: s.teu }),
        synthetic: s.synthetic,
        ...(s.commodity === undefined ? {} : { commodity: s.commodity }),
        seq: (i + 1) * 10,
        node: stop.node,
        arrival,
        departure: timestamp(ms, stop.offsetMin),
        officialCostUsd: stop.official,
        unofficialCostUsd: stop.unofficial,
        delayReason: stop.delayReason,
      };
    });
  });

const shipments = fc
  .array(shipment, { minLength: 0, maxLength: 40 })
  .map((list) => list.flatMap((visits, i) => visits.map((visit) => ({ ...visit, shipmentId: `S${i}` }))));

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

/** A fresh store of the backend, closed when the test ends (`await using`). */
async function openStore(backend: Backend): Promise<Store & AsyncDisposable> {
  const store = await Store.open(freshStoreUrl(backend));
  return Object.assign(store, { [Symbol.asyncDispose]: () => store.close() });
}

/** Equal up to the last few bits of floating point: sums in another order differ there. */
function expectClose(actual: unknown, expected: unknown, path = 'report'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tolerance || (Number.isNaN(actual) && Number.isNaN(expected))))
      expect.fail(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (typeof expected !== 'object' || expected === null) {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(typeof actual, path).toBe('object');
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) expectClose(a[key], e[key], `${path}.${key}`);
}

describe.each(BACKENDS)('indicators computed in the %s store', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;

  it.skipIf(skip)('equal computeIndicators over the same visits, for any shipments and options', async () => {
    await using store = await openStore(backend);
    await fc.assert(
      fc.asyncProperty(shipments, fc.array(options, { minLength: 1, maxLength: 4 }), async (visits, optionSets) => {
        await store.db.deleteFrom('checkpoints').execute();
        await store.db.deleteFrom('shipments').execute();
        if (visits.length > 0)
          await store.saveShipments({ kind: 'shipments', file: 'random.csv', sha256: '', rowsRead: 0 }, visits);
        const stored = await store.visits();
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
        await store.db.deleteFrom('checkpoints').execute();
        await store.db.deleteFrom('shipments').execute();
        if (visits.length > 0)
          await store.saveShipments({ kind: 'shipments', file: 'random.csv', sha256: '', rowsRead: 0 }, visits);
        const stored = await store.visits();
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
    for (const options of KEPT_REPORTS) {
      const kept = await keptReport(store, stamp, on, options);
      expect(kept, JSON.stringify(options)).toBeDefined();
      expectClose(kept, computeIndicators(stored, on, new SectionDistances(on), options));
    }
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
    const marked = { ...computeIndicators(visits, network, distances, KEPT_REPORTS[0]!), shipments: -1 };
    await store.db
      .updateTable('indicator_reports')
      .set({ report: JSON.stringify(marked) })
      .execute();
    expect((await store.indicators(network, distances, KEPT_REPORTS[0]!)).shipments).toBe(-1);
    const filtered = { by: 'quarter' as const, corridor: visits[0]!.corridor };
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
    expect((await store.indicators(other, new SectionDistances(other), KEPT_REPORTS[0]!)).shipments).toBe(
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
