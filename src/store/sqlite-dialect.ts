import type Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * SQLite as the store needs it. Write transactions begin IMMEDIATE: they take the write lock before their first
 * read, so an import's checks against the stored rows and its writes see the same store, even when another process
 * imports at the same time (it waits, up to the busy timeout, instead of both reading and then one failing).
 * A rollback after SQLite has already rolled the transaction back itself (a full disk, I/O errors) is a no-op, so
 * that the original error, not "cannot rollback - no transaction is active", is the one reported.
 */
export class StoreSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    const database = this.database;
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }

      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (!database.inTransaction) return;
        await super.rollbackTransaction(connection);
      }
    })({ database });
  }
}
