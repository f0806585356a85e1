import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

/** The TNTP data folder: $CARAVAN_TNTP_DIR, else ../shared/data/tntp beside the package. Never inside the repo. */
export function tntpDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CARAVAN_TNTP_DIR'];
  return fromEnv !== undefined && fromEnv !== ''
    ? resolve(fromEnv)
    : resolve(PACKAGE_ROOT, '..', 'shared', 'data', 'tntp');
}

export interface TntpInstanceFiles {
  name: string;
  net: string;
  trips: string;
  flow?: string;
  node?: string;
}

/**
 * Finds `<name>_net.tntp` and `<name>_trips.tntp` in the data folder itself or in any of its sub-folders (the
 * TNTP repository keeps each network in its own folder, e.g. Chicago-Sketch/ChicagoSketch_net.tntp).
 */
export function findTntpInstance(name: string, dir: string = tntpDataDir()): TntpInstanceFiles | undefined {
  if (!existsSync(dir)) return undefined;
  const folders = [dir];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) folders.push(path);
  }
  for (const folder of folders) {
    const net = join(folder, `${name}_net.tntp`);
    const trips = join(folder, `${name}_trips.tntp`);
    if (!existsSync(net) || !existsSync(trips)) continue;
    const files: TntpInstanceFiles = { name, net, trips };
    const flow = join(folder, `${name}_flow.tntp`);
    const node = join(folder, `${name}_node.tntp`);
    if (existsSync(flow)) files.flow = flow;
    if (existsSync(node)) files.node = node;
    return files;
  }
  return undefined;
}
