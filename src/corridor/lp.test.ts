import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highsSolver } from '../data/highs-solver.js';
import { buildLp, solveMcf, usableEdges, type McfProblem } from './lp.js';

/** A small random directed graph with a path 0 → … → n−1 guaranteed, integer costs and capacities. */
const randomGraph = fc
  .record({
    n: fc.integer({ min: 3, max: 7 }),
    extra: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 6 })), {
      maxLength: 14,
    }),
    chainCost: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 7, maxLength: 7 }),
    demand: fc.integer({ min: 1, max: 9 }),
  })
  .map(({ n, extra, chainCost, demand }) => {
    const tail: number[] = [];
    const head: number[] = [];
    const cost: number[] = [];
    const cap: number[] = [];
    for (let v = 0; v + 1 < n; v++) {
      tail.push(v);
      head.push(v + 1);
      cost.push(chainCost[v]!);
      cap.push(100); // the chain always has room: the problem stays feasible
    }
    for (const [a, b, c, k] of extra) {
      if (a % n === b % n) continue;
      tail.push(a % n);
      head.push(b % n);
      cost.push(c);
      cap.push(k);
    }
    return { n, tail, head, cost, cap, demand };
  });

/** Bellman–Ford shortest path cost (the slow obvious reference). */
function shortestCost(
  n: number,
  tail: number[],
  head: number[],
  cost: number[],
  source: number,
  target: number,
): number {
  const dist = new Array<number>(n).fill(Infinity);
  dist[source] = 0;
  for (let round = 0; round < n; round++)
    for (let e = 0; e < tail.length; e++)
      if (dist[tail[e]!]! + cost[e]! < dist[head[e]!]!) dist[head[e]!] = dist[tail[e]!]! + cost[e]!;
  return dist[target]!;
}

/** Successive shortest paths min-cost flow with residual edges (Bellman–Ford each round): the reference with capacities. */
function successiveShortestPaths(
  n: number,
  tail: number[],
  head: number[],
  cost: number[],
  cap: number[],
  demand: number,
): number {
  const to: number[] = [];
  const c: number[] = [];
  const r: number[] = [];
  tail.forEach((t, e) => {
    to.push(head[e]!, t);
    c.push(cost[e]!, -cost[e]!);
    r.push(cap[e]!, 0);
  });
  const from = tail.flatMap((t, e) => [t, head[e]!]);
  let left = demand;
  let total = 0;
  while (left > 1e-12) {
    const dist = new Array<number>(n).fill(Infinity);
    const pred = new Array<number>(n).fill(-1);
    dist[0] = 0;
    for (let round = 0; round < n; round++)
      for (let e = 0; e < to.length; e++)
        if (r[e]! > 1e-12 && dist[from[e]!]! + c[e]! < dist[to[e]!]! - 1e-12) {
          dist[to[e]!] = dist[from[e]!]! + c[e]!;
          pred[to[e]!] = e;
        }
    if (!Number.isFinite(dist[n - 1]!)) return Infinity;
    let push = left;
    for (let v = n - 1; v !== 0; v = from[pred[v]!]!) push = Math.min(push, r[pred[v]!]!);
    for (let v = n - 1; v !== 0; v = from[pred[v]!]!) {
      r[pred[v]!]! -= push;
      r[pred[v]! ^ 1]! += push;
    }
    total += push * dist[n - 1]!;
    left -= push;
  }
  return total;
}

function singleCommodity(
  g: { n: number; tail: number[]; head: number[]; cost: number[]; cap: number[]; demand: number },
  capacities: boolean,
): McfProblem {
  return {
    vertexCount: g.n,
    tail: g.tail,
    head: g.head,
    commodities: [{ source: 0, sinks: [{ vertex: g.n - 1, amount: g.demand }], cost: g.cost }],
    groups: capacities ? g.tail.map((_, e) => ({ name: `e${e}`, edges: [e], capacity: g.cap[e]! })) : [],
    candidates: [],
    objective: { kind: 'min_cost' },
  };
}

describe('min-cost multicommodity flow LP (HiGHS)', () => {
  it('without capacities, one commodity costs its shortest path × demand', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraph, async (g) => {
        const result = await solveMcf(singleCommodity(g, false), highsSolver);
        expect(result.optimal).toBe(true);
        const reference = g.demand * shortestCost(g.n, g.tail, g.head, g.cost, 0, g.n - 1);
        expect(result.transportCost).toBeCloseTo(reference, 6);
      }),
      { numRuns: 40 },
    );
  });

  it('with capacities, its optimum equals successive shortest paths, and capacities hold', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraph, async (g) => {
        const problem = singleCommodity(g, true);
        const result = await solveMcf(problem, highsSolver);
        expect(result.optimal).toBe(true);
        expect(result.transportCost).toBeCloseTo(
          successiveShortestPaths(g.n, g.tail, g.head, g.cost, g.cap, g.demand),
          6,
        );
        g.cap.forEach((cap, e) => expect(result.flow[0]![e]!).toBeLessThanOrEqual(cap + 1e-7));
      }),
      { numRuns: 40 },
    );
  });

  it('conserves each commodity at every vertex and respects shared capacities', async () => {
    const problemOf = (g: {
      n: number;
      tail: number[];
      head: number[];
      cost: number[];
      cap: number[];
      demand: number;
    }): McfProblem => ({
      vertexCount: g.n,
      tail: g.tail,
      head: g.head,
      commodities: [
        { source: 0, sinks: [{ vertex: g.n - 1, amount: g.demand }], cost: g.cost },
        {
          source: 0,
          sinks: [
            { vertex: g.n - 1, amount: 1 },
            { vertex: 1, amount: 2 },
          ],
          cost: g.cost.map((c) => c * 2),
        },
      ],
      // One shared row over the first two chain edges (both commodities), like a port's total handling.
      groups: [
        { name: 'shared', edges: [0, 1], capacity: 150 },
        ...g.tail.map((_, e) => ({ name: `e${e}`, edges: [e], capacity: g.cap[e]! })),
      ],
      candidates: [],
      objective: { kind: 'min_cost' },
    });
    await fc.assert(
      fc.asyncProperty(randomGraph, async (g) => {
        const problem = problemOf(g);
        const result = await solveMcf(problem, highsSolver);
        expect(result.optimal).toBe(true);
        problem.commodities.forEach((commodity, k) => {
          const net = new Array<number>(g.n).fill(0);
          g.tail.forEach((t, e) => {
            net[t]! += result.flow[k]![e]!;
            net[g.head[e]!]! -= result.flow[k]![e]!;
          });
          for (let v = 0; v < g.n; v++) {
            const expected =
              (v === commodity.source ? commodity.sinks.reduce((s, x) => s + x.amount, 0) : 0) -
              commodity.sinks.filter((x) => x.vertex === v).reduce((s, x) => s + x.amount, 0);
            expect(net[v]!).toBeCloseTo(expected, 7);
          }
        });
        for (const group of problem.groups) {
          const flow = group.edges.reduce((s, e) => s + result.flow[0]![e]! + result.flow[1]![e]!, 0);
          expect(flow).toBeLessThanOrEqual(group.capacity + 1e-7);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('never lets flow pass a no-through vertex other than its source', () => {
    const problem: McfProblem = {
      vertexCount: 3,
      tail: [0, 1, 0],
      head: [1, 2, 2],
      noThrough: (v) => v === 1,
      commodities: [{ source: 0, sinks: [{ vertex: 2, amount: 1 }], cost: [1, 1, 5] }],
      groups: [],
      candidates: [],
      objective: { kind: 'min_cost' },
    };
    expect(usableEdges(problem, 0)).toEqual([0, 2]);
    expect(buildLp(problem)).not.toContain('x0_1');
  });

  it('chooses the cheapest upgrade that meets a target', async () => {
    // Two parallel routes 0→1: a free one capped at 2, and a gated one; demand 5 needs either upgrade.
    const problem: McfProblem = {
      vertexCount: 2,
      tail: [0, 0],
      head: [1, 1],
      commodities: [{ source: 0, sinks: [{ vertex: 1, amount: 5 }], cost: [1, 1] }],
      groups: [
        { name: 'a', edges: [0], capacity: 2, upgrades: [{ candidate: 0, add: 3 }] },
        { name: 'b', edges: [1], capacity: 0, upgrades: [{ candidate: 1, add: 10 }] },
      ],
      candidates: [
        { id: 'widen-a', cost: 30, annualCost: 3 },
        { id: 'open-b', cost: 20, annualCost: 2 },
      ],
      objective: {
        kind: 'meet_target',
        target: 5,
        throughput: [
          { commodity: 0, edge: 0 },
          { commodity: 0, edge: 1 },
        ],
        epsilon: 1e-4,
      },
    };
    const result = await solveMcf(problem, highsSolver);
    expect(result.optimal).toBe(true);
    expect(result.chosen).toEqual([false, true]);
    expect(result.throughput).toBeCloseTo(5, 7);
  });
});
