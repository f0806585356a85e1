import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { MarnetRouter, type LineNetwork } from './marnet-router.js';

/**
 * Where the Eurostat MARNET network file (`marnet_plus_100km.geojson`, EUPL-1.2) is: $CARAVAN_MARNET_FILE, else
 * ../shared/data/marnet/ beside the package. It is external data, like the TNTP networks, and never committed: the
 * sea km it gives are written into links.csv by build-sea-links.ts, so routing never needs it (data/sea/README.md).
 */
export function marnetPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CARAVAN_MARNET_FILE'];
  return fromEnv !== undefined && fromEnv !== ''
    ? resolve(fromEnv)
    : resolve(PACKAGE_ROOT, '..', 'shared', 'data', 'marnet', 'marnet_plus_100km.geojson');
}

export const marnetAvailable = (path = marnetPath()): boolean => existsSync(path);

export function loadMarnet(path = marnetPath()): MarnetRouter {
  return new MarnetRouter(JSON.parse(readFileSync(path, 'utf8')) as LineNetwork);
}
