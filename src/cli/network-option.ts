import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { formatIssue } from '../model/issues.js';
import type { Network } from '../model/types.js';

export const DATA_OPTION_HELP =
  'network folder of CSV files, or a GeoJSON file from `network export` (default: the bundled Central Asia – Iran network)';

/** Loads the network a command works on; warnings go to stderr so that --json output stays clean. */
export function networkFromOption(data: string | undefined): Network {
  const { network, warnings } = loadNetwork(data ?? BUNDLED_NETWORK_DIR);
  for (const warning of warnings) process.stderr.write(`${formatIssue(warning)}\n`);
  return network;
}
