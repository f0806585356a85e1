import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { SectionDistances } from '../monitoring/distance.js';
import type { IndicatorOptions, IndicatorReport } from '../monitoring/indicators.js';
import type { DistanceChart, DistanceChartOptions } from '../monitoring/time-distance.js';
import type { TradeRecord } from '../monitoring/trade.js';
import { parsePeriod } from '../monitoring/trade.js';
import type { CheckpointVisit } from '../monitoring/types.js';
import type { DelayReason, ShipmentMode } from '../monitoring/vocabulary.js';
import type { Confidence } from '../model/vocabulary.js';
import type { Network } from '../model/types.js';
import { describeLocation, resolveStoreLocation, type StoreLocation } from './database-url.js';
import { storeDistanceChart } from './distance-chart-query.js';
import { storeIndicators } from './indicator-queries.js';
import { bundledNetwork, keepReports, keptDistanceChart, keptReport } from './kept-reports.js';
import { migrationProvider } from './migrations.js';
import { insertByColumns } from './pg-column-insert.js';
import { withPgClient } from './postgres.js';
import { StoreSqliteDialect } from './sqlite-dialect.js';
import { storeFaultKind } from './store-errors.js';
import { TokenRegistry } from './tokens.js';
import type { CheckpointsTable, ImportsTable, ShipmentsTable, Tables } from './tables.js';

/** Rows per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters with 15 columns. */
const CHECKPOINT_BATCH = 1000;
const SHIPMENT_BATCH = 2000;
/** The column types of PostgreSQL's bulk inserts (insertByColumns), in the tables' order. */
const SHIPMENT_TYPES = {
  shipment_id: 'text',
  corridor: 'text',
  mode: 'text',
  cargo_t: 'double precision',
  teu: 'integer',
  synthetic: 'integer',
  commodity: 'text',
  import_id: 'integer',
} as const;
const CHECKPOINT_TYPES = {
  shipment_id: 'text',
  seq: 'integer',
  node: 'text',
  arrival: 'text',
  arrival_ms: 'bigint',
  arrival_offset_min: 'integer',
  departure: 'text',
  departure_ms: 'bigint',
  departure_offset_min: 'integer',
  official_cost_usd: 'double precision',
  unofficial_cost_usd: 'double precision',
  delay_reason: 'text',
  import_id: 'integer',
  line: 'integer',
} as const;
/** Ids per `IN (…)` lookup. */
const LOOKUP_BATCH = 500;
/** Rows a PostgreSQL transaction writes before it first has the planner's statistics of its tables taken again. */
const FIRST_ANALYZE_ROWS = 20_000;

export interface ImportRecord {
  kind: 'shipments' | 'targets' | 'observations';
  file: string;
  sha256: string;
  rowsRead: number;
  /** Who imports it (the audit log's `actor`): `token NAME` or `cli USER`. */
  actor?: string;
}

export interface StoreCounts {
  imports: number;
  shipments: number;
  checkpoints: number;
  tradeRecords: number;
}

/** Progress of a long write: rows written so far of the total. */
export type ProgressListener = (done: number, total: number) => void;

/** PostgreSQL returns 64-bit integers as text by default; every bigint here is a millisecond count, safe as a number. */
const PG_INT8 = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The store of shipment records and trade figures: SQLite by default, PostgreSQL by URL, one query layer (Kysely)
 * for both. The schema is created or brought up to date when a store is opened.
 */
export class Store {
  private tokenRegistry: TokenRegistry | undefined;
  /** The network whose reports imports keep (keepReportsFor); undefined: importNetwork, else the bundled one. */
  private reportNetwork: Network | null | undefined;
  /** The network the last shipments import through this store was checked against. */
  private importNetwork: Network | undefined;
  /** Checkpoints this transaction has written, and how many it will have written when it next runs ANALYZE. */
  private writtenRows = 0;
  private nextAnalyzeRows = FIRST_ANALYZE_ROWS;

  private constructor(
    readonly db: Kysely<Tables>,
    readonly location: StoreLocation,
  ) {}

  /** The API tokens kept in this store. */
  get tokens(): TokenRegistry {
    this.tokenRegistry ??= new TokenRegistry(this.db);
    return this.tokenRegistry;
  }

  /**
   * Runs `work` in one write transaction that holds the store's import lock from its first statement: checks that
   * read the store and the writes that follow see the same rows, whatever other processes do meanwhile (SQLite:
   * BEGIN IMMEDIATE; PostgreSQL: a transaction-level advisory lock per schema). `work` gets a store bound to the
   * transaction; a store already in a transaction runs `work` in it.
   */
  async writeTransaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return this.db.transaction().execute(async (trx) => {
      if (this.backend === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ':caravan-import'))`.execute(trx);
      const locked = new Store(trx, this.location);
      locked.reportNetwork = this.reportNetwork;
      locked.importNetwork = this.importNetwork;
      return work(locked);
    });
  }

  /**
   * Which network the dashboard's reports are kept for at each import (KEPT_REPORTS): the bundled one unless told
   * another; null keeps none. A report asked of another network is computed, as any filtered one is.
   */
  keepReportsFor(network: Network | null): void {
    this.reportNetwork = network;
  }

  /**
   * The network a shipments import checks its rows against: its reports are kept unless keepReportsFor chose
   * another (a server or CLI given --network keeps the reports its dashboard asks for).
   */
  importsAgainst(network: Network): void {
    this.importNetwork = network;
  }

  /**
   * Stores the kept reports of the shipments as this transaction leaves them: what an import or revert of shipments
   * calls before it commits.
   */
  async keepReports(): Promise<void> {
    const network = this.reportNetwork === undefined ? (this.importNetwork ?? bundledNetwork()) : this.reportNetwork;
    if (network !== null) await keepReports(this, network);
  }

  /** Changes with every import or revert of shipments: what the kept reports are stored under. */
  async shipmentsStamp(): Promise<string> {
    return this.importsStamp('shipments');
  }

  /** Whether the store answers a trivial query now (the health endpoint's probe), within two seconds. */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2000)));
    const probe = sql`select 1`.execute(this.db).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Changes with every import or revert, by any process: what answers computed from the store are kept by. */
  async changeStamp(): Promise<string> {
    return this.read(() => this.importsStamp());
  }

  /** The last import's id and how many are reverted, of every kind or of one. */
  private async importsStamp(kind?: ImportRecord['kind']): Promise<string> {
    let query = this.db
      .selectFrom('imports')
      .select((eb) => [eb.fn.max('id').as('last'), eb.fn.count('reverted_at').as('reverted')]);
    if (kind !== undefined) query = query.where('kind', '=', kind);
    const row = await query.executeTakeFirst();
    return `${String(row?.last ?? 0)}:${String(row?.reverted ?? 0)}`;
  }

  /**
   * Runs a read, again if the connection it ran on was dropped (a PostgreSQL restart or failover closes the
   * pool's connections; the retry gets a new one). Only for reads outside a transaction: they can be repeated.
   */
  private async read<T>(query: () => Promise<T>): Promise<T> {
    // Pauses for the pool to hear of its other dropped connections (each stale one fails a try) or for a restarting
    // server to accept connections again: about two seconds in all before the store is called unavailable.
    for (const pause of [100, 400, 1500]) {
      try {
        return await query();
      } catch (error) {
        if (this.db.isTransaction || storeFaultKind(error) !== 'unavailable') throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
    return query();
  }

  static async open(location: StoreLocation | string | undefined = undefined): Promise<Store> {
    const resolved = typeof location === 'object' ? location : resolveStoreLocation(location);
    const db = resolved.backend === 'sqlite' ? openSqlite(resolved.path) : await openPostgres(resolved);
    const store = new Store(db, resolved);
    try {
      await store.migrate();
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return store;
  }

  /** Opens a store, runs `work` with it and closes it, whatever happens. */
  static async using<T>(location: StoreLocation | string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
    const store = await Store.open(location);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  get backend(): StoreLocation['backend'] {
    return this.location.backend;
  }

  describe(): string {
    return describeLocation(this.location);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider(this.backend),
      migrationTableName: 'caravan_migration',
      migrationLockTableName: 'caravan_migration_lock',
      // Without it Kysely finds the migration tables of another schema of the database and skips creating its own.
      ...(this.location.backend === 'postgres' && this.location.schema !== undefined
        ? { migrationTableSchema: this.location.schema }
        : {}),
    });
    // Kysely migrates SQLite outside a transaction and without a lock (it assumes one connection), so two
    // processes opening a new store at once could both create its tables. One IMMEDIATE transaction around the
    // whole migration takes the write lock first (the other waits, up to the busy timeout, then finds the
    // migrations done), and makes the migration all or nothing.
    const sqlite = this.location.backend === 'sqlite';
    if (sqlite) await sql`begin immediate`.execute(this.db);
    let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
    try {
      outcome = await migrator.migrateToLatest();
    } catch (thrown) {
      if (sqlite) await sql`rollback`.execute(this.db);
      throw thrown;
    }
    if (sqlite) await sql.raw(outcome.error === undefined ? 'commit' : 'rollback').execute(this.db);
    const { error, results } = outcome;
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      throw new Error(
        `cannot migrate the store ${this.describe()}${failed ? ` (${failed})` : ''}: ${String((error as Error).message ?? error)}`,
      );
    }
  }

  async counts(): Promise<StoreCounts> {
    const count = async (table: keyof Tables) =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      imports: await count('imports'),
      shipments: await count('shipments'),
      checkpoints: await count('checkpoints'),
      tradeRecords: await count('trade_records'),
    };
  }

  /** Stored visits of these shipments, each with the file and line it was imported from. */
  async visitsOfShipments(ids: readonly string[]): Promise<CheckpointVisit[]> {
    const unique = [...new Set(ids)];
    const visits: CheckpointVisit[] = [];
    for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
      const batch = unique.slice(i, i + LOOKUP_BATCH);
      const rows = await this.visitQuery().where('c.shipment_id', 'in', batch).execute();
      visits.push(...rows.map(rowToVisit));
    }
    return visits;
  }

  /**
   * Every stored visit, read into the process (`caravan reliability`'s dwell sample, digests, tests, the benchmark's
   * baseline). The indicators and the distance chart are computed in the store instead.
   */
  async visits(): Promise<CheckpointVisit[]> {
    const query = this.visitQuery();
    const rows = await this.read(() => query.orderBy('c.shipment_id').orderBy('c.seq').execute());
    return rows.map(rowToVisit);
  }

  /**
   * The indicator report of the stored shipments, computed in the database (storeIndicators): the same report as
   * computeIndicators over `visits()`, without reading the rows into the process. The dashboard's reports
   * (KEPT_REPORTS) are read as the last import or revert stored them.
   */
  async indicators(network: Network, distances: SectionDistances, options: IndicatorOptions): Promise<IndicatorReport> {
    return this.read(async () => {
      // The dashboard's reports were computed when the shipments last changed; any other is computed now.
      const kept = await keptReport(this, await this.shipmentsStamp(), network, options);
      return kept ?? storeIndicators(this.db, this.backend, network, distances, options);
    });
  }

  /**
   * The time/cost-distance chart of the stored shipments, computed in the database (storeDistanceChart): the same
   * chart as distanceChart over `visits()`, without reading the rows into the process. The unfiltered chart is read
   * as the last import or revert stored it.
   */
  async distanceChart(
    network: Network,
    distances: SectionDistances,
    options: DistanceChartOptions,
  ): Promise<DistanceChart> {
    return this.read(async () => {
      if (options.corridor === undefined && options.node === undefined) {
        const kept = await keptDistanceChart(this, await this.shipmentsStamp(), network);
        if (kept !== undefined)
          return options.maxSeries === undefined ? kept : { ...kept, series: kept.series.slice(0, options.maxSeries) };
      }
      return storeDistanceChart(this.db, distances, options);
    });
  }

  private visitQuery() {
    return this.db
      .selectFrom('checkpoints as c')
      .innerJoin('shipments as s', 's.shipment_id', 'c.shipment_id')
      .innerJoin('imports as i', 'i.id', 'c.import_id')
      .select([
        'c.shipment_id',
        's.corridor',
        's.mode',
        's.cargo_t',
        's.teu',
        's.synthetic',
        's.commodity',
        'c.seq',
        'c.node',
        'c.arrival',
        'c.arrival_ms',
        'c.arrival_offset_min',
        'c.departure',
        'c.departure_ms',
        'c.departure_offset_min',
        'c.official_cost_usd',
        'c.unofficial_cost_usd',
        'c.delay_reason',
        'c.line',
        'i.file',
      ]);
  }

  /**
   * Writes the new visits of one file in one transaction: either all of them and the import's record, or, if
   * anything fails (or the process dies), nothing. Shipments already stored keep their header row. The dashboard's
   * reports are computed again in the same transaction.
   */
  async saveShipments(
    record: ImportRecord,
    visits: readonly CheckpointVisit[],
    onProgress?: ProgressListener,
  ): Promise<number> {
    return this.writeTransaction(async (locked) => {
      const importId = await insertImport(locked.db, record, visits.length);
      await locked.appendShipments(importId, visits, onProgress);
      await locked.keepReports();
      return importId;
    });
  }

  /**
   * Writes visits under an import already recorded (`beginImport`): a streaming import writes its file chunk by
   * chunk, in one transaction, and `finishImport` gives the record its counts at the end.
   */
  async appendShipments(
    importId: number,
    visits: readonly CheckpointVisit[],
    onProgress?: ProgressListener,
  ): Promise<void> {
    await this.writeTransaction(async (locked) => {
      const trx = locked.db;
      const headers = new Map<string, CheckpointVisit>();
      for (const visit of visits) if (!headers.has(visit.shipmentId)) headers.set(visit.shipmentId, visit);
      const shipmentRows = [...headers.values()].map((visit) => ({
        shipment_id: visit.shipmentId,
        corridor: visit.corridor,
        mode: visit.mode,
        cargo_t: visit.cargoT,
        teu: visit.teu ?? null,
        synthetic: visit.synthetic ? 1 : 0,
        commodity: visit.commodity ?? null,
        import_id: importId,
      }));
      const checkpointRows = visits.map((visit) => ({
        shipment_id: visit.shipmentId,
        seq: visit.seq,
        node: visit.node,
        arrival: visit.arrival.text,
        arrival_ms: visit.arrival.ms,
        arrival_offset_min: visit.arrival.offsetMin,
        departure: visit.departure.text,
        departure_ms: visit.departure.ms,
        departure_offset_min: visit.departure.offsetMin,
        official_cost_usd: visit.officialCostUsd,
        unofficial_cost_usd: visit.unofficialCostUsd,
        delay_reason: visit.delayReason,
        import_id: importId,
        line: visit.origin?.line ?? 0,
      }));
      if (locked.backend === 'postgres') {
        await insertByColumns(trx, 'shipments', SHIPMENT_TYPES, shipmentRows, 'on conflict (shipment_id) do nothing');
        await insertByColumns(trx, 'checkpoints', CHECKPOINT_TYPES, checkpointRows, '', (done) =>
          onProgress?.(done, visits.length),
        );
      } else {
        for (let i = 0; i < shipmentRows.length; i += SHIPMENT_BATCH) {
          await trx
            .insertInto('shipments')
            .values(shipmentRows.slice(i, i + SHIPMENT_BATCH))
            .onConflict((oc) => oc.column('shipment_id').doNothing())
            .execute();
        }
        for (let i = 0; i < checkpointRows.length; i += CHECKPOINT_BATCH) {
          await trx
            .insertInto('checkpoints')
            .values(checkpointRows.slice(i, i + CHECKPOINT_BATCH))
            .execute();
          onProgress?.(Math.min(i + CHECKPOINT_BATCH, visits.length), visits.length);
        }
      }
      await locked.analyzeAsTheTablesGrow(visits.length);
    });
  }

  /**
   * PostgreSQL plans a chunked import's lookups (visitsOfShipments) from statistics that autovacuum takes only of
   * committed rows: a store filled by one long import has none, the planner takes `shipment_id in (…500 ids)` for
   * most of the table, and each lookup scanned every row written so far (the import was quadratic: a 10 M-row one
   * never finished). ANALYZE inside the transaction counts its own rows; run each time the rows written have
   * doubled, it costs 30,000 sampled rows eight times in a 10 M-row import. (It also updates the row count in
   * pg_class in place, so a rolled-back import leaves the count high until autovacuum next takes it: plans then
   * favor indexes, which is harmless.)
   */
  private async analyzeAsTheTablesGrow(rows: number): Promise<void> {
    if (this.backend !== 'postgres') return;
    this.writtenRows += rows;
    if (this.writtenRows < this.nextAnalyzeRows) return;
    await sql`analyze shipments, checkpoints`.execute(this.db);
    this.nextAnalyzeRows = this.writtenRows * 2;
  }

  /** Records an import whose rows come in chunks (`appendShipments`); its counts and digest come at the end. */
  async beginImport(record: ImportRecord): Promise<number> {
    return insertImport(this.db, record, 0);
  }

  async finishImport(importId: number, figures: { sha256: string; rowsRead: number; rowsNew: number }): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({ sha256: figures.sha256, rows_read: figures.rowsRead, rows_new: figures.rowsNew })
      .where('id', '=', importId)
      .execute();
  }

  async tradeRecords(): Promise<TradeRecord[]> {
    const rows = await this.read(() =>
      this.db
        .selectFrom('trade_records as t')
        .innerJoin('imports as i', 'i.id', 't.import_id')
        .selectAll('t')
        .select('i.file')
        .orderBy('t.id')
        .execute(),
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind as TradeRecord['kind'],
      indicator: row.indicator,
      label: row.label,
      period: parsePeriod(row.period)!,
      value: row.value,
      unit: row.unit as TradeRecord['unit'],
      qualifier: row.qualifier as TradeRecord['qualifier'],
      sources: row.sources === '' ? [] : row.sources.split(';'),
      confidence: row.confidence as Confidence,
      estimatedFields: row.estimated_fields === '' ? [] : row.estimated_fields.split(';'),
      ...(row.notes === null ? {} : { notes: row.notes }),
      origin: { file: row.file, line: row.line },
    }));
  }

  async saveTradeRecords(record: ImportRecord, records: readonly TradeRecord[]): Promise<number> {
    return this.writeTransaction(async ({ db: trx }) => {
      const importId = await insertImport(trx, record, records.length);
      for (let i = 0; i < records.length; i += CHECKPOINT_BATCH) {
        await trx
          .insertInto('trade_records')
          .values(
            records.slice(i, i + CHECKPOINT_BATCH).map((r) => ({
              id: r.id,
              kind: r.kind,
              indicator: r.indicator,
              label: r.label,
              period: r.period.text,
              value: r.value,
              unit: r.unit,
              qualifier: r.qualifier,
              sources: r.sources.join(';'),
              confidence: r.confidence,
              estimated_fields: r.estimatedFields.join(';'),
              notes: r.notes ?? null,
              import_id: importId,
              line: r.origin?.line ?? 0,
            })),
          )
          .execute();
      }
      return importId;
    });
  }
}

export async function insertImport(trx: Kysely<Tables>, record: ImportRecord, rowsNew: number): Promise<number> {
  const inserted = await trx
    .insertInto('imports')
    .values({
      kind: record.kind,
      file: record.file,
      sha256: record.sha256,
      imported_at: new Date().toISOString(),
      rows_read: record.rowsRead,
      rows_new: rowsNew,
      actor: record.actor ?? 'unknown',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** A row of visitQuery: a checkpoint with its shipment's header and the file it was imported from. */
type VisitRow = Omit<ShipmentsTable, 'import_id'> & Omit<CheckpointsTable, 'import_id'> & Pick<ImportsTable, 'file'>;

function rowToVisit(row: VisitRow): CheckpointVisit {
  return {
    shipmentId: row.shipment_id,
    corridor: row.corridor,
    mode: row.mode as ShipmentMode,
    cargoT: row.cargo_t,
    ...(row.teu === null ? {} : { teu: row.teu }),
    synthetic: row.synthetic === 1,
    ...(row.commodity === null ? {} : { commodity: row.commodity }),
    seq: row.seq,
    node: row.node,
    arrival: { text: row.arrival, ms: Number(row.arrival_ms), offsetMin: row.arrival_offset_min },
    departure: { text: row.departure, ms: Number(row.departure_ms), offsetMin: row.departure_offset_min },
    officialCostUsd: row.official_cost_usd,
    unofficialCostUsd: row.unofficial_cost_usd,
    delayReason: row.delay_reason as DelayReason,
    origin: { file: row.file, line: row.line },
  };
}

function openSqlite(path: string): Kysely<Tables> {
  const database = new Database(path);
  // WAL: readers do not block the writer; a transaction cut short by a crash is rolled back on the next open.
  if (path !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // Imports stream their file inside one write transaction, so a second writer may wait for a whole import.
  database.pragma('busy_timeout = 30000');
  // SQLite's own default page cache, 2 MB, not better-sqlite3's 16 MB: the cache bounds each connection's main and
  // temporary pages and the in-memory part of each sort, and the server keeps three connections. After an import,
  // fresh indicators of a 390,000-row store left the server 155 MiB larger with 16 MB, 70 MiB with 2 MB, in the same
  // time (the operating system caches the file).
  database.pragma('cache_size = -2000');
  return new Kysely<Tables>({ dialect: new StoreSqliteDialect(database) });
}

async function openPostgres(location: Extract<StoreLocation, { backend: 'postgres' }>): Promise<Kysely<Tables>> {
  const config: pg.PoolConfig = { connectionString: location.url, max: 4, types: pgTypes };
  if (location.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(location.schema))
      throw new Error(`schema "${location.schema}": expected lower-case letters, digits and '_'`);
    await withPgClient(location.url, (client) => client.query(`create schema if not exists ${location.schema}`));
    config.options = `-c search_path=${location.schema}`;
  }
  const pool = new pg.Pool(config);
  // An idle pooled connection the server drops (restart, failover, idle timeout) is reported here; unhandled, the
  // event would end the process. The pool has already discarded the client: the next query opens a new one.
  pool.on('error', () => undefined);
  // A connection checked out when it drops has no pool listener: without one its error, too, would end the process.
  // Its query fails (and is reported), and the pool discards it when it comes back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}
