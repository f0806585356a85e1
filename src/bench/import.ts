import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { writeShipmentsCsv } from '../data/shipments-csv.js';
import { generateShipments } from '../monitoring/generate.js';
import type { CheckpointVisit } from '../monitoring/types.js';
import { withSchema } from '../store/database-url.js';
import { importShipmentsFile } from '../store/import-shipments.js';
import { dropSchema, withPgClient } from '../store/postgres.js';
import { Store } from '../store/store.js';
import { writeResults } from './harness.js';

const ROWS = 100_000;
const RUNS = 3;

interface Rate {
  medianMs: number;
  rowsPerSecond: number;
  runs: number;
}

async function timeRuns(run: () => Promise<void>): Promise<Rate> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const medianMs = samples[Math.floor(samples.length / 2)]!;
  return { medianMs, rowsPerSecond: ROWS / (medianMs / 1000), runs: RUNS };
}

const CHECKPOINT_COLUMNS = [
  'shipment_id',
  'seq',
  'node',
  'arrival',
  'arrival_ms',
  'arrival_offset_min',
  'departure',
  'departure_ms',
  'departure_offset_min',
  'official_cost_usd',
  'unofficial_cost_usd',
  'delay_reason',
  'import_id',
  'line',
];

const checkpointValues = (v: CheckpointVisit, line: number) => [
  v.shipmentId,
  v.seq,
  v.node,
  v.arrival.text,
  v.arrival.ms,
  v.arrival.offsetMin,
  v.departure.text,
  v.departure.ms,
  v.departure.offsetMin,
  v.officialCostUsd,
  v.unofficialCostUsd,
  v.delayReason,
  1,
  line,
];

/** The baseline: the same rows into the same tables with plain better-sqlite3 prepared statements, one transaction. */
async function sqliteBaseline(dir: string, visits: readonly CheckpointVisit[]): Promise<void> {
  const path = join(dir, `baseline-${Math.random().toString(36).slice(2)}.sqlite`);
  await Store.using(path, async () => {}); // same schema, made by the migrations
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const insertImport = db.prepare(
    "insert into imports (kind, file, sha256, imported_at, rows_read, rows_new) values ('shipments', 'bench', '', '', ?, ?)",
  );
  const insertShipment = db.prepare(
    'insert into shipments (shipment_id, corridor, mode, cargo_t, teu, synthetic, import_id) values (?, ?, ?, ?, ?, ?, 1) on conflict do nothing',
  );
  const insertCheckpoint = db.prepare(
    `insert into checkpoints (${CHECKPOINT_COLUMNS.join(', ')}) values (${CHECKPOINT_COLUMNS.map(() => '?').join(', ')})`,
  );
  db.transaction(() => {
    insertImport.run(visits.length, visits.length);
    visits.forEach((v, i) => {
      if (v.seq === 1) insertShipment.run(v.shipmentId, v.corridor, v.mode, v.cargoT, v.teu ?? null, 1);
      insertCheckpoint.run(...checkpointValues(v, i + 2));
    });
  })();
  db.close();
}

/** A plain `pg` baseline: multi-row parameterized INSERTs of 1,000 rows in one transaction. */
async function postgresBaseline(url: string, schema: string, visits: readonly CheckpointVisit[]): Promise<void> {
  await withPgClient({ connectionString: url, options: `-c search_path=${schema}` }, async (client) => {
    await client.query('begin');
    await client.query(
      "insert into imports (kind, file, sha256, imported_at, rows_read, rows_new) values ('shipments', 'bench', '', '', $1, $1)",
      [visits.length],
    );
    const headers = visits.filter((v) => v.seq === 1);
    for (let i = 0; i < headers.length; i += 2000) {
      const batch = headers.slice(i, i + 2000);
      const params = batch.flatMap((v) => [v.shipmentId, v.corridor, v.mode, v.cargoT, v.teu ?? null]);
      const rows = batch.map(
        (_, r) => `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5}, 1, 1)`,
      );
      await client.query(
        `insert into shipments (shipment_id, corridor, mode, cargo_t, teu, synthetic, import_id) values ${rows.join(', ')} on conflict do nothing`,
        params,
      );
    }
    const width = CHECKPOINT_COLUMNS.length;
    for (let i = 0; i < visits.length; i += 1000) {
      const batch = visits.slice(i, i + 1000);
      const params = batch.flatMap((v, r) => checkpointValues(v, i + r + 2));
      const rows = batch.map((_, r) => `(${CHECKPOINT_COLUMNS.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
      await client.query(
        `insert into checkpoints (${CHECKPOINT_COLUMNS.join(', ')}) values ${rows.join(', ')}`,
        params,
      );
    }
    await client.query('commit');
  });
}

/** One backend's rates against its plain-driver baseline: printed, and as its entry in the results. */
function compared(
  backend: string,
  driver: string,
  baselineName: string,
  rates: { import: Rate; storeWrite: Rate; baseline: Rate },
) {
  console.log(
    `import ${ROWS} rows into ${backend}: ${Math.round(rates.import.rowsPerSecond)} rows/s end to end, ` +
      `${Math.round(rates.storeWrite.rowsPerSecond)} rows/s store write; baseline (plain ${driver}) ` +
      `${Math.round(rates.baseline.rowsPerSecond)} rows/s`,
  );
  return {
    import: rates.import,
    storeWrite: rates.storeWrite,
    baseline: { name: baselineName, ...rates.baseline },
    ratioImportToBaseline: rates.import.rowsPerSecond / rates.baseline.rowsPerSecond,
    ratioStoreWriteToBaseline: rates.storeWrite.rowsPerSecond / rates.baseline.rowsPerSecond,
  };
}

/**
 * Imports 100,000 synthetic shipment rows: `caravan shipments import` end to end (read, validate, check against the
 * network and the store, write in one transaction), and its store write alone, against plain driver inserts of
 * the same rows into the same tables in one transaction, measured in the same run.
 */
export async function runImportBench(): Promise<string> {
  const network = loadNetwork(BUNDLED_NETWORK_DIR).network;
  const visits = generateShipments(network, { rows: ROWS, seed: 'bench' });
  const dir = mkdtempSync(join(tmpdir(), 'caravan-bench-'));
  try {
    const file = join(dir, 'shipments.csv');
    await writeShipmentsCsv(file, visits, ['SYNTHETIC benchmark data']);
    const withLines = visits.map((visit, i) => ({ ...visit, origin: { file, line: i + 3 } }));
    let n = 0;
    const sqlitePath = () => join(dir, `store-${n++}.sqlite`);

    const importInto = async (store: Store) => {
      const summary = await importShipmentsFile(store, network, file);
      if (summary.new !== ROWS) throw new Error(`imported ${summary.new} rows, expected ${ROWS}`);
    };
    const writeInto = async (store: Store) => {
      await store.saveShipments({ kind: 'shipments', file, sha256: '', rowsRead: ROWS }, withLines);
    };

    const results: Record<string, unknown> = {
      rows: ROWS,
      sqlite: compared('SQLite', 'better-sqlite3', 'better-sqlite3 prepared statements, one transaction', {
        import: await timeRuns(() => Store.using(sqlitePath(), importInto)),
        storeWrite: await timeRuns(() => Store.using(sqlitePath(), writeInto)),
        baseline: await timeRuns(() => sqliteBaseline(dir, visits)),
      }),
    };

    const pgUrl = process.env['CARAVAN_BENCH_DATABASE_URL'] ?? process.env['CARAVAN_TEST_DATABASE_URL'];
    if (pgUrl === undefined) {
      results['postgres'] = {
        skipped: 'set CARAVAN_BENCH_DATABASE_URL or CARAVAN_TEST_DATABASE_URL to include PostgreSQL',
      };
      console.log('skipped PostgreSQL import: no CARAVAN_BENCH_DATABASE_URL or CARAVAN_TEST_DATABASE_URL');
    } else {
      const fresh = async (work: (schema: string) => Promise<void>) => {
        const schema = `caravan_bench_${n++}`;
        try {
          await work(schema);
        } finally {
          await dropSchema(pgUrl, schema);
        }
      };
      results['postgres'] = compared(
        'PostgreSQL',
        'pg',
        'pg multi-row parameterized INSERT of 1,000 rows, one transaction',
        {
          import: await timeRuns(() => fresh((schema) => Store.using(withSchema(pgUrl, schema), importInto))),
          storeWrite: await timeRuns(() => fresh((schema) => Store.using(withSchema(pgUrl, schema), writeInto))),
          baseline: await timeRuns(() =>
            fresh(async (schema) => {
              await Store.using(withSchema(pgUrl, schema), async () => {}); // same schema, made by the migrations
              await postgresBaseline(pgUrl, schema, visits);
            }),
          ),
        },
      );
    }
    return writeResults('import', {
      baseline: 'plain driver inserts of the same rows into the same tables, one transaction, same run',
      ...results,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
