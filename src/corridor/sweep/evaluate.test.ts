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
  it('gives the flows of an independent run of the base scenario with the sample’s levers, constants and growth (within the convergence tolerance), and the nominal sample a plain run’s exactly', async () => {
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
    // The sample starts from the nominal run's end, so it stops elsewhere within the tolerance (gap 1e-4).
    expected.forEach((mt, k) => expect(Math.abs(flowMt[k]! - mt)).toBeLessThan(1e-3 * mt));
    expect(new Set(flowMt).size).toBeGreaterThan(1);

    // The nominal sample (every multiplier 1, no shift, no delay) reuses the nominal sets and end point: exactly a
    // plain run of the base scenario, in every year.
    const nominal = inputs.map((input) => (input.distribution.type === 'lognormal' ? 1 : 0));
    const plain: number[] = [];
    for (const year of spec.years) {
      const run = runScenario(session, compileScenario(session, { ...scenario, year }));
      const { forward, backward } = linkFlows(run.problem, run.result.volume);
      for (const measure of measures)
        plain.push(Number(measureThroughput(run.problem.graph.network, measure, forward, backward).mt.toPrecision(12)));
    }
    expect((await evaluator.evaluate(nominal)).flowMt).toEqual(plain);
  }, 120_000);
});
