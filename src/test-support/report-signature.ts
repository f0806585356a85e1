import type { RouteReport } from '../routing/report.js';

/**
 * The corridor signature as read from a finished report: what pathSignature computes from the edges, so tests can
 * check it and group reported routes by corridor without the graph.
 */
export function reportSignature(report: RouteReport, gatewayOf: (id: string) => string): string {
  const parts: string[] = [];
  const kmByMode = new Map<string, number>();
  for (const step of report.steps) {
    if (step.kind === 'border') parts.push(`border:${gatewayOf(step.node)}`);
    if (step.kind === 'leg') {
      kmByMode.set(step.mode, (kmByMode.get(step.mode) ?? 0) + step.km);
      if (step.mode === 'sea' || step.mode === 'ferry') parts.push(`${step.mode}:${step.from}-${step.to}`);
    }
  }
  const mainMode = [...kmByMode].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return `${parts.join('>')}|${mainMode}`;
}
