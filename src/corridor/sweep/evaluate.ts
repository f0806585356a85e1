import { isLinkOpen } from '../../model/link-availability.js';
import { measureThroughput } from '../../model/measure.js';
import type { Link } from '../../model/types.js';
import { measureCapacity } from '../capacity.js';
import type { ElasticResult, ReferenceService } from '../elastic-demand.js';
import type { LogitResult } from '../logit.js';
import { applyLevers } from '../levers.js';
import type { LpSolver } from '../lp.js';
import type { ModelParameters } from '../parameters.js';
import { linkFlows } from '../report.js';
import { referenceRun, solveScenario, settingsFor, type ReferenceRun, type RunReuse } from '../run.js';
import type { CompiledScenario, CorridorSession } from '../session.js';
import type { Lever } from '../types.js';
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

/** Nominal runs kept per worker: one per year and set of links a sample's delays close that year. */
const KEPT_NOMINAL_RUNS = 64;

/** The constants the base-year reference depends on: the choice model's and the demand response's. */
const referenceKey = (parameters: ModelParameters) =>
  JSON.stringify([parameters.logitThetaPerUsd, parameters.logitPathSize, parameters.response]);

/**
 * Evaluates the samples of one sweep: the session, the base scenario and the inputs are compiled once (per worker)
 * and each sample only applies its levers to the compiled state and runs the assignment in every year. Pure but for
 * the LP solver, which the adapter injects.
 *
 * What a sample would repeat is done once per worker from the base scenario at its nominal inputs, so it does not
 * depend on which samples a worker happened to take (the same seed gives the same answer on any number of workers):
 * - the base-year reference's route sets, which θ and the elasticities do not enter (they are built at free flow):
 *   a sample whose choice or response constants differ re-runs the reference on them from free flow (as its own
 *   run would); one whose constants are nominal takes the nominal reference as it is;
 * - the nominal run of each year (and of each set of links that delayed openings close that year): its route sets,
 *   which a sample at nominal tariffs and dwell uses as they are (demand, growth, θ, elasticities and capacities do
 *   not enter them either), and where it ended, which each sample's assignment starts from, scaled to its tonnes.
 * A sample that changes tariffs or dwell builds its own route sets: re-costing the nominal sets (or a pool twice as
 * wide) changed flows by up to half on the shipped sweep (docs/uncertainty.md). It builds them once for the years
 * in which the same links are open: the searches are the same there. Results differ from independent
 * runs only within the assignment's convergence tolerance; the nominal sample gives a plain run's result exactly.
 */
export class SweepEvaluator {
  private readonly nominalRuns = new Map<string, Required<Pick<RunReuse, 'sets' | 'warmStart'>>>();
  private nominalReference: ReferenceRun | undefined;
  private readonly baseLinks: ReadonlyMap<string, Link>;

  constructor(
    private readonly session: CorridorSession,
    private readonly compiled: CompiledScenario,
    readonly inputs: readonly UncertainInput[],
    readonly years: readonly number[],
    private readonly solve: LpSolver | undefined,
  ) {
    this.baseLinks = new Map(compiled.state.network.links.map((link) => [link.id, link]));
  }

  async evaluate(values: ArrayLike<number>): Promise<SampleOutputs> {
    const { session, compiled } = this;
    const changes = sampleChanges(this.inputs, values, session.parameters, session.data.growth);
    const state = applyLevers(compiled.state, changes.levers);
    // The sample's constants and growth; the calibrated state and the base-year reference graph are shared.
    const sample: CorridorSession = {
      network: session.network,
      data: { ...session.data, growth: changes.growth },
      parameters: changes.parameters,
      baseYear: session.baseYear,
      calibrated: session.calibrated,
      referenceGraph: session.referenceGraph,
    };
    const settings = settingsFor(compiled.scenario);
    const reference = settings.method === 'logit' ? this.referenceOf(sample) : undefined;
    const openings = changes.levers.filter((lever) => lever.type === 'open_link');
    const nominalCosts = changes.levers.every(
      (lever) => (lever.type !== 'tariff' && lever.type !== 'border_dwell') || lever.multiplier === 1,
    );
    const measures = state.network.region?.measures ?? [];
    const flowMt: number[] = [];
    const capacityMt: (number | null)[] = [];
    let earlier: RunReuse['earlier'];
    for (const year of this.years) {
      const scenario = { ...compiled.scenario, year };
      const nominal = settings.method === 'logit' ? this.nominalRun(year, openings) : undefined;
      // At nominal costs the nominal sets are the ones the sample's own run would build.
      const reuse: RunReuse =
        nominal === undefined
          ? {}
          : {
              ...(nominalCosts ? { sets: nominal.sets } : {}),
              warmStart: nominal.warmStart,
              ...(reference && { reference }),
              // The sets of its year before, when the same links are open in both (exactly the ones it would build).
              ...(earlier && { earlier }),
            };
      const run = solveScenario(sample, { scenario, state }, {}, undefined, reuse);
      if (!nominalCosts && run.result.method === 'logit')
        earlier = {
          problem: run.problem,
          sets: (run.result as LogitResult).sets,
          routesPerPair: sample.parameters.logitRoutes,
        };
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

  /** The base-year reference for a sample's constants: the nominal one, or re-run from it. */
  private referenceOf(sample: CorridorSession): ReadonlyMap<string, ReferenceService> {
    const settings = settingsFor(this.compiled.scenario);
    const nominal = (this.nominalReference ??= referenceRun(this.session, settings));
    if (referenceKey(sample.parameters) === referenceKey(this.session.parameters)) return nominal.reference;
    // From free flow, as an independent run's reference starts: from the nominal reference's end it took twice the
    // iterations (its first full step towards the new θ's shares overshoots), and it now gives that run's exactly.
    return referenceRun(sample, settings, { sets: nominal.sets }).reference;
  }

  /**
   * The base scenario's run in a year at nominal inputs, on the network the sample's delayed openings leave that
   * year (only which links are open matters to the route sets): computed once per worker and key.
   */
  private nominalRun(year: number, openings: readonly Lever[]) {
    const closed: string[] = [];
    const moved: Lever[] = [];
    for (const lever of openings) {
      if (lever.type !== 'open_link' || lever.openingYear === undefined) continue;
      const base = this.baseLinks.get(lever.link);
      if (
        base === undefined ||
        isLinkOpen(base, year) === isLinkOpen({ ...base, openingYear: lever.openingYear }, year)
      )
        continue;
      closed.push(lever.link);
      moved.push(lever);
    }
    const key = `${year}|${closed.join(',')}`;
    let nominal = this.nominalRuns.get(key);
    if (nominal === undefined) {
      const { session, compiled } = this;
      const state = applyLevers(compiled.state, moved);
      const settings = settingsFor(compiled.scenario);
      const reference = (this.nominalReference ??= referenceRun(session, settings)).reference;
      const run = solveScenario(session, { scenario: { ...compiled.scenario, year }, state }, {}, undefined, {
        reference,
      });
      const result = run.result as ElasticResult;
      nominal = {
        sets: result.sets,
        warmStart: { sets: result.sets, routeFlow: result.routeFlow, pairMt: result.demandResponse.grownMt },
      };
      this.nominalRuns.set(key, nominal);
      if (this.nominalRuns.size > KEPT_NOMINAL_RUNS) this.nominalRuns.delete(this.nominalRuns.keys().next().value!);
    }
    return nominal;
  }
}
