import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { generateShipments } from '../monitoring/generate.js';
import { freshStoreUrl, PG_TEST_URL } from '../test-support/store-backends.js';
import { Store } from './store.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

/** Every node of a plan (EXPLAIN's JSON). */
const nodesOf = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];

describe('a long PostgreSQL import', () => {
  it.skipIf(PG_TEST_URL === undefined)(
    'looks up the stored visits of a chunk by index once its own rows fill the tables',
    async () => {
      const visits = generateShipments(network, { rows: 30_000, seed: 'statistics' });
      await Store.using(freshStoreUrl('postgres'), (store) =>
        store.writeTransaction(async (locked) => {
          const id = await locked.beginImport({ kind: 'shipments', file: 'generated', sha256: '', rowsRead: 0 });
          // As a chunked import writes: the rows of earlier chunks, uncommitted, are all the tables hold.
          for (let i = 0; i < visits.length; i += 10_000) await locked.appendShipments(id, visits.slice(i, i + 10_000));
          // A few ids of many shipments, as a chunk's 500 are of a store of millions of rows.
          const ids = [...new Set(visits.map((visit) => visit.shipmentId))].slice(0, 50);
          // visitsOfShipments' query: without statistics the planner takes the ids for most of the table and scans it.
          const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`
            explain (format json) select c.*, s.corridor, i.file from checkpoints c
            inner join shipments s on s.shipment_id = c.shipment_id inner join imports i on i.id = c.import_id
            where c.shipment_id in (${sql.join(ids)})`.execute(locked.db);
          const scan = nodesOf(rows[0]!['QUERY PLAN'][0].Plan).find((node) => node['Relation Name'] === 'checkpoints');
          // 50 shipments have a few hundred visits: the estimate is of that order, and the scan an index's.
          expect(scan?.['Plan Rows']).toBeLessThan(visits.length / 20);
          expect(scan?.['Node Type']).toMatch(/^Index/);
        }),
      );
    },
  );
});
