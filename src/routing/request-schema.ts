import { z } from 'zod';
import { CARGO_UNITS } from '../graph/costs.js';
import { isCountryCode } from '../model/countries.js';
import { MODES, type Mode } from '../model/vocabulary.js';
import { CRITERIA } from './criteria.js';
import { ALTERNATIVE_METHODS } from './router.js';

/**
 * The options of a route request, shared by the command line (where every value arrives as text) and the HTTP API
 * (where values arrive as JSON numbers and arrays, or as query-string text). One schema gives both the same rules,
 * defaults and messages; field names are the camelCase forms of the command-line options.
 */

/** Longest list accepted for avoid/via options: far above any real request, low enough to bound the work. */
const MAX_LIST_LENGTH = 100;

interface NumberRules {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A number given as a number or as text ("2030"), checked against the rules, with `what` naming what is expected. */
export const numberInput = (what: string, rules: NumberRules) =>
  z.union([z.number(), z.string()]).transform((input, ctx) => {
    const value = typeof input === 'number' ? input : input.trim() === '' ? NaN : Number(input);
    const ok =
      Number.isFinite(value) &&
      (!rules.integer || Number.isInteger(value)) &&
      (rules.min === undefined || value >= rules.min) &&
      (rules.max === undefined || value <= rules.max);
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got "${String(input)}"` });
      return z.NEVER;
    }
    return value;
  });

/** A list given as an array, as comma-separated text ("rail,sea"), or as both (repeated query parameters). */
const listInput = (what: string) =>
  z
    .union([z.string(), z.array(z.string()).max(MAX_LIST_LENGTH, `expected at most ${MAX_LIST_LENGTH} ${what}`)])
    .transform((input) =>
      (typeof input === 'string' ? [input] : input)
        .flatMap((value) => value.split(','))
        .map((value) => value.trim())
        .filter((value) => value !== ''),
    );

const countryList = listInput('country codes').transform((codes, ctx) => {
  const upper = codes.map((code) => code.toUpperCase());
  const unknown = upper.find((code) => !isCountryCode(code));
  if (unknown !== undefined) {
    ctx.addIssue({ code: 'custom', message: `expected ISO country codes such as TM, got "${unknown}"` });
    return z.NEVER;
  }
  return upper;
});

const ENERGY_MODES = ['pipeline', 'gas', 'oil', 'power', 'electricity'];

const modeList = listInput('modes').transform((modes, ctx) => {
  const unknown = modes.find((mode) => !(MODES as readonly string[]).includes(mode));
  if (unknown !== undefined) {
    // A new user tries routing gas the way freight is routed; the energy layers have their own commands.
    const hint = ENERGY_MODES.includes(unknown)
      ? '; pipelines and power lines carry no freight: see `caravan energy`'
      : '';
    ctx.addIssue({ code: 'custom', message: `expected among ${MODES.join(', ')}, got "${unknown}"${hint}` });
    return z.NEVER;
  }
  return modes as Mode[];
});

export const routeOptionsSchema = z.object({
  by: z.enum(CRITERIA).default('time').describe('what to minimize'),
  alternatives: numberInput('a whole number from 1 to 20', { integer: true, min: 1, max: 20 })
    .default(1)
    .describe('how many routes, the best first'),
  method: z
    .enum(ALTERNATIVE_METHODS)
    .default('distinct')
    .describe('distinct: routes through different borders, ports or modes; yen: the k cheapest'),
  avoidCountry: countryList.optional().describe('ISO country codes to keep out of (e.g. TM,AF)'),
  avoidNode: listInput('nodes').optional().describe('nodes (ids or names) to keep out of'),
  avoidLink: listInput('links').optional().describe('link ids not to use'),
  via: listInput('nodes').optional().describe('nodes (ids or names) to pass, in order'),
  modes: modeList.optional().describe(`allowed modes (${MODES.join(',')}); default: all`),
  year: numberInput('a year such as 2027', { integer: true, min: 1900, max: 2100 })
    .optional()
    .describe('the network as of this year: links opened by then (default: today, operational only)'),
  unit: z.enum(CARGO_UNITS).default('t').describe('cargo unit costs are counted per'),
  // Bounded: an absurd value (1e308) would overflow the costs into "no route" instead of being refused.
  valueOfTime: numberInput('USD per hour, a number from 0 to 10,000', { min: 0, max: 10_000 })
    .optional()
    .describe('USD per cargo unit per hour, for by=generalized (default: the network parameter)'),
  carbonPrice: numberInput('USD per tonne CO2e, a number from 0 to 10,000', { min: 0, max: 10_000 })
    .default(0)
    .describe('USD per tonne CO2e, added to the generalized cost'),
});

/** The places a route runs between, by id or name, as a person types them. */
export const routeEndpointsSchema = z.object({
  from: z.string().trim().min(1, 'expected an origin node id or name').max(200).describe('origin node id or name'),
  to: z
    .string()
    .trim()
    .min(1, 'expected a destination node id or name')
    .max(200)
    .describe('destination node id or name'),
});

/** A whole route query: where from and to, and how. */
export const routeQuerySchema = routeEndpointsSchema.extend(routeOptionsSchema.shape);
export type RouteQuery = z.output<typeof routeQuerySchema>;
