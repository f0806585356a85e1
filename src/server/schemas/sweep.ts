import { z } from 'zod';
import { INPUT_KINDS, type UncertainInput } from '../../corridor/sweep/inputs.js';
import type { Driver, Drivers, MeasureYear, Spread, SweepReport } from '../../corridor/sweep/summary.js';
import { CONFIDENCE_LEVELS } from '../../model/vocabulary.js';
import { DESIGNS } from '../../numeric/sampling.js';
import type { SameKeys } from './same-keys.js';

/**
 * A stored sweep's report as the API answers it: the very object `caravan sweep report --json` prints (the core's
 * summarizeSweep, read by src/store/sweep-report.ts for both); checked field for field against the core below.
 */

const input = z.object({
  id: z.string(),
  kind: z.enum(INPUT_KINDS),
  label: z.string(),
  confidence: z.enum(CONFIDENCE_LEVELS),
  distribution: z.discriminatedUnion('type', [
    z.object({ type: z.literal('lognormal'), sigma: z.number() }),
    z.object({ type: z.literal('normal'), sd: z.number() }),
    z.object({ type: z.literal('delay'), max: z.number() }),
  ]),
  nominal: z.number(),
  unit: z.string(),
  rule: z.string().describe('how the spread was set'),
});

const spread = z.object({ p5: z.number(), p50: z.number(), p95: z.number(), mean: z.number() });

const measureYear = z.object({
  measure: z.string(),
  label: z.string(),
  year: z.number(),
  flowMt: spread.describe('flow over the samples, Mt/yr'),
  capacityMt: spread.nullable().describe('capacity over the samples, Mt/yr; null when the sweep left it out'),
  targetMt: z.number().nullable().describe('the level of the target series the year is judged against'),
  targetYear: z.number().nullable(),
  probability: z.number().nullable().describe('share of the samples whose flow reaches the target'),
});

const driver = z.object({
  input: z.string(),
  label: z.string(),
  src: z.number().describe('standardized regression coefficient: SDs of flow per SD of the input'),
});

const drivers = z.object({
  measure: z.string(),
  year: z.number(),
  method: z.literal('standardized regression coefficients'),
  rSquared: z.number().describe('share of the flow variance the linear fit explains'),
  inputs: z.array(driver).describe('largest |SRC| first, at most ten'),
});

export const sweepReportSchema = z.object({
  sweep: z
    .object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      file: z.string().describe('the sweep file, relative to caravan’s folder'),
      scenario: z.string().describe('the base scenario’s name'),
      years: z.array(z.number()),
      samples: z.number(),
      design: z.enum(DESIGNS),
      seed: z.union([z.string(), z.number()]),
      inputs: z.union([z.literal('all'), z.array(z.string())]).describe('the kinds or ids of inputs varied'),
      capacity: z.boolean().describe('whether each sample also solved the capacity LPs'),
      dataset: z.string().describe('fingerprint of the network and corridor data the samples were run on'),
      completed: z.number().describe('samples stored so far'),
    })
    .describe('the sweep file as stored, and how far it has got'),
  inputs: z.array(input).describe('the uncertain inputs drawn'),
  measures: z.array(measureYear).describe('per measure and year'),
  drivers: z.array(drivers).describe('per measure and year'),
});

export const sweepListSchema = z.object({
  sweeps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      createdAt: z.string(),
      samples: z.number().describe('samples the sweep file asks for'),
      completed: z.number().describe('samples stored'),
    }),
  ),
});

const _inStep: [
  SameKeys<SweepReport, typeof sweepReportSchema>,
  SameKeys<SweepReport['sweep'], typeof sweepReportSchema.shape.sweep>,
  SameKeys<UncertainInput, typeof input>,
  SameKeys<MeasureYear, typeof measureYear>,
  SameKeys<Spread, typeof spread>,
  SameKeys<Drivers, typeof drivers>,
  SameKeys<Driver, typeof driver>,
] = [true, true, true, true, true, true, true];
/** Compile-time: the core's report fits the schema. */
const _fits = (report: SweepReport) => report satisfies z.output<typeof sweepReportSchema>;
