import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import { demandForYear } from './demand.js';
import { userEquilibrium, type EquilibriumProgress, type EquilibriumResult } from './equilibrium.js';
import { buildCorridorGraph } from './graph.js';
import { elasticLogit, referenceService, type ReferenceService } from './elastic-demand.js';
import type { WarmStart } from './logit.js';
import { sameSearches, setsFit, type RouteSets } from './route-sets.js';
import { forecastFlows } from './forecast.js';
import type { ModelParameters } from './parameters.js';
import { buildProblem, commodityClasses, type CorridorProblem } from './problem.js';
import { buildFlowReport, type FlowReport } from './report.js';
import { baseYearScenario, type CompiledScenario, type CorridorSession } from './session.js';
import type { AssignmentSettings, Commodity, Scenario, ScenarioState } from './types.js';

const DEFAULT_SETTINGS: AssignmentSettings = {
  method: 'logit',
  classes: 'commodity',
  algorithm: 'fw',
  gap: DEFAULT_GAP,
  maxIterations: DEFAULT_SCENARIO_ITERATIONS,
};

export interface ScenarioRun {
  scenario: Scenario;
  settings: AssignmentSettings;
  state: ScenarioState;
  parameters: ModelParameters;
  problem: CorridorProblem;
  result: EquilibriumResult;
  report: FlowReport;
}

export function settingsFor(scenario: Scenario, overrides: Partial<AssignmentSettings> = {}): AssignmentSettings {
  const settings = { ...DEFAULT_SETTINGS, ...scenario.assignment, ...overrides };
  // The multiclass solver is Frank–Wolfe or MSA; the engine's default for one class is Algorithm B.
  if (overrides.algorithm === undefined && scenario.assignment.algorithm === undefined && settings.classes === 'single')
    settings.algorithm = 'b';
  return settings;
}

/** Builds the corridor assignment problem of a compiled scenario (pure): its graph, once, on the session's reference. */
export function scenarioProblem(
  session: CorridorSession,
  compiled: CompiledScenario,
  settings: AssignmentSettings,
  graph = buildCorridorGraph(
    compiled.state.network,
    compiled.scenario.year,
    session.parameters.congestion,
    compiled.state.entryPremiums,
  ),
) {
  const { parameters } = session;
  const { scenario, state } = compiled;
  const flows = forecastFlows(
    demandForYear(state.demand, scenario.year),
    state.network,
    session.data.growth,
    session.baseYear,
    scenario.year,
    parameters.response.incomeElasticity,
  );
  const weights = new Map<Commodity, number>();
  for (const flow of flows) weights.set(flow.commodity, (weights.get(flow.commodity) ?? 0) + flow.mtPerYr);
  const classes = commodityClasses(session.data.commodities, settings.classes, weights);
  const problem = buildProblem(graph, flows, classes, parameters.outsideOptionFactor, session.referenceGraph());
  return { parameters, state, problem };
}

function elasticOptions(session: CorridorSession, settings: AssignmentSettings) {
  const { parameters } = session;
  return {
    choice: { theta: parameters.logitThetaPerUsd, pathSize: parameters.logitPathSize },
    routes: parameters.logitRoutes,
    gap: settings.gap,
    maxIterations: settings.maxIterations,
    response: parameters.response,
    valueUsdPerT: new Map(session.data.commodities.map((c) => [c.commodity, c.valueUsdPerT])),
  };
}

const references = new WeakMap<ScenarioState, Map<string, Map<string, ReferenceService>>>();
/** Reference runs kept per calibrated state: a sweep that varies θ asks for a new one per sample. */
const KEPT_REFERENCES = 8;

/**
 * What a run may take from an earlier run on the same network in the same year (an uncertainty sweep's nominal
 * run): its route sets, where its assignment ended, and the base-year reference its demand responds to.
 */
export interface RunReuse {
  /** Route sets to use when they fit the run's problem (an earlier run's on the same network, year and pairs). */
  sets?: RouteSets;
  /** Where an earlier run ended: this one starts there. */
  warmStart?: WarmStart;
  reference?: ReadonlyMap<string, ReferenceService>;
  /**
   * Route sets built on another problem with `routesPerPair` routes a pair: taken where `sets` do not fit and that
   * problem's searches are this one's (`sameSearches`: another year in which the same links are open).
   */
  earlier?: { problem: CorridorProblem; sets: RouteSets; routesPerPair: number };
}

/** The route sets and warm start a run takes from `reuse`: sets of another network would index the wrong edges. */
function reused(reuse: RunReuse, problem: CorridorProblem): Pick<RunReuse, 'sets' | 'warmStart'> {
  return {
    ...(reuse.sets !== undefined && setsFit(reuse.sets, problem) ? { sets: reuse.sets } : {}),
    ...(reuse.warmStart !== undefined && setsFit(reuse.warmStart.sets, problem) ? { warmStart: reuse.warmStart } : {}),
  };
}

/** A reference run's level of service per pair, with the route sets and the end point it can be re-run from. */
export interface ReferenceRun {
  reference: Map<string, ReferenceService>;
  sets: RouteSets;
  warmStart: WarmStart;
}

/**
 * The base year's level of service per pair (logit, no demand response): what every scenario's demand responds
 * to, on the session's reference graph. `reuse` gives route sets and a start from an earlier reference run.
 */
export function referenceRun(
  session: CorridorSession,
  settings: AssignmentSettings,
  reuse: Pick<RunReuse, 'sets' | 'warmStart'> = {},
): ReferenceRun {
  const scenario = baseYearScenario(session);
  // The base year's network is the session's reference graph: built once, shared with the outside options.
  const { problem } = scenarioProblem(
    session,
    { scenario, state: session.calibrated },
    settings,
    session.referenceGraph(),
  );
  const options = elasticOptions(session, settings);
  const result = elasticLogit(problem, { ...options, reference: undefined, ...reused(reuse, problem) });
  return {
    reference: referenceService(problem, result, options),
    sets: result.sets,
    warmStart: { sets: result.sets, routeFlow: result.routeFlow, pairMt: result.demandResponse.grownMt },
  };
}

/**
 * The reference run's level of service, once per calibrated state, class setting and constants. A scenario in the
 * base year with no levers reproduces it, so it keeps its demand. Sessions that share the calibrated state and
 * constants (an uncertainty sweep's samples) share it.
 */
export function referenceFor(session: CorridorSession, settings: AssignmentSettings): Map<string, ReferenceService> {
  let bySettings = references.get(session.calibrated);
  if (bySettings === undefined) references.set(session.calibrated, (bySettings = new Map()));
  const { parameters } = session;
  // The response elasticities weigh the reference's trade costs, so they are part of the key.
  const key = JSON.stringify([
    settings.classes,
    parameters.logitThetaPerUsd,
    parameters.logitPathSize,
    parameters.logitRoutes,
    parameters.outsideOptionFactor,
    parameters.congestion,
    parameters.response,
    session.baseYear,
  ]);
  let reference = bySettings.get(key);
  if (reference === undefined) {
    reference = referenceRun(session, settings).reference;
    bySettings.set(key, reference);
    if (bySettings.size > KEPT_REFERENCES) bySettings.delete(bySettings.keys().next().value!);
  }
  return reference;
}

/**
 * Why these settings cannot run, or undefined: the multiclass assignment (one class per commodity) is solved by
 * Frank–Wolfe or MSA only; the engine's other algorithms need one class.
 */
export function unsupportedAlgorithm(settings: AssignmentSettings): string | undefined {
  if (settings.method === 'ue' && settings.classes === 'commodity' && !['fw', 'msa'].includes(settings.algorithm))
    return `the multiclass assignment (one class per commodity) runs fw or msa; ask for a single class to use the engine's ${settings.algorithm}`;
  return undefined;
}

/**
 * Runs a compiled scenario: demand for its year, assignment, flow report. Pure: everything comes in the arguments;
 * `onProgress` hears the iteration and gap after each iteration of the assignment.
 */
export function runScenario(...args: Parameters<typeof solveScenario>): ScenarioRun {
  const [session] = args;
  const solved = solveScenario(...args);
  const report = buildFlowReport(solved.problem, solved.result, session.network.parameters, session.data.observed);
  return { ...solved, report };
}

/**
 * A scenario's assignment without its flow report: what a caller that reads the volumes only (a sweep's sample,
 * for which the report was a twentieth of the time) needs.
 */
export function solveScenario(
  session: CorridorSession,
  compiled: CompiledScenario,
  overrides: Partial<AssignmentSettings> = {},
  onProgress?: (progress: EquilibriumProgress) => void,
  reuse: RunReuse = {},
): Omit<ScenarioRun, 'report'> {
  const { scenario } = compiled;
  const settings = settingsFor(scenario, overrides);
  const { parameters, state, problem } = scenarioProblem(session, compiled, settings);
  const fit = reused(reuse, problem);
  const { earlier } = reuse;
  if (
    fit.sets === undefined &&
    earlier !== undefined &&
    earlier.routesPerPair === parameters.logitRoutes &&
    sameSearches(earlier.problem, problem)
  )
    fit.sets = earlier.sets;
  const result =
    settings.method === 'logit'
      ? elasticLogit(problem, {
          ...elasticOptions(session, settings),
          reference: reuse.reference ?? referenceFor(session, settings),
          ...fit,
          ...(onProgress === undefined ? {} : { onProgress }),
        })
      : userEquilibrium(problem, {
          algorithm: settings.algorithm,
          gap: settings.gap,
          maxIterations: settings.maxIterations,
          ...(onProgress === undefined ? {} : { onProgress }),
        });
  return { scenario, settings, state, parameters, problem, result };
}
