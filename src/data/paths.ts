import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from src/ (tests) or dist/ (built). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const BUNDLED_NETWORK_DIR = fileURLToPath(new URL('../../data/networks/central-asia-iran', import.meta.url));

/** The TNTP test networks: $CARAVAN_TNTP_DIR, else the shared data folder beside the repository. */
export function tntpDataDir(): string {
  return process.env['CARAVAN_TNTP_DIR'] ?? fileURLToPath(new URL('../../../shared/data/tntp', import.meta.url));
}
