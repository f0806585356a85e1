import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../../data/corridor-data.js';
import { loadNetwork } from '../../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../../data/paths.js';
import { loadSweep } from '../../data/sweep-file.js';
import { measureThroughput } from '../../model/measure.js';
import { linkFlows } from '../report.js';
import { runScenario } from '../run.js';
import { compileScenario, corridorSession, type CorridorSession } from '../session.js';
import { SweepEvaluator } from './evaluate.js';
import { sampleChanges } from './sample.js';
import { compileSweep, sweepPoints } from './spec.js';

describe('a sweep sample', () => {
  it('gives the flows of an independent run of the base scenario with the sample’s levers, constants and growth', async () => {
    const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
    const data = loadCorridorData(BUNDLED_DEMAND_DIR, network);
    const session = corridorSession(network, data);
    const spec = loadSweep(join(PACKAGE_ROOT, 'scenarios', 'sweeps', 'targets.yaml'), session);
    const { compiled, inputs } = compileSweep(session, spec);
    const evaluator = new SweepEvaluator(session, compiled, inputs, spec.years, undefined);
    const points = sweepPoints(spec, inputs.length);
    // The second sample: the first has warmed the evaluator's shared state, which must not leak into it.
    await evaluator.evaluate(points.subarray(0, inputs.length));
    const values = points.subarray(inputs.length, 2 * inputs.length);
    const { flowMt } = await evaluator.evaluate(values);

    // A session of its own (nothing shared with the sweep's): the sample's constants and growth as its dataset's.
    const changes = sampleChanges(inputs, values, session.parameters, data.growth);
    const fresh = corridorSession(network, { ...data, growth: changes.growth });
    const independent: CorridorSession = {
      ...fresh,
      parameters: changes.parameters,
      referenceGraph: fresh.referenceGraph,
    };
    const { scenario } = compiled;
    const measures = network.region?.measures ?? [];
    const expected: number[] = [];
    for (const year of spec.years) {
      const run = runScenario(
        independent,
        compileScenario(independent, { ...scenario, year, levers: [...scenario.levers, ...changes.levers] }),
      );
      const { forward, backward } = linkFlows(run.problem, run.result.volume);
      for (const measure of measures)
        expected.push(measureThroughput(run.problem.graph.network, measure, forward, backward).mt);
    }
    expect(flowMt).toHaveLength(expected.length);
    expected.forEach((mt, k) => expect(flowMt[k]).toBeCloseTo(mt, 9));
    expect(new Set(flowMt).size).toBeGreaterThan(1);
  }, 120_000);
});
