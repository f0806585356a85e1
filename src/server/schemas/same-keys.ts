import type { z } from 'zod';

/**
 * Compile-time check that an API schema describes a core type field for field: a core field the schema lacks, or a
 * schema field the core lacks, makes this `false`, and assigning `true` to it fails type-checking.
 */
export type SameKeys<Core, Schema extends z.ZodType> = [Exclude<keyof Core, keyof z.output<Schema>>] extends [never]
  ? [Exclude<keyof z.output<Schema>, keyof Core>] extends [never]
    ? true
    : false
  : false;
