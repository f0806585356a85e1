import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { buildServer } from '../build-server.js';
import { loadNetwork } from '../../data/load-network.js';
import { importShipmentsFile } from '../../store/import-shipments.js';
import { revertImport } from '../../store/import-log.js';
import { Store } from '../../store/store.js';
import { tempDir, TINY_NETWORK_DIR } from '../../test-support/fixture-network.js';

const HAND = fileURLToPath(new URL('../../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));

describe('indicators', () => {
  it('are computed once per state of the store: again after an import or a revert, by any process', async () => {
    const { network } = loadNetwork(TINY_NETWORK_DIR);
    const path = join(tempDir(), 'store.sqlite');
    const store = await Store.open(path);
    const app = await buildServer({ network, store, webAppDir: '/nonexistent' });
    const reads = vi.spyOn(store, 'visits');
    const shipments = async () => ((await app.inject('/api/indicators')).json() as { shipments: number }).shipments;
    expect(await shipments()).toBe(0);
    expect(await shipments()).toBe(0);
    expect(reads).toHaveBeenCalledTimes(1);
    // Another process (another store object on the same file) imports.
    const other = await Store.open(path);
    const { importId } = await importShipmentsFile(other, network, HAND);
    expect(await shipments()).toBe(3);
    expect(await shipments()).toBe(3);
    expect(reads).toHaveBeenCalledTimes(2);
    await revertImport(other, importId!, 'test');
    expect(await shipments()).toBe(0);
    expect(reads).toHaveBeenCalledTimes(3);
    await other.close();
    await app.close();
  });
});
