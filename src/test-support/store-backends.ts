import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { onTestFinished } from 'vitest';
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
  const url = new URL(PG_TEST_URL);
  url.searchParams.set('schema', schema);
  onTestFinished(async () => {
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });
  return url.toString();
}

/** Everything a store holds, as one digest: equal digests mean the store is exactly as it was. */
export async function storeDigest(
  url: string,
): Promise<{ counts: Awaited<ReturnType<Store['counts']>>; sha256: string }> {
  const store = await Store.open(url);
  try {
    const counts = await store.counts();
    const visits = await store.visits();
    const trade = await store.tradeRecords();
    const imports = await store.db.selectFrom('imports').selectAll().orderBy('id').execute();
    const sha256 = createHash('sha256').update(JSON.stringify({ counts, visits, trade, imports })).digest('hex');
    return { counts, sha256 };
  } finally {
    await store.close();
  }
}
