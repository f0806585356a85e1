import { Option } from 'commander';
import { lookUpSnapshot, networkCacheDir, type SnapshotOptions } from '../data/network-snapshot.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import type { Network } from '../model/types.js';
import type { TextOutput } from './io.js';
import { writeIssues } from './issues-output.js';
import { packageVersion } from './version.js';

export const DATA_OPTION_HELP =
  'network folder of CSV files, or a GeoJSON file from `network export` (default: the bundled Central Asia – Iran network)';

export const dataOption = () => new Option('--data <path>', DATA_OPTION_HELP);

/** The network snapshot cache as the environment sets it: CARAVAN_CACHE_DIR, CARAVAN_NO_CACHE=1. */
export const snapshotOptions = (): SnapshotOptions => ({ cacheDir: networkCacheDir(), version: packageVersion() });

/**
 * Like networkFromOption, but the CSV and GeoJSON readers (their schemas, csv-parse: about 25 ms of start-up) are
 * imported only when the snapshot cache cannot answer. This module stays that light on purpose.
 */
export async function loadNetworkOption(data: string | undefined, stderr: TextOutput): Promise<Network> {
  const path = data ?? BUNDLED_NETWORK_DIR;
  const lookup = lookUpSnapshot(path, snapshotOptions());
  let loaded = lookup.cached;
  if (loaded === undefined) {
    const { loadNetwork } = await import('../data/load-network.js');
    loaded = loadNetwork(path);
    lookup.save(loaded);
  }
  writeIssues(stderr, loaded.warnings);
  return loaded.network;
}
