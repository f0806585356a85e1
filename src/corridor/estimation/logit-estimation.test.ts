import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../numeric/random.js';
import { EstimationInputError, SingularMatrixError } from './errors.js';
import { estimateLogit, evaluateLogit, type LogitData } from './logit-estimation.js';

const NAMES = ['cost', 'hours', 'lnPathSize', 'ascNorth', 'ascSouth'];
/** Per USD/t, per hour, ln(path size), and two corridor constants against a third corridor. */
const TRUTH = Float64Array.of(-0.03, -0.005, 0.8, 0.4, -0.6);

/** Random alternatives (2–5 per observation) and choices drawn from the logit with parameters `beta`. */
function simulate(seed: number, observations: number, beta: Float64Array): LogitData & { probabilities: Float64Array } {
  const random = new SeededRandom(seed);
  const k = beta.length;
  const offsets = new Uint32Array(observations + 1);
  const rows: number[] = [];
  for (let o = 0; o < observations; o++) {
    const count = 2 + Math.floor(random.next() * 4);
    offsets[o + 1] = offsets[o]! + count;
    for (let i = 0; i < count; i++) {
      const corridor = Math.floor(random.next() * 3);
      rows.push(
        20 + 180 * random.next(),
        24 + 376 * random.next(),
        Math.log(0.3 + 0.7 * random.next()),
        corridor === 1 ? 1 : 0,
        corridor === 2 ? 1 : 0,
      );
    }
  }
  const attributes = Float64Array.from(rows);
  const probabilities = new Float64Array(offsets[observations]!);
  const chosen = new Uint32Array(observations);
  for (let o = 0; o < observations; o++) {
    let sum = 0;
    for (let a = offsets[o]!; a < offsets[o + 1]!; a++) {
      let v = 0;
      for (let j = 0; j < k; j++) v += attributes[a * k + j]! * beta[j]!;
      probabilities[a] = Math.exp(v);
      sum += probabilities[a]!;
    }
    for (let a = offsets[o]!; a < offsets[o + 1]!; a++) probabilities[a] = probabilities[a]! / sum;
    let u = random.next();
    let pick = offsets[o + 1]! - offsets[o]! - 1;
    for (let a = offsets[o]!; a < offsets[o + 1]!; a++) {
      u -= probabilities[a]!;
      if (u < 0) {
        pick = a - offsets[o]!;
        break;
      }
    }
    chosen[o] = pick;
  }
  return { parameters: k, names: NAMES, offsets, attributes, chosen, probabilities };
}

describe('estimateLogit', () => {
  it('has the analytic gradient and information matrix of its log-likelihood', () => {
    const data = simulate(3, 60, TRUTH);
    const shares = new Float64Array(data.offsets[60]!);
    for (let o = 0; o < 60; o++) shares[data.offsets[o]! + data.chosen![o]!] = 1;
    const beta = Float64Array.of(-0.01, -0.002, 0.5, 0.1, 0.2);
    const at = evaluateLogit(data, beta, shares);
    for (let j = 0; j < 5; j++) {
      const h = 1e-6 * Math.max(1, Math.abs(beta[j]!));
      const plus = beta.slice();
      const minus = beta.slice();
      plus[j]! += h;
      minus[j]! -= h;
      const up = evaluateLogit(data, plus, shares);
      const down = evaluateLogit(data, minus, shares);
      expect(at.gradient[j]).toBeCloseTo((up.logLikelihood - down.logLikelihood) / (2 * h), 3);
      for (let i = 0; i < 5; i++) {
        const numeric = -(up.gradient[i]! - down.gradient[i]!) / (2 * h);
        expect(Math.abs(at.information[i * 5 + j]! - numeric)).toBeLessThan(1e-4 * (1 + Math.abs(numeric)));
      }
    }
  });

  it('recovers known parameters from simulated choices within 3 standard errors, seed after seed', () => {
    const z: number[][] = NAMES.map(() => []);
    const estimates: number[][] = NAMES.map(() => []);
    const errors: number[][] = NAMES.map(() => []);
    for (let seed = 1; seed <= 40; seed++) {
      const fit = estimateLogit(simulate(seed, 1500, TRUTH));
      expect(fit.converged).toBe(true);
      expect(fit.rhoSquared).toBeGreaterThan(0);
      expect(fit.logLikelihood).toBeGreaterThan(fit.nullLogLikelihood);
      for (let j = 0; j < NAMES.length; j++) {
        const score = (fit.beta[j]! - TRUTH[j]!) / fit.standardErrors[j]!;
        expect(Math.abs(score), `${NAMES[j]} in seed ${seed}`).toBeLessThan(3);
        // A correctly specified model: the robust and the classical errors agree closely.
        expect(fit.robustStandardErrors[j]! / fit.standardErrors[j]!).toBeGreaterThan(0.8);
        expect(fit.robustStandardErrors[j]! / fit.standardErrors[j]!).toBeLessThan(1.25);
        z[j]!.push(score);
        estimates[j]!.push(fit.beta[j]!);
        errors[j]!.push(fit.standardErrors[j]!);
      }
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
    for (let j = 0; j < NAMES.length; j++) {
      // 40 seeds: the mean z-score has standard deviation 1/√40 ≈ 0.16.
      expect(Math.abs(mean(z[j]!)), NAMES[j]).toBeLessThan(0.5);
      const ratio = sd(estimates[j]!) / mean(errors[j]!);
      expect(ratio, NAMES[j]).toBeGreaterThan(0.7);
      expect(ratio, NAMES[j]).toBeLessThan(1.4);
    }
  });

  it('recovers the parameters exactly from grouped shares that the model produced', () => {
    const { probabilities, chosen: _chosen, ...data } = simulate(11, 200, TRUTH);
    const weights = Float64Array.from({ length: 200 }, (_, o) => 1000 + 10 * o);
    const fit = estimateLogit({ ...data, shares: probabilities, weights });
    expect(fit.converged).toBe(true);
    for (let j = 0; j < 5; j++)
      expect(Math.abs(fit.beta[j]! - TRUTH[j]!)).toBeLessThan(1e-8 * (1 + Math.abs(TRUTH[j]!)));
  });

  it('counts a weight of 2 as the observation twice', () => {
    const data = simulate(5, 300, TRUTH);
    const twice: LogitData = {
      ...data,
      offsets: Uint32Array.from([...data.offsets, ...data.offsets.slice(1).map((v) => v + data.offsets[300]!)]),
      attributes: Float64Array.from([...data.attributes, ...data.attributes]),
      chosen: Uint32Array.from([...data.chosen!, ...data.chosen!]),
    };
    const doubled = estimateLogit({ ...data, weights: new Float64Array(300).fill(2) });
    const repeated = estimateLogit(twice);
    for (let j = 0; j < 5; j++) {
      expect(doubled.beta[j]).toBeCloseTo(repeated.beta[j]!, 10);
      expect(doubled.standardErrors[j]).toBeCloseTo(repeated.standardErrors[j]!, 10);
    }
    expect(doubled.logLikelihood).toBeCloseTo(repeated.logLikelihood, 8);
  });

  it('names the parameter that is not identified', () => {
    const data = simulate(2, 100, TRUTH);
    // The hours attribute is the same for every alternative of an observation: it cannot affect a choice.
    const attributes = data.attributes.slice();
    for (let o = 0; o < 100; o++)
      for (let a = data.offsets[o]!; a < data.offsets[o + 1]!; a++) attributes[a * 5 + 1] = 10 + o;
    expect(() => estimateLogit({ ...data, attributes })).toThrow(SingularMatrixError);
    expect(() => estimateLogit({ ...data, attributes })).toThrow(/parameter hours is not identified/);
    // Two constants that always sum to the same value are collinear with each other.
    const collinear = data.attributes.slice();
    for (let a = 0; a < data.offsets[100]!; a++) collinear[a * 5 + 4] = 2 * collinear[a * 5 + 3]!;
    expect(() => estimateLogit({ ...data, attributes: collinear })).toThrow(/parameter ascSouth/);
  });

  it('rejects inconsistent input with the field named', () => {
    const data = simulate(2, 10, TRUTH);
    const cases: [Partial<LogitData>, RegExp][] = [
      [{ attributes: data.attributes.slice(1) }, /attributes has/],
      [{ chosen: Uint32Array.of(0) }, /chosen has 1 entries/],
      [{ chosen: Uint32Array.from(data.chosen!, () => 7) }, /chosen\[0\] = 7/],
      [{ shares: new Float64Array(data.offsets[10]!) }, /exactly one of chosen/],
      [{ weights: new Float64Array(10).fill(-1) }, /weights\[0\]/],
      [{ attributes: data.attributes.map((v, i) => (i === 3 ? NaN : v)) }, /attributes\[3\]/],
      [{ names: ['a'] }, /names has 1/],
    ];
    for (const [change, message] of cases) {
      expect(() => estimateLogit({ ...data, ...change })).toThrow(EstimationInputError);
      expect(() => estimateLogit({ ...data, ...change })).toThrow(message);
    }
    const { chosen: _chosen, ...grouped } = data;
    expect(() => estimateLogit({ ...grouped, shares: new Float64Array(data.offsets[10]!) })).toThrow(
      /shares of observation 0 must not all be 0/,
    );
  });
});
