import type { RecordOrigin } from './types.js';

export type Severity = 'error' | 'warning';

/** One problem found in the input, located precisely enough for a person to fix it. */
export interface InputIssue {
  severity: Severity;
  file: string;
  line?: number;
  /** Column name, or a JSON path for structured input. */
  field?: string;
  message: string;
}

export function issueAt(
  origin: RecordOrigin | undefined,
  field: string | undefined,
  message: string,
  severity: Severity = 'error',
): InputIssue {
  const issue: InputIssue = { severity, file: origin?.file ?? '<input>', message };
  if (origin?.line !== undefined) issue.line = origin.line;
  const path = [origin?.pointer, field].filter((part) => part !== undefined && part !== '').join('.');
  if (path !== '') issue.field = path;
  return issue;
}

/** `sources.1` → `sources[1]`, `overview.0.from` → `overview[0].from`: a path inside a record as issues name it. */
export function fieldPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** `file:line: field: message`, the form editors and terminals turn into a link. */
export function formatIssue(issue: InputIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const field = issue.field === undefined ? '' : `${issue.field}: `;
  const tag = issue.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${tag}${field}${issue.message}`;
}

export function hasErrors(issues: readonly InputIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** Thrown by adapters when input cannot be turned into a valid model; carries every issue found, not just the first. */
export class InvalidInputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[], summary = 'invalid input') {
    super(`${summary}:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}
