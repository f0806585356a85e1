import type { z } from 'zod';
import { UsageError } from './errors.js';

/** The command-line spelling of a schema field: `avoidCountry` → `--avoid-country`; positional arguments keep theirs. */
export function optionName(field: string, positional: readonly string[] = []): string {
  if (positional.includes(field)) return field;
  return `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** Parses command-line options with a shared schema, reporting every problem under its option's name. */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, options: unknown): z.output<Schema> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  throw new UsageError(
    parsed.error.issues.map((issue) => `${optionName(String(issue.path[0] ?? ''))}: ${issue.message}`).join('; '),
  );
}
