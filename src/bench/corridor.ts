import { join } from 'node:path';
import { runScenario, type ScenarioRun } from '../corridor/run.js';
import { baseYearScenario, compileScenario, corridorSession } from '../corridor/session.js';
import type { AssignmentSettings, CorridorData, Scenario } from '../corridor/types.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { loadScenario } from '../data/scenario-file.js';
import { calibrateSession } from '../data/calibrate-dataset.js';
import type { Network } from '../model/types.js';
import { time, writeResults } from './harness.js';

interface Case {
  name: string;
  settings: Partial<AssignmentSettings>;
}

/**
 * A full scenario run (levers, demand for the year, corridor graph, outside options, assignment to relative gap
 * 1e-4, flow report) on the full zone system: the forecast default (path-size logit with elastic demand) against
 * baselines measured in the same run: the fixed-demand multiclass user equilibrium (the default before the demand
 * model), the same by plain MSA, all-or-nothing, and the single-class engine (Algorithm B). Two demand levels: the
 * scenario's own, and doubled so that capacities bind. Then the base-year calibration (`caravan calibrate`),
 * timed against one fixed-demand run of the base year.
 */
export async function runCorridorBench(): Promise<string> {
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  const data = loadCorridorData(BUNDLED_DEMAND_DIR, network);
  const { scenario } = loadScenario(
    join(PACKAGE_ROOT, 'scenarios', 'chabahar-rail-2030.yaml'),
    corridorSession(network, data),
  );
  const double = <T extends { mtPerYr: number }>(rows: readonly T[]) =>
    rows.map((row) => ({ ...row, mtPerYr: 2 * row.mtPerYr }));
  const doubled: CorridorData = {
    ...data,
    demand: double(data.demand),
    trade: double(data.trade),
    ...(data.calibratedDemand === undefined ? {} : { calibratedDemand: double(data.calibratedDemand) }),
  };
  const cases: Case[] = [
    { name: 'path-size logit with elastic demand (the forecast default)', settings: { method: 'logit', gap: 1e-4 } },
    {
      name: 'baseline: fixed-demand multiclass Frank–Wolfe UE to gap 1e-4 (the default before the demand model)',
      settings: { method: 'ue', algorithm: 'fw', gap: 1e-4 },
    },
    {
      name: 'baseline: multiclass MSA, gap 1e-4, at most 2,000 iterations',
      settings: { method: 'ue', algorithm: 'msa', gap: 1e-4, maxIterations: 2000 },
    },
    {
      name: 'baseline: all-or-nothing (0 iterations)',
      settings: { method: 'ue', algorithm: 'fw', gap: 1e-4, maxIterations: 0 },
    },
    {
      name: 'single class, engine Algorithm B to gap 1e-4',
      settings: { method: 'ue', classes: 'single', algorithm: 'b', gap: 1e-4 },
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
  const calibration = await measureCalibration(network, data);
  console.log(
    `base-year calibration: ${(calibration.cpuMs / 1000).toFixed(1)} s CPU, ${calibration.ratioToFixedDemandRun.toFixed(0)}× one fixed-demand base-year run (${calibration.fixedDemandRunCpuMs.toFixed(0)} ms)`,
  );
  return writeResults('corridor', { scenario: scenario.name, results, calibration });
}

/** CPU time (user + sys) of one call, in ms. */
async function cpuMs(work: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** `caravan calibrate`'s work (θ from the shares, 4 rounds of logit + GLS estimation) against a fixed-demand UE run of the base year. */
async function measureCalibration(network: Network, data: CorridorData) {
  const session = corridorSession(network, data);
  const base = baseYearScenario(session);
  runScenario(session, compileScenario(session, base), { method: 'ue' });
  const fixedDemandRunCpuMs = await cpuMs(() =>
    runScenario(corridorSession(network, data), compileScenario(session, base), { method: 'ue' }),
  );
  let counts = 0;
  const calibrationCpuMs = await cpuMs(async () => {
    counts = (await calibrateSession(corridorSession(network, data))).counts.length;
  });
  return {
    counts,
    cpuMs: calibrationCpuMs,
    fixedDemandRunCpuMs,
    ratioToFixedDemandRun: calibrationCpuMs / fixedDemandRunCpuMs,
  };
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
