import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { InputIssue } from '../model/issues.js';
import { copyFixture, editText, setCell, tempDir, TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { loadNetwork, loadNetworkCached } from './load-network.js';
import { loadWithSnapshot, networkCacheDir, type LoadedNetwork } from './network-snapshot.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';

/** A loader that counts its calls, so a test can tell a snapshot hit (no call) from a miss. */
function countingLoad(dir: string, warnings: InputIssue[] = []) {
  const load = vi.fn((): LoadedNetwork => ({ network: loadNetwork(dir).network, warnings }));
  return load;
}

const options = (cacheDir: string) => ({ cacheDir, version: '1.0.0' });

function snapshotFiles(cacheDir: string): string[] {
  return readdirSync(cacheDir).filter((name) => name.endsWith('.snapshot'));
}

describe('loadWithSnapshot', () => {
  it('gives the very network the CSV files give, from the second load on, without reading them again', () => {
    const cacheDir = tempDir();
    const load = countingLoad(BUNDLED_NETWORK_DIR);
    const fromCsv = loadWithSnapshot(BUNDLED_NETWORK_DIR, options(cacheDir), load);
    const fromSnapshot = loadWithSnapshot(BUNDLED_NETWORK_DIR, options(cacheDir), load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(fromSnapshot).toStrictEqual(fromCsv);
    expect(fromSnapshot.network).toStrictEqual(loadNetwork(BUNDLED_NETWORK_DIR).network);
    // The same records in the same key order: JSON output made from either is byte for byte the same.
    expect(JSON.stringify(fromSnapshot)).toBe(JSON.stringify(fromCsv));
  });

  it('reads the CSV files again when any byte of them changes, even with the size unchanged', () => {
    const dir = copyFixture();
    const cacheDir = tempDir();
    const load = vi.fn(() => loadNetwork(dir));
    const before = loadWithSnapshot(dir, options(cacheDir), load);
    const name = before.network.nodes[0]!.name;
    const renamed = `${name.slice(0, -1)}${name.endsWith('x') ? 'y' : 'x'}`;
    editText(dir, 'nodes.csv', (text) => text.replace(name, renamed));
    const after = loadWithSnapshot(dir, options(cacheDir), load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(after.network.nodes[0]!.name).toBe(renamed);
    expect(loadWithSnapshot(dir, options(cacheDir), load)).toStrictEqual(after);
    expect(load).toHaveBeenCalledTimes(2);
    expect(snapshotFiles(cacheDir)).toHaveLength(1);
  });

  it('reads the CSV files again for another Caravan version', () => {
    const cacheDir = tempDir();
    const load = countingLoad(TINY_NETWORK_DIR);
    loadWithSnapshot(TINY_NETWORK_DIR, { cacheDir, version: '1.0.0' }, load);
    loadWithSnapshot(TINY_NETWORK_DIR, { cacheDir, version: '1.0.1' }, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('falls back to the CSV files on a corrupt or truncated snapshot, and rewrites it', () => {
    const cacheDir = tempDir();
    const load = countingLoad(TINY_NETWORK_DIR);
    const expected = loadWithSnapshot(TINY_NETWORK_DIR, options(cacheDir), load);
    const file = join(cacheDir, snapshotFiles(cacheDir)[0]!);
    const good = readFileSync(file);
    const damages: Buffer[] = [
      Buffer.from(good.map((byte, i) => (i === good.length - 10 ? byte ^ 0xff : byte))),
      good.subarray(0, good.length >> 1),
      Buffer.alloc(0),
      Buffer.from('not a snapshot'),
    ];
    for (const [i, damaged] of damages.entries()) {
      writeFileSync(file, damaged);
      expect(loadWithSnapshot(TINY_NETWORK_DIR, options(cacheDir), load)).toStrictEqual(expected);
      expect(load).toHaveBeenCalledTimes(2 + i);
      expect(readFileSync(file)).toEqual(good);
    }
  });

  it('reproduces the warnings of the load, naming files as seen from the working folder', () => {
    const dir = copyFixture();
    const cacheDir = tempDir();
    const warning: InputIssue = { severity: 'warning', file: join(dir, 'links.csv'), line: 3, message: 'odd' };
    const load = countingLoad(dir, [warning]);
    loadWithSnapshot(dir, options(cacheDir), load);
    expect(loadWithSnapshot(dir, options(cacheDir), load).warnings).toStrictEqual([warning]);

    // From inside the folder, a fresh load would name the files by their bare names.
    vi.spyOn(process, 'cwd').mockReturnValue(dir);
    const inside = loadWithSnapshot(dir, options(cacheDir), load);
    vi.restoreAllMocks();
    expect(load).toHaveBeenCalledTimes(1);
    expect(inside.warnings).toStrictEqual([{ ...warning, file: 'links.csv' }]);
    expect(inside.network.links[0]!.origin).toEqual({ file: 'links.csv', line: 2 });
    expect(inside.network.nodes[0]!.origin?.file).toBe('nodes.csv');
  });

  it('never caches a network that fails to load', () => {
    const dir = copyFixture();
    const cacheDir = tempDir();
    setCell(dir, 'links.csv', 2, 'from', 'nowhere');
    expect(() => loadNetworkCached(dir, options(cacheDir))).toThrow(/invalid network/);
    expect(snapshotFiles(cacheDir)).toEqual([]);
  });

  it('does not cache a network that JSON would not carry faithfully', () => {
    const cacheDir = tempDir();
    const { network } = loadNetwork(TINY_NETWORK_DIR);
    const odd = { ...network, links: network.links.map((link) => ({ ...link, capacityMtPerYr: Number.NaN })) };
    const load = vi.fn((): LoadedNetwork => ({ network: odd, warnings: [] }));
    expect(loadWithSnapshot(TINY_NETWORK_DIR, options(cacheDir), load).network).toBe(odd);
    expect(loadWithSnapshot(TINY_NETWORK_DIR, options(cacheDir), load).network).toBe(odd);
    expect(load).toHaveBeenCalledTimes(2);
    expect(snapshotFiles(cacheDir)).toEqual([]);
  });

  it('still loads when the cache cannot be written', () => {
    const parent = tempDir();
    const notAFolder = join(parent, 'file');
    writeFileSync(notAFolder, '');
    const load = countingLoad(TINY_NETWORK_DIR);
    expect(loadWithSnapshot(TINY_NETWORK_DIR, options(join(notAFolder, 'cache')), load).network.nodes).toHaveLength(7);
  });

  it('follows symbolic links to the files of a folder', () => {
    const real = copyFixture();
    const dir = tempDir();
    for (const name of readdirSync(real)) symlinkSync(join(real, name), join(dir, name));
    const cacheDir = tempDir();
    const load = vi.fn(() => loadNetwork(dir));
    loadWithSnapshot(dir, options(cacheDir), load);
    setCell(real, 'nodes.csv', 2, 'name', 'Renamed');
    expect(loadWithSnapshot(dir, options(cacheDir), load).network.nodes[0]!.name).toBe('Renamed');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads GeoJSON files and missing paths as loadNetwork does, once, caching nothing', () => {
    const cacheDir = tempDir();
    const missing = join(cacheDir, 'nowhere');
    expect(() => loadNetworkCached(missing, options(cacheDir))).toThrow(/invalid network/);
    const geojson = join(tempDir(), 'network.geojson');
    writeFileSync(geojson, '{');
    const load = vi.fn(() => loadNetwork(geojson));
    expect(() => loadWithSnapshot(geojson, options(cacheDir), load)).toThrow(/invalid network/);
    expect(load).toHaveBeenCalledTimes(1);
    expect(snapshotFiles(cacheDir)).toEqual([]);
  });
});

describe('networkCacheDir', () => {
  it('is CARAVAN_CACHE_DIR, else caravan under the XDG cache folder, else under ~/.cache; none with CARAVAN_NO_CACHE=1', () => {
    expect(networkCacheDir({ CARAVAN_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(networkCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'caravan'));
    expect(networkCacheDir({}) ?? '').toMatch(/[/\\]\.cache[/\\]caravan$/);
    expect(networkCacheDir({ CARAVAN_NO_CACHE: '1', CARAVAN_CACHE_DIR: '/c' })).toBeUndefined();
  });
});
