import { applyEnergyLevers } from '../energy/levers.js';
import { energyScenarioSchema, type EnergyScenario } from '../energy/scenario-schema.js';
import type { EnergyNetwork } from '../energy/types.js';
import { InvalidInputError } from '../model/issues.js';
import { displayPath } from './display-path.js';
import { parseWith, readYaml } from './scenario-file.js';

export interface LoadedEnergyScenario {
  scenario: EnergyScenario & { file: string };
  /** The energy network with the scenario's levers applied. */
  energy: EnergyNetwork;
}

/**
 * Reads an energy scenario file (YAML), validates it and applies its levers to `energy`; every problem, YAML syntax
 * (with its line), a field (with its key path) or an unknown id, comes back as one InvalidInputError.
 */
export function loadEnergyScenario(path: string, energy: EnergyNetwork): LoadedEnergyScenario {
  const file = displayPath(path);
  const parsed = parseWith(energyScenarioSchema, readYaml(path), file);
  const applied = applyEnergyLevers(energy, parsed.levers);
  if (applied.issues.length > 0)
    throw new InvalidInputError(
      applied.issues.map((issue) => ({ severity: 'error', file, field: issue.field, message: issue.message })),
      `invalid energy scenario ${file}`,
    );
  return { scenario: { ...parsed, file }, energy: applied.energy };
}
