import { z } from 'zod';
import { COMMITMENT_STATUSES } from '../../monitoring/projects.js';
import { OBSERVATION_INDICATORS } from '../../monitoring/observations.js';

/**
 * The scorecard and the observed series as the API answers them: the verdicts are spelled out, the records they
 * rest on (trade figures, projects, commitments, observations with their sources) pass through as the core
 * builds them (src/monitoring/scorecard.ts, observations.ts).
 */
const pace = z.enum(['met', 'on-track', 'behind', 'no-trend', 'no-figure']);
const record = z.looseObject({ id: z.string(), sources: z.array(z.string()) });

export const scorecardSchema = z.object({
  asOf: z.string().describe('the month commitments and completions are judged at'),
  trade: z.object({
    level: z
      .looseObject({ level: record, status: z.enum(['beyond', 'below', 'no-figure']) })
      .optional()
      .describe('the "sub-$400 million level" test'),
    targets: z.array(z.looseObject({ target: record, status: pace })),
    inTonnes: z
      .array(z.looseObject({ targetId: z.string(), pair: z.string(), growthFactor: z.number() }))
      .describe('modelled flows × USD per tonne beside each USD target'),
  }),
  projects: z.object({
    projects: z.array(z.looseObject({ project: record, overdue: z.boolean() })),
    commitments: z.array(
      z.looseObject({
        commitment: record,
        verdict: z.enum([...COMMITMENT_STATUSES, 'overdue']),
        monthsLeft: z.number(),
      }),
    ),
  }),
  flows: z.array(z.looseObject({ target: record, status: pace })),
});

export const observationsResponseSchema = z.object({
  label: z.literal('OBSERVED').describe('published figures, never generated'),
  importedRecords: z.number(),
  series: z.array(
    z.looseObject({
      key: z.string(),
      indicator: z.enum(OBSERVATION_INDICATORS),
      latest: record,
    }),
  ),
});
