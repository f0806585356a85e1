import { Option } from 'commander';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import type { Network } from '../model/types.js';
import type { TextOutput } from './io.js';
import { writeIssues } from './issues-output.js';

export const DATA_OPTION_HELP =
  'network folder of CSV files, or a GeoJSON file from `network export` (default: the bundled Central Asia – Iran network)';

export const dataOption = () => new Option('--data <path>', DATA_OPTION_HELP);

/** Loads the network a command works on; warnings go to stderr so that --json output stays clean. */
export function networkFromOption(data: string | undefined, stderr: TextOutput): Network {
  const { network, warnings } = loadNetwork(data ?? BUNDLED_NETWORK_DIR);
  writeIssues(stderr, warnings);
  return network;
}
