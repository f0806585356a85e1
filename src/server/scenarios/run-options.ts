import { z } from 'zod';
import { ALGORITHMS } from '../../assign/assign.js';
import { settingsFor, unsupportedAlgorithm } from '../../corridor/run.js';
import { ASSIGNMENT_METHODS, type AssignmentSettings, type Scenario } from '../../corridor/types.js';
import { HttpProblem } from '../problem.js';
import { booleanInput } from '../schemas/boolean-input.js';

/** The options of `caravan scenario run`, named in camelCase; every one may be left out. */
export function runOptionsSchema(maxIterations: number) {
  return z.object({
    method: z
      .enum(ASSIGNMENT_METHODS, { error: `expected one of ${ASSIGNMENT_METHODS.join(', ')}` })
      .optional()
      .describe('ue: user equilibrium (default); logit: stochastic route choice'),
    singleClass: booleanInput
      .optional()
      .describe('one class with the tonnage-weighted value of time, solved by the assignment engine'),
    algorithm: z
      .enum(ALGORITHMS, { error: `expected one of ${ALGORITHMS.join(', ')}` })
      .optional()
      .describe('multiclass: fw (default) or msa; with singleClass any, default b'),
    gap: z.coerce
      .number({ error: 'expected a number such as 1e-4' })
      .min(1e-8, 'expected at least 1e-8')
      .max(0.5, 'expected at most 0.5')
      .optional()
      .describe('stop at this relative gap (default 1e-4)'),
    maxIterations: z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(1, 'expected at least 1')
      .max(maxIterations, `expected at most ${maxIterations.toLocaleString('en-US')}`)
      .optional()
      .describe('iteration limit (default 5000)'),
  });
}
export type RunOptions = z.output<ReturnType<typeof runOptionsSchema>>;

/** The settings a run uses: the scenario's own, then the request's; 400 naming `algorithm` when they cannot run. */
export function resolveSettings(scenario: Scenario, options: RunOptions): AssignmentSettings {
  const overrides: Partial<AssignmentSettings> = {
    ...(options.method === undefined ? {} : { method: options.method }),
    ...(options.singleClass ? { classes: 'single' as const } : {}),
    ...(options.algorithm === undefined ? {} : { algorithm: options.algorithm }),
    ...(options.gap === undefined ? {} : { gap: options.gap }),
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  };
  const settings = settingsFor(scenario, overrides);
  const problem = unsupportedAlgorithm(settings);
  if (problem !== undefined)
    throw HttpProblem.invalidField('algorithm', problem.replace('ask for a single class', 'set singleClass'));
  return settings;
}
