import type { CapacityGroup } from './capacity-groups.js';
import { CE_ARRIVE, CE_DEPART, type CorridorGraph } from './graph.js';
import { solveMcf, type LpSolver, type McfProblem } from './lp.js';

/**
 * One stream of a capacity LP: tonnes leaving any of `sources` (zones), passing one of the `counted` edges and
 * reaching any of `sinks`.
 */
export interface CapacityStream {
  counted: readonly number[];
  sources: readonly number[];
  sinks: readonly number[];
}

export interface CapacityRowResult {
  group: number;
  flowMt: number;
  /** Mt/yr more capacity the row's Mt/yr would add (the dual of the row, made positive). */
  shadowPrice: number;
}

export interface MaxFlowResult {
  status: string;
  /** Mt/yr, or Infinity when some path has no capacity at all. */
  mt: number;
  /** Rows with a non-zero shadow price: what binds. */
  binding: CapacityRowResult[];
}

/** Beyond this the flow is unbounded: nothing on some path has a capacity. */
export const UNBOUNDED_MT = 10_000;
/** Per edge and tonne: keeps the flows free of idle circulations without changing the maximum. */
const TIE_BREAK = 1e-6;
const BINDING_DUAL = 1e-6;

/**
 * The most tonnes per year that can pass the counted edges, over every stream at once, within the capacity rows: a
 * max-flow from a super-source to a super-sink written as a min-cost flow for the LP solver (the super-source sends
 * UNBOUNDED_MT, and what the network cannot carry takes an overflow edge costing 1 per tonne).
 *
 * Each stream runs on its own two copies of the graph sharing the capacity rows: layer 0 from the source zones up to
 * a counted edge, which leads into layer 1, and layer 1 on to the sink zones. So every tonne counted passes a counted
 * edge, is counted once, and never passes through a zone (layer 0 has no edges into zones, layer 1 none out of them).
 */
export async function maxFlowThrough(
  graph: CorridorGraph,
  groups: readonly CapacityGroup[],
  streams: readonly CapacityStream[],
  solve: LpSolver,
): Promise<MaxFlowResult> {
  const vertices = graph.vertexCount;
  const source = 2 * streams.length * vertices;
  const sink = source + 1;
  const tail: number[] = [];
  const head: number[] = [];
  const cost: number[] = [];
  const original: number[] = [];
  const add = (from: number, to: number, edge: number, perTonne: number) => {
    tail.push(from);
    head.push(to);
    original.push(edge);
    cost.push(perTonne);
  };
  streams.forEach((stream, s) => {
    const before = 2 * s * vertices;
    const after = before + vertices;
    for (let e = 0; e < graph.edgeCount; e++) {
      const t = graph.tail[e]!;
      const h = graph.head[e]!;
      if (graph.kind[e] !== CE_ARRIVE) add(before + t, before + h, e, TIE_BREAK);
      if (graph.kind[e] !== CE_DEPART) add(after + t, after + h, e, TIE_BREAK);
    }
    for (const e of stream.counted) add(before + graph.tail[e]!, after + graph.head[e]!, e, TIE_BREAK);
    for (const zone of stream.sources) add(source, before + zone, -1, 0);
    for (const zone of stream.sinks) add(after + zone, sink, -1, 0);
  });
  const overflow = tail.length;
  add(source, sink, -1, 1);

  const groupOf = new Int32Array(graph.edgeCount).fill(-1);
  groups.forEach((group, g) => {
    for (const e of group.edges) groupOf[e] = g;
  });
  const members: number[][] = groups.map(() => []);
  original.forEach((e, layered) => {
    if (e >= 0 && groupOf[e]! >= 0) members[groupOf[e]!]!.push(layered);
  });
  const problem: McfProblem = {
    vertexCount: sink + 1,
    tail,
    head,
    commodities: [{ source, sinks: [{ vertex: sink, amount: UNBOUNDED_MT }], cost }],
    groups: groups.map((group, g) => ({ name: group.name, edges: members[g]!, capacity: group.capacity })),
    candidates: [],
    objective: { kind: 'min_cost' },
  };
  const result = await solveMcf(problem, solve);
  if (!result.optimal) return { status: result.status, mt: Number.NaN, binding: [] };
  const flow = result.flow[0]!;
  const mt = UNBOUNDED_MT - flow[overflow]!;
  const binding: CapacityRowResult[] = [];
  members.forEach((edges, g) => {
    const shadowPrice = Math.abs(result.groupDuals[g] ?? 0);
    if (shadowPrice <= BINDING_DUAL) return;
    binding.push({ group: g, flowMt: edges.reduce((sum, e) => sum + flow[e]!, 0), shadowPrice });
  });
  binding.sort((a, b) => b.shadowPrice - a.shadowPrice || groups[a.group]!.name.localeCompare(groups[b.group]!.name));
  return { status: result.status, mt: mt > UNBOUNDED_MT / 2 ? Infinity : mt, binding };
}

/**
 * Whether a stream could carry any tonnage: some path from a source zone through one of its counted edges to a sink
 * zone has no capacity row anywhere. The same answer as maxFlowThrough's Infinity, by two graph searches instead of
 * an LP: forward from the sources on layer-0 edges, backward from the sinks on layer-1 edges, over uncapped edges.
 */
export function isUnlimited(graph: CorridorGraph, groups: readonly CapacityGroup[], stream: CapacityStream): boolean {
  const capped = new Uint8Array(graph.edgeCount);
  for (const group of groups) for (const e of group.edges) capped[e] = 1;
  const reach = (starts: readonly number[], forward: boolean): Uint8Array => {
    const seen = new Uint8Array(graph.vertexCount);
    const stack = [...starts];
    for (const v of starts) seen[v] = 1;
    // Layer 0 never enters a zone, layer 1 never leaves one.
    const barred = forward ? CE_ARRIVE : CE_DEPART;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let e = 0; e < graph.edgeCount; e++) {
        if (capped[e] === 1 || graph.kind[e] === barred) continue;
        const [from, to] = forward ? [graph.tail[e]!, graph.head[e]!] : [graph.head[e]!, graph.tail[e]!];
        if (from !== v || seen[to] === 1) continue;
        seen[to] = 1;
        stack.push(to);
      }
    }
    return seen;
  };
  const fromSources = reach(stream.sources, true);
  const toSinks = reach(stream.sinks, false);
  return stream.counted.some(
    (e) => capped[e] === 0 && fromSources[graph.tail[e]!] === 1 && toSinks[graph.head[e]!] === 1,
  );
}
