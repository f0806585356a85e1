import { flowsByLink } from '../../corridor/link-flows.js';
import type { EquilibriumProgress } from '../../corridor/equilibrium.js';
import { targetLevels } from '../../model/region.js';
import { runScenario } from '../../corridor/run.js';
import { corridorSession } from '../../corridor/session.js';
import type { ScenarioRunInput, ScenarioRunResult } from './run-result.js';

/** One scenario run as the job returns it; what the worker thread executes. */
export function computeScenarioRun(
  input: ScenarioRunInput,
  onProgress?: (progress: EquilibriumProgress) => void,
): ScenarioRunResult {
  const { id, network, data, compiled, settings } = input;
  const { scenario } = compiled;
  const run = runScenario(corridorSession(network, data), compiled, settings, onProgress);
  return {
    scenario: { id, name: scenario.name, description: scenario.description, year: scenario.year },
    settings: run.settings,
    report: run.report,
    links: flowsByLink(run.problem, run.result.volume),
    targetLevels: targetLevels(network.region, network.region?.measures[0]?.target ?? ''),
  };
}
