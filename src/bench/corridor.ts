import { join } from 'node:path';
import { runScenario, type ScenarioRun } from '../corridor/run.js';
import { compileScenario, corridorSession } from '../corridor/session.js';
import type { AssignmentSettings, CorridorData, Scenario } from '../corridor/types.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { loadScenario } from '../data/scenario-file.js';
import type { Network } from '../model/types.js';
import { time, writeResults } from './harness.js';

interface Case {
  name: string;
  settings: Partial<AssignmentSettings>;
}

/**
 * A full scenario run (levers, demand for the year, corridor graph, outside options, multiclass assignment to
 * relative gap 1e-4, flow report) against baselines measured in the same run: the same assignment by plain MSA
 * (same gap, iteration cap), all-or-nothing (no equilibration), and the single-class engine (Algorithm B).
 * Two demand levels: the scenario's own, and doubled so that capacities bind.
 */
export function runCorridorBench(): string {
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  const data = loadCorridorData(BUNDLED_DEMAND_DIR, network);
  const { scenario } = loadScenario(
    join(PACKAGE_ROOT, 'scenarios', 'chabahar-rail-2030.yaml'),
    corridorSession(network, data),
  );
  const doubled: CorridorData = { ...data, demand: data.demand.map((row) => ({ ...row, mtPerYr: 2 * row.mtPerYr })) };
  const cases: Case[] = [
    { name: 'multiclass Frank–Wolfe to gap 1e-4 (the scenario run)', settings: { algorithm: 'fw', gap: 1e-4 } },
    {
      name: 'baseline: multiclass MSA, gap 1e-4, at most 2,000 iterations',
      settings: { algorithm: 'msa', gap: 1e-4, maxIterations: 2000 },
    },
    { name: 'baseline: all-or-nothing (0 iterations)', settings: { algorithm: 'fw', gap: 1e-4, maxIterations: 0 } },
    {
      name: 'single class, engine Algorithm B to gap 1e-4',
      settings: { classes: 'single', algorithm: 'b', gap: 1e-4 },
    },
  ];
  const levels = [
    { name: 'scenario demand', data },
    { name: 'demand × 2 (capacities bind)', data: doubled },
  ];
  const results = levels.map((level) => ({
    demand: level.name,
    cases: cases.map((c) => measure(network, level.data, scenario, c)),
  }));
  for (const level of results) {
    console.log(`corridor scenario ${scenario.name}, ${level.demand}`);
    for (const c of level.cases)
      console.log(
        `  ${c.name}: ${c.medianMs.toFixed(1)} ms, ${c.iterations} iterations, gap ${c.gap.toExponential(2)}`,
      );
  }
  return writeResults('corridor', { scenario: scenario.name, results });
}

function measure(network: Network, data: CorridorData, scenario: Scenario, c: Case) {
  let last: ScenarioRun | undefined;
  const timing = time(
    () => {
      // The whole of a command's work: the session and the levers as well as the run.
      const session = corridorSession(network, data);
      last = runScenario(session, compileScenario(session, scenario), c.settings);
    },
    { runs: 5, warmup: 1 },
  );
  return {
    name: c.name,
    medianMs: timing.medianMs,
    minMs: timing.minMs,
    iterations: last!.result.iterations,
    gap: last!.result.gap,
    converged: last!.result.converged,
    unservedMt: last!.report.totals.unservedMt,
  };
}
