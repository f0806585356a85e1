import { loadNetworkCached } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import type { Network } from '../model/types.js';
import { snapshotOptions } from './data-option.js';
import type { TextOutput } from './io.js';
import { writeIssues } from './issues-output.js';

export { dataOption } from './data-option.js';

/**
 * Loads the network a command works on, through the snapshot cache (see loadNetworkOption for the variant that
 * imports the readers only on a miss); warnings go to stderr so that --json output stays clean.
 */
export function networkFromOption(data: string | undefined, stderr: TextOutput): Network {
  const { network, warnings } = loadNetworkCached(data ?? BUNDLED_NETWORK_DIR, snapshotOptions());
  writeIssues(stderr, warnings);
  return network;
}
