import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../numeric/convergence.js';
import { demandForYear } from './demand.js';
import { userEquilibrium, type EquilibriumProgress, type EquilibriumResult } from './equilibrium.js';
import { buildCorridorGraph } from './graph.js';
import { logitAssignment } from './logit.js';
import type { ModelParameters } from './parameters.js';
import { buildProblem, commodityClasses, type CorridorProblem } from './problem.js';
import { buildFlowReport, type FlowReport } from './report.js';
import type { CompiledScenario, CorridorSession } from './session.js';
import type { AssignmentSettings, Commodity, Scenario, ScenarioState } from './types.js';

const DEFAULT_SETTINGS: AssignmentSettings = {
  method: 'ue',
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
export function scenarioProblem(session: CorridorSession, compiled: CompiledScenario, settings: AssignmentSettings) {
  const { parameters } = session;
  const { scenario, state } = compiled;
  const flows = demandForYear(state.demand, scenario.year);
  const graph = buildCorridorGraph(state.network, scenario.year, parameters.congestion, state.entryPremiums);
  const weights = new Map<Commodity, number>();
  for (const flow of flows) weights.set(flow.commodity, (weights.get(flow.commodity) ?? 0) + flow.mtPerYr);
  const classes = commodityClasses(session.data.commodities, settings.classes, weights);
  const problem = buildProblem(graph, flows, classes, parameters.outsideOptionFactor, session.referenceGraph());
  return { parameters, state, problem };
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
export function runScenario(
  session: CorridorSession,
  compiled: CompiledScenario,
  overrides: Partial<AssignmentSettings> = {},
  onProgress?: (progress: EquilibriumProgress) => void,
): ScenarioRun {
  const { scenario } = compiled;
  const settings = settingsFor(scenario, overrides);
  const { parameters, state, problem } = scenarioProblem(session, compiled, settings);
  const result =
    settings.method === 'logit'
      ? logitAssignment(problem, {
          theta: parameters.logitThetaPerUsd,
          routes: parameters.logitRoutes,
          gap: settings.gap,
          maxIterations: settings.maxIterations,
          ...(onProgress === undefined ? {} : { onProgress }),
        })
      : userEquilibrium(problem, {
          algorithm: settings.algorithm,
          gap: settings.gap,
          maxIterations: settings.maxIterations,
          ...(onProgress === undefined ? {} : { onProgress }),
        });
  const report = buildFlowReport(problem, result, session.network.parameters, session.data.observed);
  return { scenario, settings, state, parameters, problem, result, report };
}
