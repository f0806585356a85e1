import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAssignmentNetwork } from '../../assign/network.js';
import { shortestPathTree, TreeWorkspace } from '../../assign/shortest-path.js';
import { highsQpSolver } from '../../data/highs-qp-solver.js';
import { SeededRandom } from '../../numeric/random.js';
import { EstimationInputError } from './errors.js';
import {
  estimateOdMatrix,
  modeledCounts,
  odObjective,
  type OdEstimationInput,
  type ProportionMatrix,
} from './od-estimation.js';

/** Dense count × pair rows to compressed rows, dropping zeros. */
function toCsr(rows: number[][]): ProportionMatrix {
  const starts = [0];
  const columns: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, p) => {
      if (v !== 0) {
        columns.push(p);
        values.push(v);
      }
    });
    starts.push(columns.length);
  }
  return { rowStarts: Uint32Array.from(starts), columns: Uint32Array.from(columns), values: Float64Array.from(values) };
}

/** The slow obvious solver: projected gradient descent with step 1/L on the same objective, to a tight tolerance. */
function projectedGradient(rows: number[][], input: OdEstimationInput, weights: Float64Array, floor: number) {
  const n = input.prior.length;
  const d = Array.from(input.prior, (p) => Math.max(p, floor));
  let lipschitz = 0;
  rows.forEach((row, c) => (lipschitz += 2 * weights[c]! * row.reduce((s, v) => s + v * v, 0)));
  lipschitz += 2 * input.lambda * Math.max(...d.map((v) => 1 / v));
  const x = Float64Array.from(input.prior);
  const upper = input.upper ?? new Float64Array(n).fill(Infinity);
  for (let iteration = 0; iteration < 2_000_000; iteration++) {
    const gradient = new Float64Array(n);
    rows.forEach((row, c) => {
      const residual = input.observed[c]! - row.reduce((s, v, p) => s + v * x[p]!, 0);
      row.forEach((v, p) => (gradient[p]! -= 2 * weights[c]! * residual * v));
    });
    let change = 0;
    for (let p = 0; p < n; p++) {
      gradient[p]! += (2 * input.lambda * (x[p]! - input.prior[p]!)) / d[p]!;
      const next = Math.min(upper[p]!, Math.max(0, x[p]! - gradient[p]! / lipschitz));
      change = Math.max(change, Math.abs(next - x[p]!));
      x[p] = next;
    }
    if (change < 1e-14) break;
  }
  return x;
}

describe('estimateOdMatrix', () => {
  it('matches the closed form of one pair and one count', async () => {
    // min (20 − x)²/400 + 0.025 (x − 10)²/10  →  x = (0.05 + 0.025) / (0.0025 + 0.0025) = 15.
    const result = await estimateOdMatrix(
      {
        prior: Float64Array.of(10),
        proportions: toCsr([[1]]),
        observed: Float64Array.of(20),
        lambda: 0.025,
      },
      highsQpSolver,
    );
    expect(result.estimate[0]).toBeCloseTo(15, 10);
    expect(result.residual[0]).toBeCloseTo(-5, 10);
    expect(result.residualPercent[0]).toBeCloseTo(-25, 10);
    expect(result.deviation.totalAbsolute).toBeCloseTo(5, 10);
    expect(result.deviation.percent).toBeCloseTo(50, 10);
    expect(result.deviation.largest[0]).toMatchObject({ pair: 0, prior: 10 });
    expect(result.deviation.largest[0]!.relativeChange).toBeCloseTo(0.5, 10);
  });

  it('agrees with projected gradient descent on random small instances', async () => {
    const instance = fc.record({
      pairs: fc.integer({ min: 1, max: 5 }),
      counts: fc.integer({ min: 1, max: 5 }),
      seed: fc.nat(),
      lambda: fc.double({ min: 0.05, max: 2, noNaN: true }),
      bounded: fc.boolean(),
      ownWeights: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(instance, async ({ pairs, counts, seed, lambda, bounded, ownWeights }) => {
        const random = new SeededRandom(seed);
        const rows = Array.from({ length: counts }, () =>
          Array.from({ length: pairs }, () => (random.next() < 0.4 ? 0 : random.next())),
        );
        const input: OdEstimationInput = {
          prior: Float64Array.from({ length: pairs }, () => (random.next() < 0.15 ? 0 : 1 + 9 * random.next())),
          proportions: toCsr(rows),
          observed: Float64Array.from({ length: counts }, () => 1 + 19 * random.next()),
          lambda,
          ...(bounded ? { upper: Float64Array.from({ length: pairs }, () => 2 + 6 * random.next()) } : {}),
          ...(ownWeights ? { weights: Float64Array.from({ length: counts }, () => random.next()) } : {}),
        };
        const result = await estimateOdMatrix(input, highsQpSolver);
        const slow = projectedGradient(rows, input, result.weights, result.priorFloor);
        const slowObjective = odObjective(input, slow, result.weights, result.priorFloor);
        expect(result.objective).toBeLessThanOrEqual(slowObjective * (1 + 1e-9) + 1e-12);
        for (let p = 0; p < pairs; p++) expect(result.estimate[p]).toBeCloseTo(slow[p]!, 5);
        // The core's active-set method alone reaches the same optimum.
        const alone = await estimateOdMatrix(input);
        for (let p = 0; p < pairs; p++) expect(alone.estimate[p]).toBeCloseTo(slow[p]!, 5);
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('recovers a known matrix from its own counts on random networks', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const { proportions, pairs, counts } = randomNetworkProportions(new SeededRandom(seed));
      const random = new SeededRandom(1000 + seed);
      const truth = Float64Array.from({ length: pairs }, () => 1e4 + 1e6 * random.next());
      const observed = modeledCounts(proportions, truth, counts);
      const prior = Float64Array.from(truth, (x) => x * (0.7 + 0.6 * random.next()));
      for (const solver of [highsQpSolver, undefined]) {
        const result = await estimateOdMatrix({ prior, proportions, observed, lambda: 1e-18 }, solver);
        for (let c = 0; c < counts; c++) expect(Math.abs(result.residual[c]!)).toBeLessThanOrEqual(1e-6 * observed[c]!);
        for (let p = 0; p < pairs; p++)
          expect(Math.abs(result.estimate[p]! - truth[p]!)).toBeLessThanOrEqual(1e-4 * truth[p]!);
      }
    }
  });

  it('agrees with HiGHS on many pairs and few counts, with pairs driven to zero and to their bounds', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const random = new SeededRandom(seed);
      const pairs = 150;
      const rows = Array.from({ length: 25 }, () =>
        Array.from({ length: pairs }, () => (random.next() < 0.85 ? 0 : random.next())),
      );
      const input: OdEstimationInput = {
        prior: Float64Array.from({ length: pairs }, () => (random.next() < 0.1 ? 0 : 1e5 * random.next())),
        proportions: toCsr(rows),
        // Counts well below and above what the prior gives, so pairs must go to 0 or to their bound.
        observed: Float64Array.from({ length: 25 }, () => 2e5 * random.next() ** 2),
        upper: Float64Array.from({ length: pairs }, () => 1.2e5 * random.next()),
        lambda: 1e-5,
      };
      const qp = await estimateOdMatrix(input, highsQpSolver);
      const alone = await estimateOdMatrix(input);
      expect(alone.objective).toBeCloseTo(qp.objective, 8);
      let atZero = 0;
      let atUpper = 0;
      for (let p = 0; p < pairs; p++) {
        expect(Math.abs(alone.estimate[p]! - qp.estimate[p]!)).toBeLessThan(1e-6 * 1e5);
        if (qp.estimate[p] === 0) atZero++;
        if (qp.estimate[p] === input.upper![p]) atUpper++;
      }
      expect(atZero).toBeGreaterThan(0);
      expect(atUpper).toBeGreaterThan(0);
    }
  });

  it('returns the prior when there are no counts, or only validation counts', async () => {
    const prior = Float64Array.of(5, 0, 12.5, 3e6);
    const none = await estimateOdMatrix(
      { prior, proportions: toCsr([]), observed: new Float64Array(0), lambda: 1 },
      highsQpSolver,
    );
    for (let p = 0; p < prior.length; p++) expect(none.estimate[p]).toBeCloseTo(prior[p]!, 6);
    expect(none.deviation.totalAbsolute).toBeLessThan(1e-6);
    const held = await estimateOdMatrix(
      {
        prior,
        proportions: toCsr([[1, 1, 0, 0]]),
        observed: Float64Array.of(100),
        weights: Float64Array.of(0),
        lambda: 1,
      },
      highsQpSolver,
    );
    for (let p = 0; p < prior.length; p++) expect(held.estimate[p]).toBeCloseTo(prior[p]!, 6);
    expect(held.modeled[0]).toBeCloseTo(5, 6);
    expect(held.residualPercent[0]).toBeCloseTo(-95, 6);
  });

  it('rejects inconsistent sizes and negative or NaN values with the field named', async () => {
    const good: OdEstimationInput = {
      prior: Float64Array.of(1, 2),
      proportions: toCsr([[1, 0.5]]),
      observed: Float64Array.of(3),
      lambda: 1,
    };
    const cases: [Partial<OdEstimationInput>, RegExp][] = [
      [{ prior: Float64Array.of(1, NaN) }, /prior\[1\]/],
      [{ observed: Float64Array.of(-3) }, /observed\[0\]/],
      [{ observed: Float64Array.of(3, 4) }, /rowStarts/],
      [{ weights: Float64Array.of(1, 1) }, /weights has 2 entries/],
      [{ lambda: 0 }, /lambda/],
      [{ upper: Float64Array.of(1) }, /upper has 1/],
      [{ prior: Float64Array.of(1) }, /columns\[1\] = 1 is not a pair/],
      [{ proportions: { ...toCsr([[1, 0.5]]), values: Float64Array.of(1, NaN) } }, /proportions.values\[1\]/],
      [{ proportions: { ...toCsr([[1, 0.5]]), columns: Uint32Array.of(0, 0) } }, /pair 0 appears twice/],
    ];
    for (const [change, message] of cases) {
      await expect(estimateOdMatrix({ ...good, ...change }, highsQpSolver)).rejects.toThrow(EstimationInputError);
      await expect(estimateOdMatrix({ ...good, ...change }, highsQpSolver)).rejects.toThrow(message);
    }
  });
});

/**
 * A random strongly connected network (a two-way ring plus chords), every ordered zone pair routed over up to three
 * penalty-method routes with logit shares, counts on every link; pairs are kept only while their proportion columns
 * stay linearly independent, so P has full column rank (checked by Gram–Schmidt).
 */
function randomNetworkProportions(random: SeededRandom) {
  const nodes = 6 + Math.floor(random.next() * 5);
  const tail: number[] = [];
  const head: number[] = [];
  for (let v = 0; v < nodes; v++) {
    tail.push(v, (v + 1) % nodes);
    head.push((v + 1) % nodes, v);
  }
  for (let i = 0; i < nodes; i++) {
    const a = Math.floor(random.next() * nodes);
    const b = Math.floor(random.next() * nodes);
    if (a !== b) {
      tail.push(a);
      head.push(b);
    }
  }
  const links = tail.length;
  const cost = Float64Array.from({ length: links }, () => 1 + 9 * random.next());
  const zero = new Float64Array(links);
  const net = buildAssignmentNetwork({
    nodes,
    zones: nodes,
    firstThruNode: 1,
    tail,
    head,
    freeFlowTime: cost,
    capacity: zero.map(() => 1),
    b: zero,
    power: zero,
  });
  const workspace = new TreeWorkspace(nodes);
  const columns: Float64Array[] = [];
  const basis: Float64Array[] = [];
  for (let r = 0; r < nodes; r++)
    for (let s = 0; s < nodes; s++) {
      if (r === s) continue;
      const penalized = net.freeFlowTime.slice();
      const routes: { edges: number[]; cost: number }[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        shortestPathTree(net, penalized, r, workspace);
        const edges: number[] = [];
        for (let v = s; v !== r; v = net.csr.sources[workspace.predEdge[v]!]!) edges.push(workspace.predEdge[v]!);
        const signature = edges.join(',');
        if (!routes.some((route) => route.edges.join(',') === signature))
          routes.push({ edges, cost: edges.reduce((sum, e) => sum + net.freeFlowTime[e]!, 0) });
        for (const e of edges) penalized[e] = penalized[e]! * 1.5;
      }
      const weight = routes.map((route) => Math.exp(-0.3 * route.cost));
      const total = weight.reduce((a, b) => a + b, 0);
      const column = new Float64Array(links);
      routes.forEach((route, i) => route.edges.forEach((e) => (column[e]! += weight[i]! / total)));
      // Gram–Schmidt against the kept columns: keep the pair only if a clear part of its column is new.
      const residual = column.slice();
      for (const q of basis) {
        const dot = residual.reduce((sum, v, e) => sum + v * q[e]!, 0);
        for (let e = 0; e < links; e++) residual[e]! -= dot * q[e]!;
      }
      const norm = Math.sqrt(residual.reduce((sum, v) => sum + v * v, 0));
      if (norm < 1e-3 * Math.sqrt(column.reduce((sum, v) => sum + v * v, 0))) continue;
      basis.push(residual.map((v) => v / norm));
      columns.push(column);
    }
  expect(columns.length).toBeGreaterThanOrEqual(5);
  const rows = Array.from({ length: links }, (_, e) => columns.map((column) => column[e]!));
  return { proportions: toCsr(rows), pairs: columns.length, counts: links };
}
