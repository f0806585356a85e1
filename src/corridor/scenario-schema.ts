import { z } from 'zod';
import { requiredOr as expected, slugSchema } from '../model/cells.js';
import { isCountryCode } from '../model/countries.js';
import { linkRow } from '../model/schemas.js';
import { LINK_STATUSES, MODES } from '../model/vocabulary.js';
import { ALGORITHMS } from '../assign/assign.js';
import { GAP_RANGE } from './run-options.js';
import { ASSIGNMENT_METHODS, COMMODITIES, type Lever } from './types.js';

/**
 * Schemas of scenario and optimization files, applied to the parsed YAML document. Messages say what was
 * expected and what was found, e.g. `expected a number > 0, got "fast"`; the adapter prefixes file and key path.
 */

const number = (what: string, test: (n: number) => boolean) =>
  z.number({ error: expected(what) }).refine((n) => Number.isFinite(n) && test(n), { error: expected(what) });
const positive = () => number('a number > 0', (n) => n > 0);
const nonNegative = () => number('a number ≥ 0', (n) => n >= 0);
const year = () => number('a year (whole number 1990–2100)', (n) => Number.isInteger(n) && n >= 1990 && n <= 2100);
const text = () => z.string({ error: expected('text') }).min(1, { error: expected('non-empty text') });
const id = () => slugSchema;
const country = () =>
  z
    .string({ error: expected('an ISO country code such as IR') })
    .refine(isCountryCode, { error: expected('an ISO country code such as IR') });
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item, { error: expected('a list') })
    .optional()
    .default([]);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expected(`one of ${values.join(', ')}`) });

export const LEVER_TYPES = [
  'border_dwell',
  'capacity',
  'open_link',
  'add_link',
  'tariff',
  'risk_premium',
  'demand_growth',
] as const;

const borderDwell = z
  .strictObject({
    type: z.literal('border_dwell'),
    nodes: list(id()),
    countries: list(country()),
    multiplier: positive(),
  })
  .superRefine((lever, ctx) => {
    if (lever.nodes.length === 0 && lever.countries.length === 0)
      ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'required: name border crossing nodes or countries' });
  })
  .transform((lever): Lever => ({
    type: 'border_dwell',
    nodes: lever.nodes,
    countries: lever.countries,
    multiplier: lever.multiplier,
  }));

const capacity = z
  .strictObject({
    type: z.literal('capacity'),
    link: id().optional(),
    node: id().optional(),
    multiplier: positive().optional(),
    value: positive().optional(),
  })
  .superRefine((lever, ctx) => {
    if ((lever.link === undefined) === (lever.node === undefined))
      ctx.addIssue({ code: 'custom', path: ['link'], message: 'expected exactly one of link or node' });
    if ((lever.multiplier === undefined) === (lever.value === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['multiplier'],
        message: 'expected exactly one of multiplier or value (Mt/yr)',
      });
  })
  .transform((lever): Lever => ({
    type: 'capacity',
    ...omitUndefined({ link: lever.link, node: lever.node, multiplier: lever.multiplier, value: lever.value }),
  }));

const openLink = z
  .strictObject({
    type: z.literal('open_link'),
    link: id(),
    opening_year: year().optional(),
    status: oneOf(LINK_STATUSES).optional(),
  })
  .transform((lever): Lever => ({
    type: 'open_link',
    link: lever.link,
    ...omitUndefined({ openingYear: lever.opening_year, status: lever.status }),
  }));

const addLink = z
  .strictObject({
    type: z.literal('add_link'),
    row: z.record(z.string(), z.unknown(), { error: expected('a link row (column: value)') }),
  })
  .transform((lever, ctx): Lever => {
    const parsed = linkRow.safeParse(lever.row);
    if (!parsed.success) return reissue(ctx, parsed.error, ['row']);
    return { type: 'add_link', link: parsed.data };
  });

const tariff = z
  .strictObject({
    type: z.literal('tariff'),
    multiplier: positive(),
    modes: list(oneOf(MODES)),
    countries: list(country()),
    links: list(id()),
    corridors: list(id()),
  })
  .transform((lever): Lever => ({ ...lever, type: 'tariff' }));

const riskPremium = z
  .strictObject({
    type: z.literal('risk_premium'),
    country: country(),
    usd_per_t_on_entry: nonNegative().optional().default(0),
    tariff_percent: number('a percentage > −100', (n) => n > -100)
      .optional()
      .default(0),
  })
  .superRefine((lever, ctx) => {
    if (lever.usd_per_t_on_entry === 0 && lever.tariff_percent === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['usd_per_t_on_entry'],
        message: 'required: give usd_per_t_on_entry or tariff_percent',
      });
  })
  .transform((lever): Lever => ({
    type: 'risk_premium',
    country: lever.country,
    usdPerTOnEntry: lever.usd_per_t_on_entry,
    tariffPercent: lever.tariff_percent,
  }));

const demandGrowth = z
  .strictObject({
    type: z.literal('demand_growth'),
    multiplier: nonNegative(),
    commodities: list(oneOf(COMMODITIES)),
    pairs: list(z.strictObject({ from: id(), to: id() }, { error: expected('a pair {from, to}') })),
  })
  .transform((lever): Lever => ({
    type: 'demand_growth',
    multiplier: lever.multiplier,
    commodities: lever.commodities,
    pairs: lever.pairs,
  }));

const LEVERS = {
  border_dwell: borderDwell,
  capacity,
  open_link: openLink,
  add_link: addLink,
  tariff,
  risk_premium: riskPremium,
  demand_growth: demandGrowth,
};

/** A lever: dispatched on `type` so that errors speak about the right lever's fields. */
export const leverSchema = z.unknown().transform((value, ctx): Lever => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: expected('a lever (a mapping with a type)')({ input: value }) });
    return z.NEVER;
  }
  const type = (value as Record<string, unknown>)['type'];
  const schema = typeof type === 'string' ? LEVERS[type as keyof typeof LEVERS] : undefined;
  if (schema === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['type'],
      message: expected(`a lever type among ${LEVER_TYPES.join(', ')}`)({ input: type }),
    });
    return z.NEVER;
  }
  const parsed = (schema as z.ZodType<Lever>).safeParse(value);
  if (!parsed.success) return reissue(ctx, parsed.error);
  return parsed.data;
});

export const assignmentSchema = z
  .strictObject({
    method: oneOf(ASSIGNMENT_METHODS).optional(),
    classes: oneOf(['commodity', 'single'] as const).optional(),
    algorithm: oneOf(ALGORITHMS).optional(),
    // The range the run options allow, so a file cannot ask for what the command line and the API refuse.
    gap: number(
      `a number from ${GAP_RANGE.min} to ${GAP_RANGE.max}`,
      (n) => n >= GAP_RANGE.min && n <= GAP_RANGE.max,
    ).optional(),
    max_iterations: number('a whole number > 0', (n) => Number.isInteger(n) && n > 0).optional(),
  })
  .transform((a) =>
    omitUndefined({
      method: a.method,
      classes: a.classes,
      algorithm: a.algorithm,
      gap: a.gap,
      maxIterations: a.max_iterations,
    }),
  );

export const scenarioFileSchema = z
  .strictObject(
    {
      name: text(),
      description: text(),
      year: year().optional(),
      base: text().optional(),
      assignment: assignmentSchema.optional(),
      levers: z
        .array(leverSchema, { error: expected('a list of levers') })
        .optional()
        .default([]),
    },
    { error: expected('a mapping with name, description, year and levers') },
  )
  .superRefine((file, ctx) => {
    if (file.year === undefined && file.base === undefined)
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'required: expected a year (whole number 1990–2100)' });
  });

export const OBJECTIVES = ['min_cost', 'max_throughput', 'meet_target'] as const;

export const optimizationFileSchema = z
  .strictObject(
    {
      name: text(),
      description: text().optional(),
      scenario: text(),
      year: year().optional(),
      objective: oneOf(OBJECTIVES),
      budget_musd: nonNegative().optional(),
      target_mt: positive().optional(),
      cost_slack: number('a fraction ≥ 0 (0.02 = 2%)', (n) => n >= 0).optional(),
      // A measure of the network's region.yaml, or a corridor and the country whose frontier it crosses; by default
      // the region's first gateway measure.
      throughput: z
        .strictObject({ measure: id().optional(), corridor: id().optional(), country: country().optional() })
        .optional()
        .default({}),
      candidates: z.array(id(), { error: expected('a list of candidate ids') }).optional(),
    },
    { error: expected('a mapping with name, scenario and objective') },
  )
  .superRefine((file, ctx) => {
    if (file.objective === 'max_throughput' && file.budget_musd === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['budget_musd'],
        message: 'required for objective max_throughput: expected a number ≥ 0 (million USD)',
      });
    if (file.objective === 'meet_target' && file.target_mt === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['target_mt'],
        message: 'required for objective meet_target: expected a number > 0 (Mt/yr)',
      });
  });
export type OptimizationFile = z.output<typeof optimizationFileSchema>;

/** Adds the issues of a nested parse to `ctx`, their paths under `prefix`; returns z.NEVER for the transform. */
function reissue(ctx: z.RefinementCtx, error: z.ZodError, prefix: readonly string[] = []): never {
  for (const issue of error.issues)
    ctx.addIssue({
      code: 'custom',
      path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
    });
  return z.NEVER;
}

function omitUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
