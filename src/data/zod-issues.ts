import type { z } from 'zod';
import { issueAt, type InputIssue } from '../model/issues.js';
import type { RecordOrigin } from '../model/types.js';

/** `sources.1` → `sources[1]`: the column name first, then the position inside a list cell. */
function fieldOf(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

export function zodIssuesAt(error: z.ZodError, origin: RecordOrigin): InputIssue[] {
  return error.issues.map((issue) => issueAt(origin, fieldOf(issue.path), issue.message));
}
