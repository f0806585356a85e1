import { existsSync } from 'node:fs';
import { Option } from 'commander';
import {
  DATABASE_URL_VARIABLE,
  DEFAULT_DATABASE_FILE,
  describeLocation,
  resolveStoreLocation,
} from '../store/database-url.js';
import type { Store } from '../store/store.js';
import { UsageError } from './errors.js';

export const dbOption = () =>
  new Option(
    '--db <url>',
    `the store: an SQLite file path or a postgres:// URL (default: $${DATABASE_URL_VARIABLE}, else ./${DEFAULT_DATABASE_FILE})`,
  );

/** Opens the store named by --db (else $CARAVAN_DATABASE_URL, else ./caravan.sqlite); says plainly when it cannot. */
export async function openStore(db: string | undefined): Promise<Store> {
  const location = resolveStoreLocation(db);
  // The database drivers are the heaviest thing caravan loads: only commands that open a store pay for them.
  const { Store } = await import('../store/store.js');
  try {
    return await Store.open(location);
  } catch (error) {
    throw new UsageError(`cannot open the store ${describeLocation(location)}: ${(error as Error).message}`);
  }
}

/** Opens the store a command works on, runs `work` with it and closes it, whatever happens. */
export async function withStore<T>(db: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * Like withStore, for commands that only read: when the store is an SQLite file that does not exist yet, `empty` is
 * the answer and no file is created.
 */
export async function readStore<T>(db: string | undefined, empty: T, work: (store: Store) => Promise<T>): Promise<T> {
  const location = resolveStoreLocation(db);
  if (location.backend === 'sqlite' && location.path !== ':memory:' && !existsSync(location.path)) return empty;
  return withStore(db, work);
}
