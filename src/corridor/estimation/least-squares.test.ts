import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../numeric/random.js';
import { EstimationInputError, SingularMatrixError } from './errors.js';
import { fitLeastSquares, type LeastSquaresProblem } from './least-squares.js';

const times = Float64Array.from({ length: 30 }, (_, i) => i * 0.5);
/** y = a · e^(−b t) + c. */
const decay = (theta: Float64Array, out: Float64Array) => {
  for (let i = 0; i < times.length; i++) out[i] = theta[0]! * Math.exp(-theta[1]! * times[i]!) + theta[2]!;
};
const decayTruth = Float64Array.of(5, 0.3, 1);

/** Tonnes on four corridors from a logit with dispersion θ and two corridor constants, as the lead will fit counts. */
const corridorCost = [
  [120, 150, 135, 180],
  [200, 170, 210, 190],
  [90, 110, 95, 140],
];
const corridorTonnes = Float64Array.of(2e6, 1.5e6, 3e6);
const corridors = (theta: Float64Array, out: Float64Array) => {
  out.fill(0);
  corridorCost.forEach((costs, pair) => {
    const u = costs.map((c, r) => -theta[0]! * c + (r === 1 ? theta[1]! : r === 2 ? theta[2]! : 0));
    const best = Math.max(...u);
    const e = u.map((v) => Math.exp(v - best));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, r) => (out[r]! += (corridorTonnes[pair]! * v) / sum));
  });
};

const modeled = (model: LeastSquaresProblem['model'], theta: Float64Array, n: number) => {
  const out = new Float64Array(n);
  model(theta, out);
  return out;
};

describe('fitLeastSquares', () => {
  it('recovers the parameters of exact data within 1e-6', () => {
    const fit = fitLeastSquares({
      model: decay,
      observed: modeled(decay, decayTruth, 30),
      initial: Float64Array.of(1, 1, 0),
    });
    expect(fit.converged).toBe(true);
    fit.theta.forEach((v, j) => expect(Math.abs(v - decayTruth[j]!)).toBeLessThan(1e-6 * decayTruth[j]!));
    expect(fit.rSquared).toBeCloseTo(1, 10);
    expect(fit.rmse).toBeLessThan(1e-8);

    const truth = Float64Array.of(0.02, 0.5, -0.3);
    const counts = modeled(corridors, truth, 4);
    const logit = fitLeastSquares(
      {
        model: corridors,
        observed: counts,
        weights: counts.map((c) => 1 / (c * c)),
        initial: Float64Array.of(0.05, 0, 0),
        lower: Float64Array.of(0, -5, -5),
        upper: Float64Array.of(1, 5, 5),
        names: ['dispersion', 'ascB', 'ascC'],
      },
      { differences: 'forward' },
    );
    logit.theta.forEach((v, j) => expect(Math.abs(v - truth[j]!)).toBeLessThan(1e-6 * Math.abs(truth[j]!)));
    expect(logit.atBound).toEqual([false, false, false]);
  });

  it('puts noisy estimates within 3 standard errors of the truth, seed after seed', () => {
    const spread: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const random = new SeededRandom(seed);
      const observed = modeled(decay, decayTruth, 30).map((v) => v + 0.05 * random.normal());
      const fit = fitLeastSquares({ model: decay, observed, initial: Float64Array.of(1, 1, 0) });
      expect(fit.converged).toBe(true);
      fit.theta.forEach((v, j) => {
        expect(Math.abs(v - decayTruth[j]!), `parameter ${j} seed ${seed}`).toBeLessThan(3 * fit.standardErrors[j]!);
        if (j === 1) spread.push((v - decayTruth[1]!) / fit.standardErrors[1]!);
      });
      // The residual scale s estimates the noise's 0.05.
      expect(Math.sqrt(fit.weightedSsr / 27)).toBeGreaterThan(0.03);
      expect(Math.sqrt(fit.weightedSsr / 27)).toBeLessThan(0.07);
    }
    const sd = Math.sqrt(spread.reduce((s, z) => s + z * z, 0) / spread.length);
    expect(sd).toBeGreaterThan(0.6);
    expect(sd).toBeLessThan(1.5);
  });

  it('stops at a bound and says so, and ignores observations of weight 0', () => {
    const observed = modeled(decay, decayTruth, 30);
    const bounded = fitLeastSquares({
      model: decay,
      observed,
      initial: Float64Array.of(1, 0.1, 0),
      upper: Float64Array.of(Infinity, 0.2, Infinity),
    });
    expect(bounded.theta[1]).toBe(0.2);
    expect(bounded.atBound).toEqual([false, true, false]);
    const spoiled = observed.slice();
    spoiled[4] = 100;
    const weights = new Float64Array(30).fill(1);
    weights[4] = 0;
    const fit = fitLeastSquares({ model: decay, observed: spoiled, weights, initial: Float64Array.of(1, 1, 0) });
    fit.theta.forEach((v, j) => expect(v).toBeCloseTo(decayTruth[j]!, 6));
    expect(fit.residual[4]).toBeCloseTo(observed[4]! - 100, 5);
  });

  it('names a parameter the data cannot identify', () => {
    const observed = modeled(decay, decayTruth, 30);
    // The model ignores its third parameter.
    const ignores = (theta: Float64Array, out: Float64Array) => decay(Float64Array.of(theta[0]!, theta[1]!, 1), out);
    expect(() =>
      fitLeastSquares({ model: ignores, observed, initial: Float64Array.of(1, 1, 0), names: ['a', 'b', 'c'] }),
    ).toThrow(/parameter c is not identified/);
    // Only the sum of the first and third parameters matters.
    const sum = (theta: Float64Array, out: Float64Array) =>
      decay(Float64Array.of(theta[0]! + theta[2]!, theta[1]!, 1), out);
    expect(() =>
      fitLeastSquares({ model: sum, observed, initial: Float64Array.of(1, 1, 2), names: ['a', 'b', 'c'] }),
    ).toThrow(SingularMatrixError);
  });

  it('rejects inconsistent input', () => {
    const good: LeastSquaresProblem = { model: decay, observed: modeled(decay, decayTruth, 30), initial: decayTruth };
    const cases: [Partial<LeastSquaresProblem>, RegExp][] = [
      [{ weights: new Float64Array(3) }, /weights has 3/],
      [{ initial: Float64Array.of(NaN, 1, 1) }, /initial\[0\]/],
      [{ lower: Float64Array.of(0, 0) }, /lower has 2/],
      [{ lower: Float64Array.of(6, 0, 0) }, /initial\[0\] = 5 is outside/],
      [{ lower: Float64Array.of(0, 1, 0), upper: Float64Array.of(9, 0.5, 9) }, /bounds of parameter 1/],
      [{ model: (_theta, out) => out.fill(NaN) }, /the model returned NaN/],
    ];
    for (const [change, message] of cases) {
      expect(() => fitLeastSquares({ ...good, ...change })).toThrow(EstimationInputError);
      expect(() => fitLeastSquares({ ...good, ...change })).toThrow(message);
    }
  });
});
