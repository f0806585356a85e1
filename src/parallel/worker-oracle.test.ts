import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign } from '../assign/assign.js';
import { buildAssignmentNetwork, demandFromTriples } from '../assign/network.js';
import { SerialOracle } from '../assign/shortest-path.js';
import { linkTable, randomInstance } from '../test-support/assign-networks.js';
import { createWorkerOracle, workerScriptPath, workersAvailable } from './worker-oracle.js';

// Worker threads run compiled JavaScript: under the test runner the worker comes from dist/ (npm run build).
const available = workersAvailable();
if (!available) console.warn(`skipping the worker-thread tests: ${workerScriptPath()} is missing (run npm run build)`);

describe.skipIf(!available)('createWorkerOracle', () => {
  it('loads the same volumes and SPTT as the serial oracle, on 1 to 3 threads', async () => {
    const instances = fc.sample(randomInstance(), { numRuns: 15, seed: 42 });
    for (const instance of instances) {
      const network = buildAssignmentNetwork(instance.links);
      const { origin, destination, volume } = instance.od;
      const demand = demandFromTriples(instance.links.zones, origin, destination, volume);
      const cost = Float64Array.from(network.freeFlowTime, (t, e) => t + (e % 3));
      const serial = new Float64Array(network.linkCount);
      const expected = new SerialOracle(network, demand).allOrNothing(cost, serial);
      for (const threads of [1, 2, 3]) {
        const oracle = await createWorkerOracle(network, demand, threads);
        try {
          const parallel = new Float64Array(network.linkCount);
          expect(oracle.allOrNothing(cost, parallel)).toBeCloseTo(expected, 8);
          for (let e = 0; e < network.linkCount; e++) expect(parallel[e]!).toBeCloseTo(serial[e]!, 8);
          expect(oracle.allOrNothing(cost, null)).toBeCloseTo(expected, 8);
        } finally {
          oracle.close();
        }
      }
    }
  });

  it('drives a whole assignment, and reports a trip with no path from a worker as an input error', async () => {
    const links = linkTable(4, 4, 1, [
      { from: 0, to: 1, fftt: 1, b: 0.15, capacity: 10, power: 4 },
      { from: 1, to: 0, fftt: 1, b: 0.15, capacity: 10, power: 4 },
      { from: 2, to: 3, fftt: 1, b: 0.15, capacity: 10, power: 4 },
    ]);
    const network = buildAssignmentNetwork(links);
    const good = demandFromTriples(4, [0, 1], [1, 0], [5, 7]);
    const oracle = await createWorkerOracle(network, good, 2);
    try {
      expect(oracle.threads).toBe(2);
      const result = assign(network, good, { algorithm: 'bfw', oracle, gap: 1e-9 });
      expect(Array.from(result.volume)).toEqual([5, 7, 0]);
    } finally {
      oracle.close();
    }
    // Origin 3 (the second active origin) is the worker's: its trip to zone 1 has no path.
    const bad = demandFromTriples(4, [0, 2], [1, 0], [5, 7]);
    const failing = await createWorkerOracle(network, bad, 2);
    try {
      expect(() => failing.allOrNothing(network.freeFlowTime, null)).toThrow('no path from zone 3 to zone 1');
    } finally {
      failing.close();
    }
  });
});
