import { runOptionsSchema as sharedRunOptions, runOverrides, type RunOptions } from '../../corridor/run-options.js';
import { settingsFor, unsupportedAlgorithm } from '../../corridor/run.js';
import type { AssignmentSettings, Scenario } from '../../corridor/types.js';
import { HttpProblem } from '../problem.js';
import { booleanInput } from '../schemas/boolean-input.js';

/**
 * The options of `caravan scenario run` as the API takes them: the command's own schema with the server's iteration
 * cap, and `singleClass` also as `true`/`false` text, as a query string spells it.
 */
export function runOptionsSchema(maxIterations: number) {
  const shared = sharedRunOptions(maxIterations);
  return shared.extend({ singleClass: booleanInput.optional().describe(shared.shape.singleClass.description ?? '') });
}
export type { RunOptions };

/** The settings a run uses: the scenario's own, then the request's; 400 naming `algorithm` when they cannot run. */
export function resolveSettings(scenario: Scenario, options: RunOptions): AssignmentSettings {
  const settings = settingsFor(scenario, runOverrides(options));
  const problem = unsupportedAlgorithm(settings);
  if (problem !== undefined)
    throw HttpProblem.invalidField('algorithm', problem.replace('ask for a single class', 'set singleClass'));
  return settings;
}
