import { describe, expect, it } from 'vitest';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { userEquilibrium } from './equilibrium.js';
import { CE_BERTH_LOAD, CE_BERTH_UNLOAD } from './graph.js';
import { classCosts, delayHours } from './problem.js';
import { pairRoutes } from './report.js';
import type { ElasticResult } from './elastic-demand.js';
import { runScenario as runCompiled, scenarioProblem as compiledProblem, settingsFor, solveScenario } from './run.js';
import { compileScenario, corridorSession } from './session.js';
import type { AssignmentSettings, CorridorData, Scenario } from './types.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const data = loadCorridorData(BUNDLED_DEMAND_DIR, network);
const scenario = (year: number, extra: Partial<Scenario> = {}): Scenario => ({
  name: `t${year}`,
  description: '',
  year,
  files: [],
  levers: [],
  assignment: {},
  ...extra,
});

/** A scenario run on a dataset, in a session of its own. */
function runScenario(corridorData: CorridorData, s: Scenario, overrides: Partial<AssignmentSettings> = {}) {
  const session = corridorSession(network, corridorData);
  return runCompiled(session, compileScenario(session, s), overrides);
}

function scenarioProblem(corridorData: CorridorData, s: Scenario, settings: AssignmentSettings) {
  const session = corridorSession(network, corridorData);
  return compiledProblem(session, compileScenario(session, s), settings);
}

/** Demand scaled up so that capacities bind and the equilibrium is not all-or-nothing. */
const congested = scaledDemand(data, 1.3);

/** The dataset with every demand figure (zone rows, trade flows, the calibrated matrix) times `factor`. */
function scaledDemand(corridorData: CorridorData, factor: number): CorridorData {
  const scale = <T extends { mtPerYr: number }>(rows: readonly T[]) =>
    rows.map((row) => ({ ...row, mtPerYr: row.mtPerYr * factor }));
  return {
    ...corridorData,
    demand: scale(corridorData.demand),
    trade: scale(corridorData.trade),
    ...(corridorData.calibratedDemand === undefined ? {} : { calibratedDemand: scale(corridorData.calibratedDemand) }),
  };
}

describe('corridor user equilibrium', () => {
  it('conserves each class at every vertex: out − in = the class demand leaving, arriving or 0', () => {
    const settings = settingsFor(scenario(2030));
    const { problem } = scenarioProblem(congested, scenario(2030), settings);
    const result = userEquilibrium(problem, { gap: 1e-4 });
    problem.classes.forEach((_, c) => {
      const net = new Float64Array(problem.graph.vertexCount);
      const v = result.classVolume[c]!;
      for (let e = 0; e < problem.edgeCount; e++) {
        net[problem.tail[e]!]! += v[e]!;
        net[problem.head[e]!]! -= v[e]!;
      }
      const expected = new Float64Array(problem.graph.vertexCount);
      for (const pair of problem.pairs.filter((p) => p.cls === c)) {
        expected[pair.from]! += pair.mt;
        expected[pair.to]! -= pair.mt;
      }
      for (let x = 0; x < net.length; x++) expect(net[x]!).toBeCloseTo(expected[x]!, 8);
    });
  });

  it('reaches the gap asked for, and every used route of a pair costs about its cheapest (Wardrop)', () => {
    const { problem } = scenarioProblem(congested, scenario(2030), settingsFor(scenario(2030)));
    const result = userEquilibrium(problem, { gap: 1e-5, maxIterations: 20000 });
    expect(result.converged).toBe(true);
    expect(result.gap).toBeLessThanOrEqual(1e-5);
    // Capacities bind somewhere, or the test would not exercise the line search.
    const loaded = problem.graph.elements.some((element) =>
      element.edges.some((e) => result.volume[e]! > element.capacityMt * 0.95),
    );
    expect(loaded).toBe(true);
    // The class's total cost exceeds Σ demand × cheapest route cost by at most the gap.
    problem.classes.forEach((_, c) => {
      const cost = classCosts(problem, c, result.volume, new Float64Array(problem.edgeCount));
      let total = 0;
      for (let e = 0; e < problem.edgeCount; e++)
        total += result.classVolume[c]![e]! * (Number.isFinite(cost[e]!) ? cost[e]! : 0);
      const routes = pairRoutes(problem, result.volume);
      const shortest = problem.pairs.reduce(
        (sum, pair, k) => (pair.cls === c ? sum + pair.mt * routes[k]!.generalizedUsd : sum),
        0,
      );
      expect(total).toBeGreaterThanOrEqual(shortest * (1 - 1e-9));
      expect((total - shortest) / total).toBeLessThanOrEqual(1e-4);
    });
  });

  // Frank–Wolfe to a 1e-6 gap with the binding ferry fleets takes some 20 s of CPU: more than the default timeout on
  // a loaded machine.
  it('with one class, the multiclass solver and the engine assign() agree', () => {
    const single = settingsFor(scenario(2030), { classes: 'single' });
    const { problem } = scenarioProblem(congested, scenario(2030), single);
    const engine = userEquilibrium(problem, { algorithm: 'b', gap: 1e-6 });
    expect(engine.solver).toBe('engine');
    // The same problem with the class duplicated (same value of time, demand split) goes to the multiclass solver.
    const split = {
      ...problem,
      classes: [problem.classes[0]!, { ...problem.classes[0]!, name: 'copy' }],
      pairs: problem.pairs,
      demand: [
        problem.demand[0]!,
        { ...problem.demand[0]!, volumes: new Float64Array(problem.demand[0]!.volumes.length) },
      ],
      blocked: [problem.blocked[0]!, problem.blocked[0]!],
    };
    const multi = userEquilibrium(split, { algorithm: 'fw', gap: 1e-6, maxIterations: 50000 });
    expect(multi.solver).toBe('multiclass');
    // Link volumes of a UE are unique only where costs increase strictly; at the low v/c of most elements the BPR
    // power-6 delay is nearly flat, so volumes may differ between equal-cost routes. Compare the capacity-limited
    // edges that are loaded enough for their cost to bind (v/c ≥ 0.5) to 1%, and the total delay to 0.1%.
    let delayEngine = 0;
    let delayMulti = 0;
    for (const element of problem.graph.elements)
      for (const e of element.edges) {
        delayEngine += engine.volume[e]! * delayHours(problem, e, engine.volume[e]!);
        delayMulti += multi.volume[e]! * delayHours(problem, e, multi.volume[e]!);
        if (engine.volume[e]! / problem.capacity[e]! < 0.5) continue;
        expect(Math.abs(multi.volume[e]! - engine.volume[e]!)).toBeLessThanOrEqual(0.01 * engine.volume[e]!);
      }
    expect(Math.abs(delayMulti - delayEngine)).toBeLessThanOrEqual(1e-3 * Math.max(1, delayEngine));
  }, 120_000);

  it('logit route choice spreads a pair over routes and serves all demand', () => {
    const run = runScenario(data, scenario(2024), { method: 'logit', gap: 1e-3 });
    expect(run.result.method).toBe('logit');
    expect(run.result.converged).toBe(true);
    expect(run.report.totals.servedMt + run.report.totals.unservedMt).toBeCloseTo(run.report.totals.demandMt, 8);
    // More links carry flow than under user equilibrium (shippers differ).
    const ue = runScenario(data, scenario(2024), { method: 'ue' });
    const used = (v: Float64Array) => v.filter((x) => x > 1e-6).length;
    expect(used(run.result.volume)).toBeGreaterThan(used(ue.result.volume));
  });

  it('ports: every tonne loaded or unloaded passes a berth edge', () => {
    const run = runScenario(data, scenario(2024));
    const { graph } = run.problem;
    let berth = 0;
    for (let e = 0; e < graph.edgeCount; e++)
      if (graph.kind[e] === CE_BERTH_LOAD || graph.kind[e] === CE_BERTH_UNLOAD) berth += run.result.volume[e]!;
    const handled = run.report.ports.reduce((sum, port) => sum + port.handledMt, 0);
    expect(handled).toBeCloseTo(berth, 8);
    expect(handled).toBeGreaterThan(0);
  });
});

describe('calibration', () => {
  it('the 2024 base year reproduces the published volumes within their stated tolerance', () => {
    const run = runScenario(data, scenario(2024));
    expect(run.report.calibration.filter((row) => row.use === 'fit').length).toBeGreaterThanOrEqual(5);
    expect(run.report.calibration.some((row) => row.use === 'validation')).toBe(true);
    for (const row of run.report.calibration.filter((row) => row.use === 'fit')) {
      expect(
        Math.abs(row.deviationPct),
        `${row.id}: modeled ${row.modeledMt} vs observed ${row.observedMt}`,
      ).toBeLessThanOrEqual(row.tolerancePct);
    }
  });

  it('ends a congested logit run at a fixed point of its plain averaging step, in few iterations', () => {
    const session = corridorSession(network, scaledDemand(data, 2));
    const compiled = compileScenario(session, scenario(2030));
    const tight = solveScenario(session, compiled, { method: 'logit', gap: 1e-8 });
    const result = tight.result as ElasticResult;
    expect(result.converged).toBe(true);
    // The Anderson mixing's point: 32 iterations here, where the averaging alone took 657.

    expect(result.iterations).toBeLessThan(60);
    // Restarted where it ended, the first check (the plain step's change there) is already within the gap.
    const warmStart = { sets: result.sets, routeFlow: result.routeFlow, pairMt: result.demandResponse.grownMt };
    const again = solveScenario(session, compiled, { method: 'logit', gap: 1e-8 }, undefined, {
      sets: result.sets,
      warmStart,
    });
    expect(again.result.iterations).toBe(0);
    // The default gap's answer is that fixed point within the default gap's reach.
    const loose = solveScenario(session, compiled, { method: 'logit' }).result.volume;
    let apart = 0;
    let total = 0;
    for (let e = 0; e < loose.length; e++) {
      apart += Math.abs(loose[e]! - result.volume[e]!);
      total += result.volume[e]!;
    }
    expect(apart / total).toBeLessThan(1e-3);
  });

  it('demand beyond capacity shows up as unserved, not as infinite delay', () => {
    const huge = scaledDemand(data, 3);
    // The capacity stress test is the user equilibrium's job; the logit's outside option works the same way.
    const run = runScenario(huge, scenario(2030), { method: 'ue' });
    expect(run.report.totals.unservedMt).toBeGreaterThan(0);
    for (const element of run.report.elements) expect(element.vc).toBeLessThan(3);
  });
});
