import type { RouteStep } from './report.js';

/** What a step is, in a word or two: "rail 1520", "border", "gauge change". */
export function stepWhat(step: RouteStep): string {
  switch (step.kind) {
    case 'leg':
      return step.gaugeMm === undefined ? step.mode : `${step.mode} ${step.gaugeMm}`;
    case 'border':
      return 'border';
    case 'transfer':
      return step.transfer === 'gauge_change' ? 'gauge change' : 'transshipment';
    case 'handling':
      return 'port handling';
  }
}
