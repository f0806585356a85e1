import fc from 'fast-check';
import { expect } from 'vitest';
import { formatTimestamp } from '../monitoring/timestamp.js';
import type { CheckpointVisit } from '../monitoring/types.js';
import { DELAY_REASONS, SHIPMENT_MODES } from '../monitoring/vocabulary.js';
import type { Network } from '../model/types.js';
import { Store } from '../store/store.js';
import { freshStoreUrl, type Backend } from './store-backends.js';

const START = Date.UTC(2024, 10, 20);

export const timestamp = (ms: number, offsetMin: number) => ({ ms, offsetMin, text: formatTimestamp(ms, offsetMin) });

/**
 * Random stored shipments over `network`'s corridors and nodes, and one node it does not know (`nowhere`: its
 * sections have no distance, as imported files cannot have): 0 to 40 shipments of 1 to 5 checkpoints, times that
 * cross month and quarter ends, costs, cargo, optional fields. What the store's queries are checked against the
 * pure core with.
 */
export function randomShipments(network: Network): fc.Arbitrary<CheckpointVisit[]> {
  const nodes = [...network.nodes.map((node) => node.id), 'nowhere'];
  const corridors = network.corridors.map((corridor) => corridor.id);
  const shipment = fc
    .record({
      corridor: fc.constantFrom(...corridors),
      mode: fc.constantFrom(...SHIPMENT_MODES),
      cargoT: fc.double({ min: 1, max: 5000, noNaN: true }),
      teu: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      synthetic: fc.boolean(),
      commodity: fc.option(fc.constantFrom('grain', 'steel', 'oil'), { nil: undefined }),
      startMin: fc.integer({ min: 0, max: 200 * 24 * 60 }),
      stops: fc.array(
        fc.record({
          node: fc.constantFrom(...nodes),
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
  return fc
    .array(shipment, { minLength: 0, maxLength: 40 })
    .map((list) => list.flatMap((visits, i) => visits.map((visit) => ({ ...visit, shipmentId: `S${i}` }))));
}

/** Replaces the store's shipments with these (an import of them), and gives them back as the store reads them. */
export async function storeOnly(store: Store, visits: readonly CheckpointVisit[]): Promise<CheckpointVisit[]> {
  await store.db.deleteFrom('checkpoints').execute();
  await store.db.deleteFrom('shipments').execute();
  if (visits.length > 0)
    await store.saveShipments({ kind: 'shipments', file: 'random.csv', sha256: '', rowsRead: 0 }, visits);
  return store.visits();
}

/** A fresh store of the backend, closed when the test ends (`await using`). */
export async function openStore(backend: Backend): Promise<Store & AsyncDisposable> {
  const store = await Store.open(freshStoreUrl(backend));
  return Object.assign(store, { [Symbol.asyncDispose]: () => store.close() });
}

/** Equal up to the last few bits of floating point: sums in another order differ there. */
export function expectClose(actual: unknown, expected: unknown, path = 'report'): void {
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
