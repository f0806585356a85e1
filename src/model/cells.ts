import { z } from 'zod';
import { isCountryCode } from './countries.js';

/**
 * Zod building blocks for one cell of tabular input. Each accepts either the text of a CSV cell or the already
 * typed value of a JSON property, so CSV and GeoJSON input share one schema per record type.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A value as quoted in a message: text in double quotes, anything else as JSON. */
export const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function blankToUndefined(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return value;
}

function toNumber(value: unknown): unknown {
  const cleaned = blankToUndefined(value);
  return typeof cleaned === 'string' && NUMERIC.test(cleaned) ? Number(cleaned) : cleaned;
}

function toList(value: unknown): unknown {
  const cleaned = blankToUndefined(value);
  if (cleaned === undefined) return [];
  if (typeof cleaned === 'string') {
    return cleaned
      .split(';')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return cleaned;
}

/** The message of a failed check: `required: expected …` when the value is missing, else `expected …, got …`. */
export const requiredOr = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `required: expected ${expected}` : `expected ${expected}, got ${show(issue.input)}`;

export const textCell = () => z.preprocess(blankToUndefined, z.string({ error: requiredOr('text') }));
export const optionalTextCell = () =>
  z.preprocess(blankToUndefined, z.string({ error: requiredOr('text') }).optional());

/** The longest id of a node, link, corridor or source: far above the longest in the data (about 40). */
export const MAX_ID_LENGTH = 100;

/** An id of lower-case letters, digits and '-' (no preprocessing: for JSON and YAML values). */
export const slugSchema = z
  .string({ error: requiredOr("an id of lower-case letters, digits and '-'") })
  // Checked first: a megabyte "id" is refused before any pattern or "did you mean" search looks at it.
  .max(MAX_ID_LENGTH, { error: `expected an id of at most ${MAX_ID_LENGTH} characters` })
  .regex(SLUG, { error: requiredOr("an id of lower-case letters, digits and '-'") });
export const slugCell = () => z.preprocess(blankToUndefined, slugSchema);

/**
 * Text turned into a value by `parse` (undefined: not valid), such as a timestamp or a period; blank is missing.
 * `expected` says what a valid cell looks like.
 */
export const parsedCell = <T>(expected: string, parse: (text: string) => T | undefined) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z.string().transform((text, ctx): T => {
      const parsed = text === '' ? undefined : parse(text);
      if (parsed === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: text === '' ? `required: expected ${expected}` : `expected ${expected}, got "${text}"`,
        });
        return z.NEVER;
      }
      return parsed;
    }),
  );

interface NumberRules {
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  max?: number;
  integer?: boolean;
  unit?: string;
}

function describeNumber(rules: NumberRules): string {
  const kind = rules.integer ? 'a whole number' : 'a number';
  const bounds: string[] = [];
  if (rules.above !== undefined) bounds.push(`> ${rules.above}`);
  if (rules.min !== undefined) bounds.push(`≥ ${rules.min}`);
  if (rules.max !== undefined) bounds.push(`≤ ${rules.max}`);
  const unit = rules.unit === undefined ? '' : ` (${rules.unit})`;
  return `${kind}${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''}${unit}`;
}

function numberSchema(rules: NumberRules) {
  const expected = describeNumber(rules);
  const error = requiredOr(expected);
  let schema = z.number({ error }).refine(Number.isFinite, { error });
  if (rules.integer) schema = schema.refine(Number.isInteger, { error });
  if (rules.above !== undefined) {
    const above = rules.above;
    schema = schema.refine((n) => n > above, { error });
  }
  if (rules.min !== undefined) {
    const min = rules.min;
    schema = schema.refine((n) => n >= min, { error });
  }
  if (rules.max !== undefined) {
    const max = rules.max;
    schema = schema.refine((n) => n <= max, { error });
  }
  return schema;
}

export const numberCell = (rules: NumberRules = {}) => z.preprocess(toNumber, numberSchema(rules));
export const optionalNumberCell = (rules: NumberRules = {}) => z.preprocess(toNumber, numberSchema(rules).optional());

export function enumCell<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(blankToUndefined, z.enum(values, { error: requiredOr(`one of ${values.join(', ')}`) }));
}

export function optionalEnumCell<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    blankToUndefined,
    z.enum(values, { error: requiredOr(`one of ${values.join(', ')}`) }).optional(),
  );
}

export function numericEnumCell<const T extends readonly number[]>(values: T) {
  const expected = `one of ${values.join(', ')}`;
  return z.preprocess(
    toNumber,
    z
      .number({ error: requiredOr(expected) })
      .refine((n): n is T[number] => values.includes(n), { error: requiredOr(expected) })
      .optional(),
  );
}

const countrySchema = z
  .string({ error: requiredOr('an ISO 3166-1 alpha-2 country code such as KZ') })
  .refine(isCountryCode, { error: requiredOr('an ISO 3166-1 alpha-2 country code such as KZ') });
export const countryCell = () => z.preprocess(blankToUndefined, countrySchema);
export const optionalCountryCell = () => z.preprocess(blankToUndefined, countrySchema.optional());

export const slugListCell = () =>
  z.preprocess(toList, z.array(slugSchema, { error: requiredOr("a ';'-separated list of ids") }));
export const textListCell = () =>
  z.preprocess(toList, z.array(z.string(), { error: requiredOr("a ';'-separated list of names") }));

/** `yes` / `no` in CSV, a boolean in JSON; blank means the default. */
export function yesNoCell(defaultValue: boolean) {
  return z.preprocess(
    (value) => {
      const cleaned = blankToUndefined(value);
      if (cleaned === undefined) return defaultValue;
      if (typeof cleaned === 'string') {
        const lower = cleaned.toLowerCase();
        if (lower === 'yes' || lower === 'true') return true;
        if (lower === 'no' || lower === 'false') return false;
      }
      return cleaned;
    },
    z.boolean({ error: requiredOr('yes or no') }),
  );
}

const WAYPOINTS_EXPECTED = "way-points as 'lon lat;lon lat' with lon in -180…180 and lat in -90…90";

/** Way-points `lon lat;lon lat` in CSV, `[[lon, lat], …]` in JSON. */
export const waypointsCell = () =>
  z.preprocess(
    (value) => {
      const cleaned = blankToUndefined(value);
      if (cleaned === undefined) return [];
      if (typeof cleaned !== 'string') return cleaned;
      return cleaned.split(';').map((pair) => {
        const parts = pair.trim().split(/\s+/);
        return parts.length === 2 && parts.every((part) => NUMERIC.test(part)) ? parts.map(Number) : pair.trim();
      });
    },
    z.array(
      z
        .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
        .transform((pair): readonly [number, number] => [pair[0], pair[1]]),
      { error: requiredOr(WAYPOINTS_EXPECTED) },
    ),
  );
export { WAYPOINTS_EXPECTED };
