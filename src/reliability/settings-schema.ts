import { z } from 'zod';

/**
 * Settings of a transit-time simulation, shared by `caravan reliability` (values as text) and the HTTP API (values as
 * JSON). The sample ceiling is the caller's: a command may spend a minute, a shared server may not.
 */
export function reliabilitySettingsSchema({ maxSamples }: { maxSamples: number }) {
  return z.object({
    samples: z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(100, 'expected at least 100')
      .max(maxSamples, `expected at most ${maxSamples.toLocaleString('en-US')}`)
      .default(100_000)
      .describe('Monte Carlo samples'),
    seed: z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(0, 'expected ≥ 0')
      .default(1)
      .describe('random seed: the same seed gives the same numbers'),
    borderCorrelation: z.coerce
      .number({ error: 'expected a number' })
      .min(0, 'expected ≥ 0')
      .max(0.99, 'expected ≤ 0.99')
      .default(0)
      .describe('correlation of dwell times at consecutive border crossings (0–0.99)'),
    deadline: z.coerce
      .number({ error: 'expected hours' })
      .positive('expected hours > 0')
      .optional()
      .describe('report the probability of arriving within this many hours'),
  });
}
