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
import { drawValue, sampleChanges } from './sample.js';
import { compileSweep, sweepPoints } from './spec.js';

/** Relative difference allowed between a sample and its independent run: the assignments stop at a gap of 1e-4. */
const TOLERANCE = 1e-3;

describe('a sweep sample', () => {
  it('gives the flows of an independent run of the base scenario with the sample’s levers, constants and growth (within the convergence tolerance), and the nominal sample a plain run’s exactly', async () => {
    const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
    const data = loadCorridorData(BUNDLED_DEMAND_DIR, network);
    const session = corridorSession(network, data);
    const spec = loadSweep(join(PACKAGE_ROOT, 'scenarios', 'sweeps', 'targets.yaml'), session);
    const { compiled, inputs } = compileSweep(session, spec);
    const evaluator = new SweepEvaluator(session, compiled, inputs, spec.years, undefined);
    // A sample's values as the coordinator draws them from its design point (coordinates in (0, 1)).
    const points = sweepPoints(spec, inputs.length).map((u, k) =>
      drawValue(inputs[k % inputs.length]!.distribution, u),
    );
    const { scenario } = compiled;
    const measures = network.region?.measures ?? [];
    // The first sample warms the evaluator's shared state, which must not leak into the next ones; three samples
    // of different tariffs, dwell, constants and opening delays, each against a run that shares nothing with it
    // (in the second the same links are open in both years, so its 2030 run takes its 2027 route sets).
    await evaluator.evaluate(points.subarray(0, inputs.length));
    for (let k = 1; k <= 3; k++) {
      const values = points.subarray(k * inputs.length, (k + 1) * inputs.length);
      const { flowMt } = await evaluator.evaluate(values);
      const changes = sampleChanges(inputs, values, session.parameters, data.growth);
      const fresh = corridorSession(network, { ...data, growth: changes.growth });
      const independent: CorridorSession = {
        ...fresh,
        parameters: changes.parameters,
        referenceGraph: fresh.referenceGraph,
      };
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
      // The sample starts from the nominal run's end, so it stops elsewhere within the tolerance.
      expected.forEach((mt, m) =>
        expect(Math.abs(flowMt[m]! - mt), `sample ${k}, output ${m}`).toBeLessThan(TOLERANCE * mt),
      );
      expect(new Set(flowMt).size).toBeGreaterThan(1);
    }

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
