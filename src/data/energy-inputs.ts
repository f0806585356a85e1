import { statSync } from 'node:fs';
import type { EnergyNetwork } from '../energy/types.js';
import { InvalidInputError } from '../model/issues.js';
import type { Network } from '../model/types.js';
import { displayPath } from './display-path.js';
import { ENERGY_DIR, hasEnergy, loadEnergy } from './load-energy.js';

/**
 * The energy layers of a network folder, their citations checked against the network's sources; a clear error
 * when the path is a GeoJSON export or a folder without an energy/ subfolder.
 */
export function energyOfNetwork(path: string, network: Network): EnergyNetwork {
  if (!statSync(path).isDirectory() || !hasEnergy(path))
    throw new InvalidInputError(
      [
        {
          severity: 'error',
          file: displayPath(path),
          message: `no ${ENERGY_DIR}/ folder: energy layers are read from a network folder of CSV files (docs/energy.md)`,
        },
      ],
      'no energy data',
    );
  return loadEnergy(path, new Set(network.sources.map((source) => source.id)));
}

/** The energy layers of a network folder when it has them (the server offers energy endpoints only then). */
export function optionalEnergyOfNetwork(path: string, network: Network): EnergyNetwork | undefined {
  return statSync(path).isDirectory() && hasEnergy(path) ? energyOfNetwork(path, network) : undefined;
}
