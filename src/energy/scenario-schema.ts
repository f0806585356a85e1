import { z } from 'zod';
import { requiredOr as expected, slugSchema } from '../model/cells.js';
import type { EnergyLever } from './levers.js';
import { ENERGY_COMMODITIES } from './types.js';

/**
 * The schema of an energy scenario file (YAML), applied to the parsed document; messages say what was expected and
 * what was found, and the adapter prefixes file and key path, as for the freight scenario files.
 */

const number = (what: string, test: (n: number) => boolean) =>
  z.number({ error: expected(what) }).refine((n) => Number.isFinite(n) && test(n), { error: expected(what) });
const positive = () => number('a number > 0', (n) => n > 0);
const nonNegative = () => number('a number ≥ 0', (n) => n >= 0);
const text = () => z.string({ error: expected('text') }).min(1, { error: expected('non-empty text') });

export const ENERGY_LEVER_TYPES = ['capacity', 'open_link', 'add_link', 'swap_volume', 'swap_fee'] as const;

const capacity = z
  .strictObject({
    type: z.literal('capacity'),
    link: slugSchema,
    value: positive().optional(),
    multiplier: positive().optional(),
    reserved: nonNegative().optional(),
  })
  .superRefine((lever, ctx) => {
    if (lever.value !== undefined && lever.multiplier !== undefined)
      ctx.addIssue({ code: 'custom', path: ['multiplier'], message: 'expected value or multiplier, not both' });
    if (lever.value === undefined && lever.multiplier === undefined && lever.reserved === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: "required: a value (the link's unit), a multiplier or a reserved volume",
      });
  })
  .transform((lever): EnergyLever => ({
    type: 'capacity',
    link: lever.link,
    ...(lever.value === undefined ? {} : { value: lever.value }),
    ...(lever.multiplier === undefined ? {} : { multiplier: lever.multiplier }),
    ...(lever.reserved === undefined ? {} : { reserved: lever.reserved }),
  }));

const openLink = z
  .strictObject({ type: z.literal('open_link'), link: slugSchema, capacity: positive().optional() })
  .transform((lever): EnergyLever => ({
    type: 'open_link',
    link: lever.link,
    ...(lever.capacity === undefined ? {} : { capacity: lever.capacity }),
  }));

const addLink = z
  .strictObject({
    type: z.literal('add_link'),
    id: slugSchema,
    name: text().optional(),
    from: slugSchema,
    to: slugSchema,
    commodity: z.enum(ENERGY_COMMODITIES, { error: expected(`one of ${ENERGY_COMMODITIES.join(', ')}`) }),
    capacity: positive().optional(),
    km: positive().optional(),
    bidirectional: z.boolean({ error: expected('true or false') }).optional(),
  })
  .superRefine((lever, ctx) => {
    if (lever.from === lever.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must differ from from' });
  })
  .transform((lever): EnergyLever => ({
    type: 'add_link',
    id: lever.id,
    name: lever.name ?? lever.id,
    from: lever.from,
    to: lever.to,
    commodity: lever.commodity,
    ...(lever.capacity === undefined ? {} : { capacity: lever.capacity }),
    ...(lever.km === undefined ? {} : { km: lever.km }),
    bidirectional: lever.bidirectional ?? lever.commodity === 'power',
  }));

const swapVolume = z
  .strictObject({ type: z.literal('swap_volume'), swap: slugSchema, value: positive() })
  .transform((lever): EnergyLever => ({ type: 'swap_volume', swap: lever.swap, value: lever.value }));

const swapFee = z
  .strictObject({
    type: z.literal('swap_fee'),
    swap: slugSchema,
    pct: number('a percentage 0–100', (n) => n >= 0 && n <= 100).optional(),
    musd_per_unit: nonNegative().optional(),
  })
  .superRefine((lever, ctx) => {
    if (lever.pct === undefined && lever.musd_per_unit === undefined)
      ctx.addIssue({ code: 'custom', path: ['pct'], message: 'required: pct or musd_per_unit' });
  })
  .transform((lever): EnergyLever => ({
    type: 'swap_fee',
    swap: lever.swap,
    ...(lever.pct === undefined ? {} : { pct: lever.pct }),
    ...(lever.musd_per_unit === undefined ? {} : { musdPerUnit: lever.musd_per_unit }),
  }));

const SCHEMAS = {
  capacity,
  open_link: openLink,
  add_link: addLink,
  swap_volume: swapVolume,
  swap_fee: swapFee,
} as const;

/** Dispatches on `type` so that a lever's errors name its own fields, not every member of a union. */
const lever = z.unknown().transform((value, ctx): EnergyLever => {
  const type = (value as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? SCHEMAS[type as keyof typeof SCHEMAS] : undefined;
  if (schema === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['type'],
      message: `expected one of ${ENERGY_LEVER_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
    });
    return z.NEVER;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

export const energyScenarioSchema = z.strictObject({
  name: text(),
  description: text().optional(),
  levers: z.array(lever, { error: expected('a list of levers') }),
});

export type EnergyScenario = z.infer<typeof energyScenarioSchema>;
