import { measureThroughput } from '../../model/measure.js';
import { measureCapacity } from '../capacity.js';
import { applyLevers } from '../levers.js';
import type { LpSolver } from '../lp.js';
import { linkFlows } from '../report.js';
import { runScenario } from '../run.js';
import type { CompiledScenario, CorridorSession } from '../session.js';
import type { UncertainInput } from './inputs.js';
import { sampleChanges } from './sample.js';

/** What one sample gives, per year of the sweep and measure of the region (year-major): flow and capacity, Mt/yr. */
export interface SampleOutputs {
  flowMt: number[];
  /** null where a measure's links have no capacity limit; absent when the sweep leaves capacity out. */
  capacityMt?: (number | null)[];
}

/** Rounded so that a result is the same JSON text wherever it was computed and however it was stored. */
const stored = (value: number) => Number(value.toPrecision(12));

/**
 * Evaluates the samples of one sweep: the session, the base scenario and the inputs are compiled once (per worker)
 * and each sample only applies its levers to the compiled state and runs the assignment in every year. Pure but for
 * the LP solver, which the adapter injects.
 */
export class SweepEvaluator {
  constructor(
    private readonly session: CorridorSession,
    private readonly compiled: CompiledScenario,
    readonly inputs: readonly UncertainInput[],
    readonly years: readonly number[],
    private readonly solve: LpSolver | undefined,
  ) {}

  async evaluate(values: ArrayLike<number>): Promise<SampleOutputs> {
    const { session, compiled } = this;
    const changes = sampleChanges(this.inputs, values, session.parameters, session.data.growth);
    const state = applyLevers(compiled.state, changes.levers);
    // The sample's constants and growth; the calibrated state and the base-year reference graph are shared, so the
    // reference run is computed once per choice constants (once per worker when θ is not varied).
    const sample: CorridorSession = {
      network: session.network,
      data: { ...session.data, growth: changes.growth },
      parameters: changes.parameters,
      baseYear: session.baseYear,
      calibrated: session.calibrated,
      referenceGraph: session.referenceGraph,
    };
    const measures = state.network.region?.measures ?? [];
    const flowMt: number[] = [];
    const capacityMt: (number | null)[] = [];
    for (const year of this.years) {
      const scenario = { ...compiled.scenario, year };
      const run = runScenario(sample, { scenario, state });
      const { forward, backward } = linkFlows(run.problem, run.result.volume);
      for (const measure of measures)
        flowMt.push(stored(measureThroughput(run.problem.graph.network, measure, forward, backward).mt));
      if (this.solve === undefined) continue;
      for (const measure of measures) {
        const capacity = await measureCapacity(run.problem.graph, measure, state.network.region, this.solve);
        capacityMt.push(capacity.capacityMt === null ? null : stored(capacity.capacityMt));
      }
    }
    return this.solve === undefined ? { flowMt } : { flowMt, capacityMt };
  }
}
