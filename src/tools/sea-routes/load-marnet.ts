import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MarnetRouter, type LineNetwork } from './marnet-router.js';

/** The Eurostat MARNET network shipped with Caravan (see data/sea/README.md for where it comes from). */
export const MARNET_PATH = fileURLToPath(new URL('../../../data/sea/marnet_plus_100km.geojson', import.meta.url));

export function loadMarnet(path = MARNET_PATH): MarnetRouter {
  return new MarnetRouter(JSON.parse(readFileSync(path, 'utf8')) as LineNetwork);
}
