import { targetFor, type RegionFacts } from '../../model/region.js';
import { quantileOfSorted } from '../../numeric/quantile.js';
import type { UncertainInput } from './inputs.js';
import type { SampleOutputs } from './evaluate.js';
import { standardizedRegression } from './sensitivity.js';
import type { SweepSpec } from './spec.js';

/** One stored sample: its index, the input values drawn and what the run gave. */
export interface SweepSample {
  sample: number;
  values: number[];
  outputs: SampleOutputs;
}

export interface Spread {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface MeasureYear {
  measure: string;
  label: string;
  year: number;
  flowMt: Spread;
  capacityMt: Spread | null;
  /** The level of the measure's target series the year is judged against, and the share of samples reaching it. */
  targetMt: number | null;
  targetYear: number | null;
  probability: number | null;
}

export interface Driver {
  input: string;
  label: string;
  /** Standardized regression coefficient: standard deviations of flow per standard deviation of the input. */
  src: number;
}

export interface Drivers {
  measure: string;
  year: number;
  method: 'standardized regression coefficients';
  rSquared: number;
  inputs: Driver[];
}

export interface SweepReport {
  sweep: Omit<SweepSpec, 'scenario'> & { scenario: string; completed: number };
  inputs: UncertainInput[];
  measures: MeasureYear[];
  drivers: Drivers[];
}

/** Drivers listed per measure and year, largest |SRC| first. */
export const TOP_DRIVERS = 10;

const round = (value: number) => Number(value.toPrecision(10));

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p5: round(quantileOfSorted(sorted, 0.05)),
    p50: round(quantileOfSorted(sorted, 0.5)),
    p95: round(quantileOfSorted(sorted, 0.95)),
    mean: round(values.reduce((sum, v) => sum + v, 0) / values.length),
  };
}

/**
 * The sweep's answer from its samples, in sample order whatever order they were computed in: the spread of flow and
 * capacity per measure and year, the chance of reaching each target, and the inputs that drive each flow.
 */
export function summarizeSweep(
  spec: SweepSpec,
  region: RegionFacts | undefined,
  inputs: readonly UncertainInput[],
  samples: readonly SweepSample[],
): SweepReport {
  const ordered = [...samples].sort((a, b) => a.sample - b.sample);
  const measures = region?.measures ?? [];
  const d = inputs.length;
  const design = new Float64Array(ordered.length * d);
  ordered.forEach((s, k) => design.set(s.values, k * d));
  const rows: MeasureYear[] = [];
  const drivers: Drivers[] = [];
  spec.years.forEach((year, y) => {
    measures.forEach((measure, m) => {
      const at = y * measures.length + m;
      const flows = ordered.map((s) => s.outputs.flowMt[at]!);
      const capacities = ordered
        .map((s) => s.outputs.capacityMt?.[at])
        .filter((value): value is number => typeof value === 'number');
      const target = targetFor(region, measure.target, year);
      rows.push({
        measure: measure.id,
        label: measure.label,
        year,
        flowMt: spread(flows),
        capacityMt: capacities.length === 0 ? null : spread(capacities),
        targetMt: target?.mt ?? null,
        targetYear: target?.year ?? null,
        probability:
          target === undefined ? null : round(flows.filter((flow) => flow >= target.mt).length / flows.length),
      });
      const { coefficients, rSquared } = standardizedRegression(design, d, flows);
      drivers.push({
        measure: measure.id,
        year,
        method: 'standardized regression coefficients',
        rSquared: round(rSquared),
        inputs: inputs
          .map((input, j) => ({ input: input.id, label: input.label, src: round(coefficients[j]!) }))
          .filter((driver) => driver.src !== 0)
          .sort((a, b) => Math.abs(b.src) - Math.abs(a.src) || (a.input < b.input ? -1 : 1))
          .slice(0, TOP_DRIVERS),
      });
    });
  });
  const { scenario, ...rest } = spec;
  return {
    sweep: { ...rest, scenario: scenario.name, completed: ordered.length },
    inputs: [...inputs],
    measures: rows,
    drivers,
  };
}
