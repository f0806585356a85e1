/**
 * The fields a step label reads: a route report's step, or the same step as the API's JSON schema types it (where an
 * absent gauge may also be an explicit undefined), so the web app labels steps with this very function.
 */
type LabeledStep =
  | { kind: 'leg'; mode: string; gaugeMm?: number | undefined }
  | { kind: 'border' }
  | { kind: 'transfer'; transfer: string }
  | { kind: 'handling' };

/** What a step is, in a word or two: "rail 1520", "border", "gauge change". */
export function stepWhat(step: LabeledStep): string {
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
