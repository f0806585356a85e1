import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { withSchema } from '../store/database-url.js';
import { dropSchema } from '../store/postgres.js';
import { Store } from '../store/store.js';
import { tempDir } from './fixture-network.js';

/** The PostgreSQL server the store tests run against; scripts/with-postgres.sh sets it (and .ci/run uses that). */
export const PG_TEST_URL = process.env['CARAVAN_TEST_DATABASE_URL'];

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export const SKIP_POSTGRES_MESSAGE =
  'PostgreSQL store tests skipped: CARAVAN_TEST_DATABASE_URL is not set (run them with `scripts/with-postgres.sh npm test`)';

/**
 * A fresh, empty store for one test: an SQLite file in a temporary folder, or a new schema in the test PostgreSQL
 * database (dropped when the test ends). Returns the URL to give `--db` or Store.open.
 */
export function freshStoreUrl(backend: Backend): string {
  if (backend === 'sqlite') return join(tempDir(), 'store.sqlite');
  if (PG_TEST_URL === undefined) throw new Error(SKIP_POSTGRES_MESSAGE);
  const schema = `caravan_test_${randomBytes(6).toString('hex')}`;
  onTestFinished(() => dropSchema(PG_TEST_URL, schema));
  return withSchema(PG_TEST_URL, schema);
}

/** Everything a store holds, as one digest: equal digests mean the store is exactly as it was. */
export async function storeDigest(
  url: string,
): Promise<{ counts: Awaited<ReturnType<Store['counts']>>; sha256: string }> {
  return Store.using(url, async (store) => {
    const counts = await store.counts();
    const visits = await store.visits();
    const trade = await store.tradeRecords();
    const imports = await store.db.selectFrom('imports').selectAll().orderBy('id').execute();
    const sha256 = createHash('sha256').update(JSON.stringify({ counts, visits, trade, imports })).digest('hex');
    return { counts, sha256 };
  });
}
