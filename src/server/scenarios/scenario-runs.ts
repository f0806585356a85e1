import type { AssignmentSettings } from '../../corridor/types.js';
import type { ServerContext } from '../context.js';
import type { Job } from '../jobs.js';
import { HttpProblem } from '../problem.js';
import type { ScenarioRunResult } from './run-result.js';
import { resolveSettings, type RunOptions } from './run-options.js';
import { runScenarioInWorker } from './worker-runner.js';

export interface ScenarioRunParams {
  scenario: string;
  settings: AssignmentSettings;
}
export type ScenarioRunJob = Job<ScenarioRunParams, ScenarioRunResult>;

export const SCENARIO_RUN = 'scenario-run';

/** The scenario catalog, or 404 when this server has none (a network without corridor data). */
export function catalogOf(context: ServerContext) {
  if (context.scenarios === undefined)
    throw new HttpProblem(404, 'this server has no corridor data: scenarios run on a network with a demand/ folder');
  return context.scenarios;
}

function scenarioOf(context: ServerContext, id: string, field: string) {
  const catalog = catalogOf(context);
  const scenario = catalog.scenarios.get(id);
  if (scenario === undefined) {
    const message = `no scenario "${id}"; expected one of ${[...catalog.scenarios.keys()].join(', ')}`;
    throw field === 'id' ? new HttpProblem(404, message) : HttpProblem.invalidField(field, message);
  }
  return scenario;
}

/**
 * The runner of scenario-run jobs on this server: the scenario is looked up in the catalog by id when the job
 * starts, so a job stored before a restart runs on the scenarios of the server that resumes it.
 */
export function defineScenarioRuns(context: ServerContext): void {
  context.scenarioRuns.define(SCENARIO_RUN, ({ scenario: id, settings }, report, signal) => {
    const catalog = catalogOf(context);
    const compiled = catalog.scenarios.get(id);
    if (compiled === undefined) return Promise.reject(new Error(`this server has no scenario "${id}" any more`));
    return runScenarioInWorker(
      { id, network: context.network, data: catalog.data, compiled, settings },
      report,
      context.limits.scenarioRunSeconds * 1000,
      signal,
    );
  });
}

/**
 * The run of a scenario with these options as a job: finished at once when the same run was done before (runs are
 * deterministic), the running one when it is under way, else started on a worker thread.
 */
export function submitScenarioRun(
  context: ServerContext,
  id: string,
  options: RunOptions,
  field = 'id',
): Promise<ScenarioRunJob> {
  const compiled = scenarioOf(context, id, field);
  const settings = resolveSettings(compiled.scenario, options);
  return context.scenarioRuns.submit(SCENARIO_RUN, { scenario: id, settings }, runKey(id, settings));
}

/** The finished result of this run, when kept; the scenario and options are checked as for a new run. */
export function knownScenarioRun(
  context: ServerContext,
  id: string,
  options: RunOptions,
  field: string,
): ScenarioRunResult | undefined {
  const settings = resolveSettings(scenarioOf(context, id, field).scenario, options);
  return context.scenarioRuns.resultFor(runKey(id, settings));
}

const runKey = (id: string, settings: AssignmentSettings): string => `${id}|${JSON.stringify(settings)}`;
