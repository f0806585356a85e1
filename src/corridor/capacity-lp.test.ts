import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highsSolver } from '../data/highs-solver.js';
import type { CapacityGroup } from './capacity-groups.js';
import { isUnlimited, maxFlowThrough } from './capacity-lp.js';
import { CE_ARRIVE, CE_DEPART, CE_LINK, type CorridorGraph } from './graph.js';

/**
 * A small random network in the corridor graph's shape: zones 0…n−1, each with a depart and an arrive edge to its
 * own network vertex n+i (and to a few others), and random links between network vertices with integer capacities. Vertices below `split`
 * are side A, the others side B.
 */
const randomNetwork = fc
  .record({
    n: fc.integer({ min: 2, max: 7 }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 10 })), { maxLength: 18 }),
    split: fc.nat(),
    // A zone reaching several network vertices, as a city reaches its rail and road layers: passing through it
    // would be a free shortcut, which the LP must not take.
    attachments: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    // Which zones send and receive (bit z): the others may only be passed by links, never through the zone.
    active: fc.nat(),
  })
  .map(({ n, links, split, attachments, active }) => {
    const tail: number[] = [];
    const head: number[] = [];
    const kind: number[] = [];
    const cap: number[] = [];
    for (let z = 0; z < n; z++) {
      tail.push(z, n + z);
      head.push(n + z, z);
      kind.push(CE_DEPART, CE_ARRIVE);
      cap.push(Infinity, Infinity);
    }
    const side = (zone: number) => zone < 1 + (split % (n - 1));
    for (const [z, v] of attachments) {
      // Only within a side: a zone on side B reaching a vertex of side A would be a path that uses no link.
      if (z % n === v % n || side(z % n) !== side(v % n)) continue;
      tail.push(z % n, n + (v % n));
      head.push(n + (v % n), z % n);
      kind.push(CE_DEPART, CE_ARRIVE);
      cap.push(Infinity, Infinity);
    }
    for (const [a, b, c] of links) {
      if (a % n === b % n) continue;
      tail.push(n + (a % n));
      head.push(n + (b % n));
      kind.push(CE_LINK);
      cap.push(c === 10 ? Infinity : c); // 10: a capacity left blank
    }
    return { n, tail, head, kind, cap, side, active: (zone: number) => ((active >> zone) & 1) === 1 };
  });

type Random = typeof randomNetwork extends fc.Arbitrary<infer T> ? T : never;

/** Only what maxFlowThrough reads of a corridor graph. */
function graphOf(g: Random): { graph: CorridorGraph; groups: CapacityGroup[] } {
  const graph = {
    vertexCount: 2 * g.n,
    edgeCount: g.tail.length,
    tail: Uint32Array.from(g.tail),
    head: Uint32Array.from(g.head),
    kind: Uint8Array.from(g.kind),
  } as unknown as CorridorGraph;
  const groups = g.cap.flatMap((capacity, e): CapacityGroup[] =>
    Number.isFinite(capacity) ? [{ name: `e${e}`, kind: 'link', ref: `e${e}`, edges: [e], capacity }] : [],
  );
  return { graph, groups };
}

/** Edmonds–Karp (shortest augmenting paths by BFS) on an explicit graph: the slow obvious reference. */
function edmondsKarp(n: number, edges: { from: number; to: number; cap: number }[], s: number, t: number): number {
  const to: number[] = [];
  const residual: number[] = [];
  const from: number[] = [];
  for (const edge of edges) {
    from.push(edge.from, edge.to);
    to.push(edge.to, edge.from);
    residual.push(edge.cap, 0);
  }
  let total = 0;
  for (;;) {
    const pred = new Array<number>(n).fill(-1);
    const queue = [s];
    const seen = new Set([s]);
    while (queue.length > 0 && !seen.has(t)) {
      const v = queue.shift()!;
      for (let e = 0; e < to.length; e++)
        if (from[e] === v && residual[e]! > 1e-12 && !seen.has(to[e]!)) {
          seen.add(to[e]!);
          pred[to[e]!] = e;
          queue.push(to[e]!);
        }
    }
    if (!seen.has(t)) return total;
    let push = Infinity;
    for (let v = t; v !== s; v = from[pred[v]!]!) push = Math.min(push, residual[pred[v]!]!);
    if (!Number.isFinite(push)) return Infinity;
    for (let v = t; v !== s; v = from[pred[v]!]!) {
      residual[pred[v]!]! -= push;
      residual[pred[v]! ^ 1]! += push;
    }
    total += push;
  }
}

/**
 * The reference max-flow from zones `sources` to zones `sinks`, each zone split into a sending copy (its depart edge)
 * and a receiving copy (its arrive edge) so that no path passes through a zone.
 */
function reference(g: Random, sources: number[], sinks: number[]): number {
  const s = 3 * g.n;
  const t = s + 1;
  const receiving = (zone: number) => 2 * g.n + zone;
  const edges = g.tail.map((from, e) => ({
    from,
    to: g.kind[e] === CE_ARRIVE ? receiving(g.head[e]!) : g.head[e]!,
    cap: Number.isFinite(g.cap[e]!) ? g.cap[e]! : 1e9,
  }));
  for (const zone of sources) edges.push({ from: s, to: zone, cap: 1e9 });
  for (const zone of sinks) edges.push({ from: receiving(zone), to: t, cap: 1e9 });
  const flow = edmondsKarp(t + 1, edges, s, t);
  return flow >= 1e8 ? Infinity : flow;
}

const zonesOf = (g: Random) => Array.from({ length: g.n }, (_, z) => z).filter(g.active);
const links = (g: Random) => g.kind.flatMap((kind, e) => (kind === CE_LINK ? [e] : []));

/** The graph of a random network with side A's active zones as sources and side B's as sinks. */
function setUp(g: Random) {
  const { graph, groups } = graphOf(g);
  return { graph, groups, sources: zonesOf(g).filter(g.side), sinks: zonesOf(g).filter((z) => !g.side(z)) };
}

const holds = (body: (g: Random) => Promise<void>, numRuns = 40) =>
  fc.assert(fc.asyncProperty(randomNetwork, body), { numRuns });

describe('capacity LP (max-flow through counted edges, HiGHS)', () => {
  it('counting every link, equals Edmonds–Karp from the source zones to the sink zones', () =>
    holds(async (g) => {
      const { graph, groups, sources, sinks } = setUp(g);
      const result = await maxFlowThrough(graph, groups, [{ counted: links(g), sources, sinks }], highsSolver);
      expect(result.status).toBe('Optimal');
      const expected = reference(g, sources, sinks);
      if (expected === Infinity) expect(result.mt).toBe(Infinity);
      else expect(result.mt).toBeCloseTo(expected, 5);
    }));

  it('says a stream is unlimited exactly when the LP finds no bound', () =>
    holds(async (g) => {
      const { graph, groups, sources, sinks } = setUp(g);
      const stream = { counted: links(g).filter((e) => e % 2 === 0), sources, sinks };
      const result = await maxFlowThrough(graph, groups, [stream], highsSolver);
      expect(isUnlimited(graph, groups, stream)).toBe(result.mt === Infinity);
    }));

  it('counting only the links from side A to side B (a cut), still equals Edmonds–Karp: each tonne counts once', () =>
    holds(async (g) => {
      const { graph, groups, sources, sinks } = setUp(g);
      const cut = links(g).filter((e) => g.side(g.tail[e]! - g.n) && !g.side(g.head[e]! - g.n));
      const result = await maxFlowThrough(graph, groups, [{ counted: cut, sources, sinks }], highsSolver);
      const expected = reference(g, sources, sinks);
      if (expected === Infinity) expect(result.mt).toBe(Infinity);
      else expect(result.mt).toBeCloseTo(expected, 5);
    }));

  it('two streams sharing the capacities carry no more than the sum of each alone, nor less than the larger', () =>
    holds(async (g) => {
      const { graph, groups, sources, sinks } = setUp(g);
      const ab = { counted: links(g), sources, sinks };
      const ba = { counted: links(g), sources: sinks, sinks: sources };
      const both = (await maxFlowThrough(graph, groups, [ab, ba], highsSolver)).mt;
      const one = (await maxFlowThrough(graph, groups, [ab], highsSolver)).mt;
      const other = (await maxFlowThrough(graph, groups, [ba], highsSolver)).mt;
      expect(both).toBeLessThanOrEqual(one + other + 1e-6);
      expect(both).toBeGreaterThanOrEqual(Math.max(one, other) - 1e-6);
    }, 25));

  it('the binding rows are a cut: their capacities add up to the maximum, each with shadow price 1', () =>
    holds(async (g) => {
      const { graph, groups, sources, sinks } = setUp(g);
      const result = await maxFlowThrough(graph, groups, [{ counted: links(g), sources, sinks }], highsSolver);
      if (result.mt === Infinity) return;
      const cut = result.binding.reduce((sum, row) => sum + groups[row.group]!.capacity, 0);
      expect(cut).toBeCloseTo(result.mt, 4);
      for (const row of result.binding) {
        expect(row.shadowPrice).toBeCloseTo(1, 3);
        expect(row.flowMt).toBeCloseTo(groups[row.group]!.capacity, 4);
      }
    }));
});
