import { z } from 'zod';
import type { ScenarioRunResult } from '../scenarios/run-result.js';
import { assignmentSettingsSchema, flowReportSchema, linkFlowSchema } from './flow-report.js';
import type { SameKeys } from './same-keys.js';

export const scenarioRunResultSchema = z.object({
  scenario: z.object({ id: z.string(), name: z.string(), description: z.string(), year: z.number() }),
  settings: assignmentSettingsSchema,
  report: flowReportSchema,
  links: z.array(linkFlowSchema).describe('flow on each link that carries any, for the map'),
  targetLevels: z
    .array(z.object({ year: z.number(), mt: z.number() }))
    .describe('the corridor targets throughput is judged against (Mt/yr by year)'),
});

export const jobSchema = z.object({
  id: z.string(),
  kind: z.literal('scenario-run'),
  scenario: z.string(),
  settings: assignmentSettingsSchema,
  status: z
    .enum(['queued', 'running', 'succeeded', 'failed'])
    .describe('queued: waiting for one of the runs under way to finish'),
  progress: z
    .object({
      iteration: z.number(),
      gap: z.number().describe('relative gap so far (UE) or relative change of route flows (logit)'),
    })
    .optional()
    .describe('while running: how far the assignment has got; it stops at settings.gap or settings.maxIterations'),
  submittedAt: z.string(),
  finishedAt: z.string().optional(),
  cached: z.boolean().describe('true when the result is that of an earlier run with the same scenario and options'),
  result: scenarioRunResultSchema.optional(),
  error: z.string().optional(),
  href: z.string().describe('where to follow the job'),
});

/** Compile-time: the schema and the run result the worker returns say the same. */
const _inStep: SameKeys<ScenarioRunResult, typeof scenarioRunResultSchema> = true;
const _fits = (result: ScenarioRunResult): z.output<typeof scenarioRunResultSchema> => result;
