import { describe, expect, it } from 'vitest';
import { findTntpInstance, tntpDataDir } from '../data/tntp/locate.js';
import { loadTntpProblem } from '../data/tntp/problem.js';
import { readLinkFlowsFile } from '../data/tntp/read-flow.js';
import { assign } from './assign.js';

// The TNTP networks are fetched data, never committed: set CARAVAN_TNTP_DIR or provide ../shared/data/tntp.
const DATA_DIR = tntpDataDir();
const siouxFalls = findTntpInstance('SiouxFalls', DATA_DIR);
const available = siouxFalls?.flow !== undefined;
if (!available) {
  console.warn(
    `skipping the SiouxFalls golden test: no SiouxFalls_net/_trips/_flow.tntp under ${DATA_DIR} ` +
      '(set CARAVAN_TNTP_DIR to the TNTP data folder)',
  );
}

describe.skipIf(!available)('SiouxFalls against the TNTP best-known flows', () => {
  it('Algorithm B reaches gap 1e-6 with every link within 0.1% or 1 vehicle of SiouxFalls_flow.tntp', () => {
    const files = siouxFalls!;
    const problem = loadTntpProblem(files.net, files.trips);
    const result = assign(problem.network, problem.demand, { algorithm: 'b', gap: 1e-6 });
    expect(result.converged).toBe(true);
    expect(result.gap).toBeLessThanOrEqual(1e-6);
    // The published equilibrium objective (TNTP: 42.31335287107440 × 10^5).
    expect(result.objective).toBeCloseTo(4231335.287, -1);
    const reference = readLinkFlowsFile(files.flow!);
    expect(reference.count).toBe(problem.net.linkCount);
    for (let k = 0; k < reference.count; k++) {
      // Both files list the links in the same order.
      expect([reference.from[k], reference.to[k]]).toEqual([problem.net.tail[k], problem.net.head[k]]);
      const difference = Math.abs(result.volume[k]! - reference.volume[k]!);
      expect(difference).toBeLessThanOrEqual(Math.max(1, 1e-3 * reference.volume[k]!));
    }
  });

  it('every algorithm reaches its gap on SiouxFalls, with objectives within the gap bound of Algorithm B', () => {
    const files = siouxFalls!;
    const problem = loadTntpProblem(files.net, files.trips);
    const best = assign(problem.network, problem.demand, { algorithm: 'b', gap: 1e-10 });
    for (const [algorithm, gap] of [
      ['fw', 1e-3],
      ['cfw', 1e-4],
      ['bfw', 1e-4],
    ] as const) {
      const result = assign(problem.network, problem.demand, { algorithm, gap, maxIterations: 5000 });
      expect(result.converged).toBe(true);
      expect(result.objective - best.objective).toBeLessThanOrEqual(result.tstt - result.sptt);
      expect(result.objective - best.objective).toBeGreaterThanOrEqual(-(best.tstt - best.sptt) - 1e-6);
    }
  });
});
