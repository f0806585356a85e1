import type { z } from 'zod';
import { fieldPath, issueAt, type InputIssue } from '../model/issues.js';
import type { RecordOrigin } from '../model/types.js';

export function zodIssuesAt(error: z.ZodError, origin: RecordOrigin): InputIssue[] {
  return error.issues.map((issue) => issueAt(origin, fieldPath(issue.path), issue.message));
}
