import { z } from 'zod';
import { ALGORITHMS } from '../assign/assign.js';
import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import { ASSIGNMENT_METHODS, type AssignmentSettings } from './types.js';

/**
 * A relative gap outside this range is a mistake: below 1e-8 floating-point noise decides when the run stops;
 * above 0.5 the flows are little better than all-or-nothing.
 */
export const GAP_RANGE = { min: 1e-8, max: 0.5 } as const;

/**
 * The options of a scenario run, named in camelCase, every one optional: the one definition `caravan scenario run`
 * and `POST /api/scenarios/{id}/runs` both validate against, so both refuse the same values with the same words.
 * `iterationLimit` is a server's own cap on the work one request may ask for; the command line has none.
 */
export function runOptionsSchema(iterationLimit?: number) {
  const iterations = z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1');
  return z.object({
    method: z
      .enum(ASSIGNMENT_METHODS, { error: `expected one of ${ASSIGNMENT_METHODS.join(', ')}` })
      .optional()
      .describe('logit: stochastic route choice (default); ue: user equilibrium, the capacity stress test'),
    singleClass: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .describe('one class with the tonnage-weighted value of time, solved by the assignment engine'),
    algorithm: z
      .enum(ALGORITHMS, { error: `expected one of ${ALGORITHMS.join(', ')}` })
      .optional()
      .describe('multiclass: fw (default) or msa; with singleClass any, default b'),
    gap: z.coerce
      .number({ error: 'expected a number such as 1e-4' })
      .min(GAP_RANGE.min, `expected at least ${GAP_RANGE.min}`)
      .max(GAP_RANGE.max, `expected at most ${GAP_RANGE.max}`)
      .optional()
      .describe(`stop at this relative gap (default ${DEFAULT_GAP.toExponential()})`),
    maxIterations: (iterationLimit === undefined
      ? iterations
      : iterations.max(iterationLimit, `expected at most ${iterationLimit.toLocaleString('en-US')}`)
    )
      .optional()
      .describe(`iteration limit (default ${DEFAULT_SCENARIO_ITERATIONS})`),
  });
}
export type RunOptions = z.output<ReturnType<typeof runOptionsSchema>>;

/** The settings the options override; those left out keep the scenario's or the default. */
export function runOverrides(options: RunOptions): Partial<AssignmentSettings> {
  return {
    ...(options.method === undefined ? {} : { method: options.method }),
    ...(options.singleClass ? { classes: 'single' as const } : {}),
    ...(options.algorithm === undefined ? {} : { algorithm: options.algorithm }),
    ...(options.gap === undefined ? {} : { gap: options.gap }),
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  };
}
