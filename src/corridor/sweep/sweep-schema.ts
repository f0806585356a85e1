import { z } from 'zod';
import { requiredOr as expected } from '../../model/cells.js';
import { DESIGNS } from '../../numeric/sampling.js';

/** The most samples one sweep takes: a bound on the store and the queue, far above what a design needs. */
export const MAX_SAMPLES = 100_000;

const text = () => z.string({ error: expected('text') }).min(1, { error: expected('non-empty text') });
const whole = (what: string, min: number, max: number) =>
  z
    .number({ error: expected(what) })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, { error: expected(what) });

/**
 * A sweep file: the base scenario (a scenario file, relative to the sweep file), the years to run it in, the inputs
 * to vary (`all`: every uncertain figure by its provenance; or kinds and input ids), how many samples, the design
 * and its seed.
 */
export const sweepFileSchema = z.strictObject(
  {
    name: text(),
    description: text(),
    scenario: text(),
    years: z
      .array(whole('a year (whole number 1990–2100)', 1990, 2100), { error: expected('a list of years') })
      .min(1, { error: expected('at least one year') })
      .optional(),
    samples: whole(`a whole number of samples from 2 to ${MAX_SAMPLES}`, 2, MAX_SAMPLES),
    design: z.enum(DESIGNS, { error: expected(`one of ${DESIGNS.join(', ')}`) }).default('lhs'),
    seed: z.union([z.number(), z.string()], { error: expected('a number or a word') }),
    inputs: z
      .union([z.literal('all'), z.array(text()).min(1)], {
        error: expected('"all" or a list of input kinds and ids'),
      })
      .default('all'),
    // The capacity of each measure beside its flow: one LP per measure and year per sample.
    capacity: z.boolean({ error: expected('true or false') }).default(true),
  },
  { error: expected('a mapping with name, description, scenario, samples, design and seed') },
);
