import { z } from 'zod';

/** A yes/no option, as a JSON boolean in a body or as `true`/`false` text in a query string. */
export const booleanInput = z
  .union([z.boolean(), z.enum(['true', 'false'])], { error: 'expected true or false' })
  .transform((value) => value === true || value === 'true');
