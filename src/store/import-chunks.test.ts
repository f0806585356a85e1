import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { tempDir, TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { BACKENDS, freshStoreUrl, PG_TEST_URL, storeDigest, type Backend } from '../test-support/store-backends.js';
import { ISSUE_SAMPLE } from './import-file.js';
import { importShipmentsFile } from './import-shipments.js';
import { Store } from './store.js';

const HAND_FILE = fileURLToPath(new URL('../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));
const { network } = loadNetwork(TINY_NETWORK_DIR);

/** Imports a file in chunks of `chunkRows` rows; the store's visits and import record after it. */
async function importIn(db: string, file: string, chunkRows?: number) {
  return Store.using(db, async (store) => {
    const summary = await importShipmentsFile(store, network, file, {
      label: 'hand.csv',
      ...(chunkRows === undefined ? {} : { chunkRows }),
    });
    const visits = await store.visits();
    const imports = await store.db.selectFrom('imports').select(['sha256', 'rows_read', 'rows_new']).execute();
    return { summary, visits, imports };
  });
}

describe.each(BACKENDS)('a shipments import read in chunks, on %s', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;

  it.skipIf(skip)('stores what the file read in one chunk stores, with one import record', async () => {
    const whole = await importIn(freshStoreUrl(backend), HAND_FILE);
    const chunked = await importIn(freshStoreUrl(backend), HAND_FILE, 2);
    const { importId: _a, store: _s, ...summary } = whole.summary;
    expect(chunked.summary).toMatchObject({ ...summary, new: 12, imported: true });
    expect(chunked.visits).toEqual(whole.visits);
    expect(chunked.imports).toEqual(whole.imports);
    expect(chunked.imports).toEqual([{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rows_read: 12, rows_new: 12 }]);
  });

  it.skipIf(skip)('rejects a row that conflicts with a row of an earlier chunk, and keeps nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'conflict.csv');
    const text = readFileSync(HAND_FILE, 'utf8').trimEnd();
    // Line 15: A-1's checkpoint 2 again, at another time: the first record of it is 12 lines and 6 chunks before.
    writeFileSync(
      file,
      `${text}\nA-1,kti,rail,60,,2,bolashak,2025-01-10T21:00+05:00,2025-01-11T06:00+05:00,120,30,customs\n`,
    );
    const db = freshStoreUrl(backend);
    const before = await storeDigest(db);
    const { summary } = await importIn(db, file, 2);
    expect(summary).toMatchObject({ rowsRead: 13, rejected: 1, imported: false, new: 0 });
    expect(summary.issues).toEqual([
      expect.objectContaining({
        line: 16,
        field: 'seq',
        message: 'shipment A-1 checkpoint 2 is already recorded differently (hand.csv:5)',
      }),
    ]);
    expect(await storeDigest(db)).toEqual(before);
    const rejects = join(dir, 'conflict.rejects.csv');
    expect(existsSync(rejects)).toBe(true);
    expect(readFileSync(rejects, 'utf8')).toMatch(/^line,reason,shipment_id/);
    expect(readFileSync(rejects, 'utf8')).toContain(
      '16,seq: shipment A-1 checkpoint 2 is already recorded differently',
    );
  });

  it.skipIf(skip)(
    'keeps a sample of the issues of many bad rows and writes every one to the rejects file',
    async () => {
      const dir = tempDir();
      const file = join(dir, 'many-bad.csv');
      const text = readFileSync(HAND_FILE, 'utf8').trimEnd();
      const bad = ISSUE_SAMPLE + 250;
      // Each bad row has an unknown node: one issue a row, spread over many chunks of 100 rows.
      const rows = Array.from(
        { length: bad },
        (_, i) => `Z-${i},kti,rail,60,,1,atlantis,2025-01-10T21:00+05:00,2025-01-11T06:00+05:00,0,0,none`,
      );
      writeFileSync(file, `${text}\n${rows.join('\n')}\n`);
      const db = freshStoreUrl(backend);
      const before = await storeDigest(db);
      const { summary } = await importIn(db, file, 100);
      expect(summary).toMatchObject({ rejected: bad, imported: false, issuesOmitted: bad - ISSUE_SAMPLE });
      expect(summary.issues).toHaveLength(ISSUE_SAMPLE);
      expect(summary.issues[0]).toMatchObject({ line: 16, field: 'node' });
      expect(await storeDigest(db)).toEqual(before);
      const lines = readFileSync(join(dir, 'many-bad.rejects.csv'), 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(bad + 1);
      expect(lines.at(-1)).toMatch(new RegExp(`^${15 + bad},"node: .*",Z-${bad - 1},`));
      expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
    },
  );
});
