import { describe, expect, it } from 'vitest';
import { readRows, TINY_NETWORK_DIR, tempDir } from '../test-support/fixture-network.js';
import { withoutOrigins } from '../test-support/strip-origin.js';
import { loadNetwork, readNetwork } from './load-network.js';
import { NETWORK_FILES } from './network-files.js';
import { writeNetworkCsv } from './write-network-csv.js';

describe('writeNetworkCsv', () => {
  const { network } = loadNetwork(TINY_NETWORK_DIR);

  it('writes every network file, which reads back to the same network', () => {
    const dir = tempDir();
    const written = writeNetworkCsv(network, dir);
    expect(written.map((path) => path.slice(dir.length + 1))).toEqual(NETWORK_FILES.map((spec) => spec.file));
    const result = readNetwork(dir);
    expect(result.issues).toEqual([]);
    expect(withoutOrigins(result.network)).toEqual(withoutOrigins(network));
  });

  it('writes lists with ";", booleans as yes/no and way-points as "lon lat"', () => {
    const dir = tempDir();
    writeNetworkCsv(network, dir);
    const [header = [], ...rows] = readRows(dir, 'links.csv');
    const cell = (linkId: string, column: string) => rows.find((row) => row[0] === linkId)?.[header.indexOf(column)];
    expect(cell('bolashak-etrek', 'geometry')).toBe('55.1 40;54.9 38.9');
    expect(cell('gorgan-tehran', 'estimated_fields')).toBe('km;speed_kmh');
    expect(cell('amirabad-gorgan', 'bidirectional')).toBe('no');
    expect(cell('aktau-amirabad', 'gauge_mm')).toBe('');
  });
});
