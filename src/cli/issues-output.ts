import { formatIssue, type InputIssue } from '../model/issues.js';
import type { TextOutput } from './io.js';

/** Issues grouped by file (in the order files were read) and by line, so a reader can walk through a file once. */
export function sortIssues(issues: readonly InputIssue[]): InputIssue[] {
  const fileOrder = new Map<string, number>();
  for (const issue of issues) if (!fileOrder.has(issue.file)) fileOrder.set(issue.file, fileOrder.size);
  return [...issues].sort(
    (a, b) =>
      (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) ||
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER),
  );
}

export function writeIssues(out: TextOutput, issues: readonly InputIssue[]): void {
  for (const issue of sortIssues(issues)) out.write(`${formatIssue(issue)}\n`);
}

export function splitBySeverity(issues: readonly InputIssue[]): { errors: InputIssue[]; warnings: InputIssue[] } {
  return {
    errors: issues.filter((issue) => issue.severity === 'error'),
    warnings: issues.filter((issue) => issue.severity === 'warning'),
  };
}
