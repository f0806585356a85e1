import { issueAt, type InputIssue } from './issues.js';
import type { Parameter } from './types.js';

/**
 * One model parameter the code reads from a parameters.csv: declared once, with its unit, its default (or that it
 * is required) and its valid range, so that the loader can reject a missing row or an absurd value with the file and
 * key instead of the model failing later.
 */
export interface ParameterSpec {
  key: string;
  unit: string;
  /** Used when the file has no row; absent and not required means the feature that needs it is unavailable. */
  default?: number;
  required: boolean;
  min: number;
  max: number;
  integer?: boolean;
}

/** Parameters of a network folder's parameters.csv. */
export const NETWORK_PARAMETERS = {
  tPerTeu: { key: 't_per_teu', unit: 't per loaded TEU', required: false, min: 1, max: 30 },
  valueOfTimeUsdPerTH: { key: 'value_of_time_usd_per_t_h', unit: 'USD per t-h', required: false, min: 0, max: 100 },
  valueOfTimeUsdPerTeuH: {
    key: 'value_of_time_usd_per_teu_h',
    unit: 'USD per TEU-h',
    required: false,
    min: 0,
    max: 1000,
  },
  // No p90 ratio means no spread: the reliability simulation treats those steps as fixed.
  handlingP90Ratio: { key: 'handling_p90_ratio', unit: 'p90 / median', default: 1, required: false, min: 1, max: 10 },
  runningP90Ratio: {
    key: 'running_time_p90_ratio',
    unit: 'p90 / median',
    default: 1,
    required: false,
    min: 1,
    max: 10,
  },
} as const satisfies Record<string, ParameterSpec>;

/** The range (and unit) a parameter's value must lie in, as the message of an issue. */
function expectation(spec: ParameterSpec): string {
  return `expected ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max} (${spec.unit})`;
}

/**
 * Checks rows against their declarations: a missing required row, or a value out of range, is an error naming the
 * file and the key. Rows the code does not read (documentation figures) are left alone.
 */
export function checkParameters(
  rows: readonly Parameter[],
  specs: Readonly<Record<string, ParameterSpec>>,
  file: string,
): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const spec of Object.values(specs)) {
    const row = rows.find((candidate) => candidate.key === spec.key);
    if (row === undefined) {
      if (spec.required) issues.push(issueAt({ file }, spec.key, `${expectation(spec)}: the row is missing`));
      continue;
    }
    const { value } = row;
    if (value < spec.min || value > spec.max || (spec.integer === true && !Number.isInteger(value))) {
      issues.push(issueAt(row.origin ?? { file }, spec.key, `${expectation(spec)}, got ${value}`));
    }
  }
  return issues;
}

/** The value of a declared parameter: the row's, else the default; undefined when neither exists. */
export function parameterValue(rows: readonly Parameter[], spec: ParameterSpec): number | undefined {
  return rows.find((row) => row.key === spec.key)?.value ?? spec.default;
}

/** Like parameterValue, for parameters the loader guarantees (required or defaulted). */
export function requiredParameter(rows: readonly Parameter[], spec: ParameterSpec): number {
  const value = parameterValue(rows, spec);
  if (value === undefined) throw new RangeError(`the parameters lack "${spec.key}" (the loader should have said so)`);
  return value;
}
