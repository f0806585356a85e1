import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { corridorSession, type CompiledScenario, type CorridorSession } from '../../corridor/session.js';
import type { CorridorData } from '../../corridor/types.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../../data/corridor-data.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../../data/paths.js';
import { loadScenario } from '../../data/scenario-file.js';
import { formatIssue, InvalidInputError } from '../../model/issues.js';
import type { Network } from '../../model/types.js';

/** The scenarios shipped with Caravan, for the bundled network. */
export const BUNDLED_SCENARIOS_DIR = join(PACKAGE_ROOT, 'scenarios');

/**
 * The scenarios a server offers, by id (the file name without `.yaml`), compiled once at start-up with their
 * levers applied, and the corridor data they run on.
 */
export interface ScenarioCatalog {
  data: CorridorData;
  scenarios: ReadonlyMap<string, CompiledScenario>;
  /** Files of the folder that are not valid scenarios of this network, with why: listed rather than hidden. */
  unavailable: { file: string; reason: string }[];
  /** The folder of the sweep files the API can start (`POST /api/sweeps`). */
  sweepsDir: string;
  /** Where the network and corridor data were read, for the sweep threads that read them again. */
  dirs: { networkDir: string; demandDir: string };
}

/**
 * Reads every `*.yaml` scenario of a folder (not its subfolders: optimizations live there) against the network and
 * its corridor data. Throws InvalidInputError when the corridor data itself is invalid.
 */
export function loadScenarioCatalog(
  network: Network,
  demandDir: string,
  scenariosDir: string,
  networkDir = BUNDLED_NETWORK_DIR,
): ScenarioCatalog {
  const session: CorridorSession = corridorSession(network, loadCorridorData(demandDir, network));
  const { data } = session;
  const scenarios = new Map<string, CompiledScenario>();
  const unavailable: ScenarioCatalog['unavailable'] = [];
  const files = existsSync(scenariosDir) ? readdirSync(scenariosDir).filter((name) => name.endsWith('.yaml')) : [];
  for (const name of files.sort()) {
    try {
      scenarios.set(basename(name, '.yaml'), loadScenario(join(scenariosDir, name), session));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      unavailable.push({ file: name, reason: error.issues.map(formatIssue).join('; ') });
    }
  }
  return { data, scenarios, unavailable, sweepsDir: join(scenariosDir, 'sweeps'), dirs: { networkDir, demandDir } };
}

/**
 * The catalog a server on `dataPath` offers: the bundled demand and scenarios for the bundled network; for another
 * network its own `demand/` folder and the scenarios that fit it, or none when it has no corridor data.
 */
export function catalogFor(network: Network, dataPath?: string): ScenarioCatalog | undefined {
  if (dataPath === undefined || dataPath === BUNDLED_NETWORK_DIR)
    return loadScenarioCatalog(network, BUNDLED_DEMAND_DIR, BUNDLED_SCENARIOS_DIR);
  const demandDir = resolve(dataPath, 'demand');
  if (!existsSync(demandDir)) return undefined;
  return loadScenarioCatalog(network, demandDir, BUNDLED_SCENARIOS_DIR, resolve(dataPath));
}
