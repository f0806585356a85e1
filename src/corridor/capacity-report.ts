import { measureCapacity, type MeasureCapacity } from './capacity.js';
import { buildCorridorGraph } from './graph.js';
import type { LpSolver } from './lp.js';
import type { CompiledScenario, CorridorSession } from './session.js';

export interface ScenarioCapacity {
  scenario: string;
  year: number;
  measures: MeasureCapacity[];
}

/**
 * The capacity of every measure of the network's region.yaml on a scenario's network in its year (levers applied:
 * opened links, added capacity). Independent of the scenario's demand.
 */
export async function scenarioCapacity(
  session: CorridorSession,
  compiled: CompiledScenario,
  solve: LpSolver,
  // A run of the scenario has built this graph already: pass it rather than build it again.
  graph = buildCorridorGraph(
    compiled.state.network,
    compiled.scenario.year,
    session.parameters.congestion,
    compiled.state.entryPremiums,
  ),
): Promise<ScenarioCapacity> {
  const { scenario, state } = compiled;
  const region = state.network.region;
  const measures: MeasureCapacity[] = [];
  for (const measure of region?.measures ?? []) measures.push(await measureCapacity(graph, measure, region, solve));
  return { scenario: scenario.name, year: scenario.year, measures };
}
