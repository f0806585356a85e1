import { type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreLocation } from './database-url.js';
import { securityMigrations } from './security-migrations.js';

type Backend = StoreLocation['backend'];

/**
 * The store's schema, one migration per change, applied in name order on first use of a store (never edit a
 * released migration: add the next one).
 */
function migrations(backend: Backend): Record<string, Migration> {
  const idColumn = backend === 'sqlite' ? 'integer' : 'serial';
  return {
    '0001-shipments': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('imports')
          .addColumn('id', idColumn, (col) =>
            backend === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey(),
          )
          .addColumn('kind', 'text', (col) => col.notNull())
          .addColumn('file', 'text', (col) => col.notNull())
          .addColumn('sha256', 'text', (col) => col.notNull())
          .addColumn('imported_at', 'text', (col) => col.notNull())
          .addColumn('rows_read', 'integer', (col) => col.notNull())
          .addColumn('rows_new', 'integer', (col) => col.notNull())
          .execute();
        await db.schema
          .createTable('shipments')
          .addColumn('shipment_id', 'text', (col) => col.primaryKey())
          .addColumn('corridor', 'text', (col) => col.notNull())
          .addColumn('mode', 'text', (col) => col.notNull())
          .addColumn('cargo_t', 'double precision', (col) => col.notNull())
          .addColumn('teu', 'integer')
          .addColumn('synthetic', 'integer', (col) => col.notNull())
          .addColumn('import_id', 'integer', (col) => col.notNull().references('imports.id'))
          .execute();
        await db.schema
          .createTable('checkpoints')
          .addColumn('shipment_id', 'text', (col) => col.notNull().references('shipments.shipment_id'))
          .addColumn('seq', 'integer', (col) => col.notNull())
          .addColumn('node', 'text', (col) => col.notNull())
          .addColumn('arrival', 'text', (col) => col.notNull())
          .addColumn('arrival_ms', 'bigint', (col) => col.notNull())
          .addColumn('arrival_offset_min', 'integer', (col) => col.notNull())
          .addColumn('departure', 'text', (col) => col.notNull())
          .addColumn('departure_ms', 'bigint', (col) => col.notNull())
          .addColumn('departure_offset_min', 'integer', (col) => col.notNull())
          .addColumn('official_cost_usd', 'double precision', (col) => col.notNull())
          .addColumn('unofficial_cost_usd', 'double precision', (col) => col.notNull())
          .addColumn('delay_reason', 'text', (col) => col.notNull())
          .addColumn('import_id', 'integer', (col) => col.notNull().references('imports.id'))
          .addColumn('line', 'integer', (col) => col.notNull())
          .addPrimaryKeyConstraint('checkpoints_pk', ['shipment_id', 'seq'])
          .execute();
        await db.schema.createIndex('checkpoints_node').on('checkpoints').column('node').execute();
        await db.schema.createIndex('shipments_corridor').on('shipments').column('corridor').execute();
      },
    },
    '0002-trade-records': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('trade_records')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('kind', 'text', (col) => col.notNull())
          .addColumn('indicator', 'text', (col) => col.notNull())
          .addColumn('label', 'text', (col) => col.notNull())
          .addColumn('period', 'text', (col) => col.notNull())
          .addColumn('value', 'double precision', (col) => col.notNull())
          .addColumn('unit', 'text', (col) => col.notNull())
          .addColumn('qualifier', 'text', (col) => col.notNull())
          .addColumn('sources', 'text', (col) => col.notNull())
          .addColumn('confidence', 'text', (col) => col.notNull())
          .addColumn('estimated_fields', 'text', (col) => col.notNull())
          .addColumn('notes', 'text')
          .addColumn('import_id', 'integer', (col) => col.notNull().references('imports.id'))
          .addColumn('line', 'integer', (col) => col.notNull())
          .execute();
      },
    },
    '0003-observations': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('observations')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('indicator', 'text', (col) => col.notNull())
          .addColumn('scope', 'text', (col) => col.notNull())
          .addColumn('scope_id', 'text', (col) => col.notNull())
          .addColumn('mode', 'text', (col) => col.notNull())
          .addColumn('direction', 'text', (col) => col.notNull())
          .addColumn('period', 'text', (col) => col.notNull())
          .addColumn('value', 'double precision', (col) => col.notNull())
          .addColumn('unit', 'text', (col) => col.notNull())
          .addColumn('sources', 'text', (col) => col.notNull())
          .addColumn('confidence', 'text', (col) => col.notNull())
          .addColumn('estimated_fields', 'text', (col) => col.notNull())
          .addColumn('notes', 'text')
          .addColumn('import_id', 'integer', (col) => col.notNull().references('imports.id'))
          .addColumn('line', 'integer', (col) => col.notNull())
          .execute();
      },
    },
    '0004-shipment-commodity': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('shipments').addColumn('commodity', 'text').execute();
      },
    },
    // Uncertainty sweeps: the definition once, each sample's result once (the key makes a retried sample a no-op).
    '0005-sweeps': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sweeps')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('spec', 'text', (col) => col.notNull())
          .addColumn('context', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .execute();
        await db.schema
          .createTable('sweep_samples')
          .addColumn('sweep_id', 'text', (col) => col.notNull().references('sweeps.id'))
          .addColumn('sample', 'integer', (col) => col.notNull())
          .addColumn('input_values', 'text', (col) => col.notNull())
          .addColumn('outputs', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('sweep_samples_pk', ['sweep_id', 'sample'])
          .execute();
      },
    },
    // The dashboard's indicator reports, kept by the import that last changed the shipments (kept-reports.ts).
    '0007-indicator-reports': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('indicator_reports')
          .addColumn('stamp', 'text', (col) => col.notNull())
          .addColumn('network_key', 'text', (col) => col.notNull())
          .addColumn('options_key', 'text', (col) => col.notNull())
          .addColumn('report', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('indicator_reports_pk', ['stamp', 'network_key', 'options_key'])
          .execute();
      },
    },
    // The server's jobs (scenario runs, later imports), so that a restart resumes the unfinished ones and a finished
    // job's result is read back by its id. Numbered 0008: 0007 and 0009 are taken by other branches.
    '0008-jobs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('kind', 'text', (col) => col.notNull())
          .addColumn('job_key', 'text', (col) => col.notNull())
          .addColumn('params', 'text', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('cached', 'integer', (col) => col.notNull())
          .addColumn('submitted_at', 'text', (col) => col.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('result', 'text')
          .addColumn('error', 'text')
          .execute();
        await db.schema.createIndex('jobs_status').on('jobs').column('status').execute();
      },
    },
  };
}

export function migrationProvider(backend: Backend): MigrationProvider {
  return { getMigrations: async () => ({ ...migrations(backend), ...securityMigrations(backend) }) };
}
