import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { buildServer } from '../build-server.js';
import { loadNetwork } from '../../data/load-network.js';
import { importShipmentsFile } from '../../store/import-shipments.js';
import { revertImport } from '../../store/import-log.js';
import { Store } from '../../store/store.js';
import { StoreAnswerCache } from './indicator-cache.js';
import { tempDir, TINY_NETWORK_DIR } from '../../test-support/fixture-network.js';

const HAND = fileURLToPath(new URL('../../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));

describe('indicators', () => {
  it('are computed once per state of the store: again after an import or a revert, by any process', async () => {
    const { network } = loadNetwork(TINY_NETWORK_DIR);
    const path = join(tempDir(), 'store.sqlite');
    const store = await Store.open(path);
    const app = await buildServer({ network, store, webAppDir: '/nonexistent' });
    const reads = vi.spyOn(store, 'indicators');
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

describe('StoreAnswerCache', () => {
  it('computes an answer once for requests that arrive while it is computed, and again after a failure', async () => {
    const store = { changeStamp: () => Promise.resolve('1:0') } as unknown as Store;
    const cache = new StoreAnswerCache<number>();
    let computed = 0;
    let finish: (value: number) => void = () => undefined;
    const slow = () => {
      computed++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const first = cache.get(store, 'k', slow);
    const second = cache.get(store, 'k', slow);
    await new Promise((resolve) => setTimeout(resolve, 10));
    finish(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(computed).toBe(1);
    await expect(cache.get(store, 'other', () => Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    expect(await cache.get(store, 'other', () => Promise.resolve(3))).toBe(3);
  });
});
