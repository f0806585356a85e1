import type { Kysely, Migration } from 'kysely';
import type { StoreLocation } from './database-url.js';

/**
 * The store's part of running on a shared server: API tokens (only their scrypt hashes are kept) and the audit
 * columns of the imports table (who imported a file; who reverted it, and when). Kept apart from migrations.ts so
 * that the other tables' migrations and these evolve without touching each other.
 */
export function securityMigrations(backend: StoreLocation['backend']): Record<string, Migration> {
  const idColumn = backend === 'sqlite' ? 'integer' : 'serial';
  return {
    '0006-tokens-and-audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', idColumn, (col) =>
            backend === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey(),
          )
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('role', 'text', (col) => col.notNull())
          .addColumn('salt', 'text', (col) => col.notNull())
          .addColumn('hash', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .alterTable('imports')
          .addColumn('actor', 'text', (col) => col.notNull().defaultTo('unknown'))
          .execute();
        await db.schema.alterTable('imports').addColumn('reverted_at', 'text').execute();
        await db.schema.alterTable('imports').addColumn('reverted_by', 'text').execute();
      },
    },
  };
}
