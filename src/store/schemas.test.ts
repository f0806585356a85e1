import { describe, expect, it } from 'vitest';
import { TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { runCli } from '../test-support/run-cli.js';
import { freshStoreUrl, PG_TEST_URL, storeDigest } from '../test-support/store-backends.js';
import { fileURLToPath } from 'node:url';

const HAND_FILE = fileURLToPath(new URL('../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));

describe.skipIf(PG_TEST_URL === undefined)('stores in schemas of one PostgreSQL database', () => {
  it('keep their own tables, however many there are', async () => {
    const urls = [freshStoreUrl('postgres'), freshStoreUrl('postgres'), freshStoreUrl('postgres')];
    for (const [index, url] of urls.entries()) {
      // Each store gets the file a different number of times; only the first import of each adds rows.
      for (let n = 0; n <= index; n++) {
        const run = await runCli('shipments', 'import', HAND_FILE, '--db', url, '--data', TINY_NETWORK_DIR);
        expect(run.stderr, url).toBe('');
      }
    }
    for (const url of urls) expect((await storeDigest(url)).counts).toMatchObject({ imports: 1, checkpoints: 12 });
  });
});
