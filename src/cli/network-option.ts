import { Option } from 'commander';
import { loadNetworkCached } from '../data/load-network.js';
import { networkCacheDir } from '../data/network-snapshot.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import type { Network } from '../model/types.js';
import type { TextOutput } from './io.js';
import { writeIssues } from './issues-output.js';
import { packageVersion } from './version.js';

export const DATA_OPTION_HELP =
  'network folder of CSV files, or a GeoJSON file from `network export` (default: the bundled Central Asia – Iran network)';

export const dataOption = () => new Option('--data <path>', DATA_OPTION_HELP);

/**
 * Loads the network a command works on, through the snapshot cache (CARAVAN_CACHE_DIR, CARAVAN_NO_CACHE=1); warnings
 * go to stderr so that --json output stays clean.
 */
export function networkFromOption(data: string | undefined, stderr: TextOutput): Network {
  const { network, warnings } = loadNetworkCached(data ?? BUNDLED_NETWORK_DIR, {
    cacheDir: networkCacheDir(),
    version: packageVersion(),
  });
  writeIssues(stderr, warnings);
  return network;
}
