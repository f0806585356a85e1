import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as graph from '../../corridor/graph.js';
import * as levers from '../../corridor/levers.js';
import type { Lever } from '../../corridor/types.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../../data/corridor-data.js';
import { loadNetwork } from '../../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../../data/paths.js';
import { reducedDemandDir } from '../../test-support/reduced-demand.js';
import { runCli } from '../../test-support/run-cli.js';

// The optimizer's machinery on the real network with the 60 largest cells of the matrix: the full matrix takes
// minutes per run (a known cost of the trade-based demand, to be cut by pruning dominated edges).
const SMALLER_MATRIX = reducedDemandDir();

// Every lever application and graph build in the program goes through these exports; wrap them to count.
vi.mock('../../corridor/levers.js', async (original) => {
  const actual = await original<typeof import('../../corridor/levers.js')>();
  return { ...actual, applyLevers: vi.fn(actual.applyLevers), checkAndApplyLevers: vi.fn(actual.checkAndApplyLevers) };
});
vi.mock('../../corridor/graph.js', async (original) => {
  const actual = await original<typeof import('../../corridor/graph.js')>();
  return { ...actual, buildCorridorGraph: vi.fn(actual.buildCorridorGraph) };
});

const applyLevers = vi.mocked(levers.applyLevers);
const checkAndApplyLevers = vi.mocked(levers.checkAndApplyLevers);
const buildCorridorGraph = vi.mocked(graph.buildCorridorGraph);

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const calibration = loadCorridorData(BUNDLED_DEMAND_DIR, network).calibration.map((row) => row.lever);
const scenario = (name: string) => join(PACKAGE_ROOT, 'scenarios', `${name}.yaml`);

/** How many times each lever was applied, over every call of both functions, by its position in `all`. */
function applications(all: readonly Lever[]): number[] {
  const count = all.map(() => 0);
  const calls = [...applyLevers.mock.calls, ...checkAndApplyLevers.mock.calls];
  for (const [, applied] of calls)
    for (const lever of applied) {
      const k = all.indexOf(lever);
      expect(k, `a lever that is neither calibration nor the scenario's: ${JSON.stringify(lever)}`).toBeGreaterThan(-1);
      count[k]!++;
    }
  return count;
}

describe('a scenario session does each step once', () => {
  beforeEach(() => vi.clearAllMocks());

  it('scenario run applies every calibration and scenario lever once and builds each graph once', async () => {
    const { code, stdout, stderr } = await runCli('scenario', 'run', scenario('chabahar-rail-2030'), '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // The lever objects of the run (parsed from the files) are distinct objects; compare by value.
    const own: Lever[] = checkAndApplyLevers.mock.calls.flatMap(([, applied]) => [...applied]);
    expect(own).toEqual(JSON.parse(stdout).scenario.levers);
    expect(own.length).toBeGreaterThan(0);
    const calibrationCalls = applyLevers.mock.calls.filter(([, applied]) => applied.length === calibration.length);
    expect(calibrationCalls).toHaveLength(1);
    expect(applications([...calibrationCalls[0]![1], ...own]).every((n) => n === 1)).toBe(true);
    // The scenario's graph in 2030 and the reference graph in the base year: two builds, two different years.
    expect(buildCorridorGraph.mock.calls.map(([, year]) => year).sort()).toEqual([2024, 2030]);
  });

  it('scenario diff builds the shared reference graph once, and each scenario graph once', async () => {
    const { code } = await runCli('scenario', 'diff', scenario('trend-2027'), scenario('joint-customs-2027'), '--json');
    expect(code).toBe(0);
    expect(buildCorridorGraph.mock.calls.map(([, year]) => year).sort()).toEqual([2024, 2027, 2027]);
    expect(applyLevers.mock.calls.filter(([, applied]) => applied.length === calibration.length)).toHaveLength(1);
  });

  it('optimize builds the reference once and one graph per set of candidate links it opens', async () => {
    const file = join(PACKAGE_ROOT, 'scenarios', 'optimizations', 'eastern-branch-2030.yaml');
    const { code, stdout, stderr } = await runCli('optimize', file, '--json', '--demand', SMALLER_MATRIX);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Three LPs (the optimum without upgrades, the model, the widest corridor when the target is out of reach) on
    // two problems: the model and the widest open the same candidate links, the optimum opens none.
    expect(JSON.parse(stdout).report.maxAchievableMt).toBeGreaterThan(0);
    expect(buildCorridorGraph.mock.calls.map(([, year]) => year).sort()).toEqual([2024, 2030, 2030]);
  });
});
