import { buildAssignmentNetwork, demandFromTriples, type AssignmentNetwork, type OdDemand } from '../assign/network.js';
import { shortestPathTree, TreeWorkspace } from '../assign/shortest-path.js';
import { volumeDelay } from '../numeric/volume-delay.js';
import type { OdFlow } from './demand.js';
import { CE_LINK, type CorridorGraph } from './graph.js';
import type { Mode } from '../model/vocabulary.js';
import type { Commodity, CommodityParameters } from './types.js';
import { networkIndex } from '../model/network-index.js';

/** A user class: shippers who share a value of time. */
export interface DemandClass {
  name: string;
  commodities: Commodity[];
  valueOfTime: number;
  /** Modes the class may use; empty = all. */
  modes: Mode[];
}

/** One origin–destination pair of one class, with its outside-option cost. */
export interface OdPair {
  from: number;
  to: number;
  fromId: string;
  toId: string;
  cls: number;
  mt: number;
  /** Demand by commodity inside the pair (one entry unless classes merge commodities). */
  byCommodity: Partial<Record<Commodity, number>>;
  /** Generalized USD/t of the outside option. */
  outsideUsd: number;
  /** The pair's outside-option edge. */
  outsideEdge: number;
}

/**
 * A corridor assignment problem: the corridor graph plus one outside-option edge per pair (zone to zone, usable
 * only by its class), the classes and their demand. Edge arrays are in input order and include the outside edges.
 */
export interface CorridorProblem {
  readonly graph: CorridorGraph;
  readonly classes: DemandClass[];
  readonly pairs: OdPair[];
  readonly edgeCount: number;
  readonly tail: Uint32Array;
  readonly head: Uint32Array;
  readonly usd: Float64Array;
  readonly hours: Float64Array;
  readonly capacity: Float64Array;
  readonly delayH: Float64Array;
  readonly power: Float64Array;
  /** Class allowed on an outside edge; −1 on network edges (every class). */
  readonly outsideClass: Int32Array;
  /** Per class, 1 on the edges it may not use (links of modes it cannot move by). */
  readonly blocked: Uint8Array[];
  /** The network in the engine's form (CSR, zones first), costs set for class 0 at free flow. */
  readonly network: AssignmentNetwork;
  readonly demand: OdDemand[];
}

/** Cost used when a pair has no route at all, in the base year or in the scenario: effectively never served. */
export const NO_ROUTE_USD_PER_T = 10_000;

export function commodityClasses(
  commodities: readonly CommodityParameters[],
  mode: 'commodity' | 'single',
  weights?: ReadonlyMap<Commodity, number>,
): DemandClass[] {
  if (mode === 'commodity') {
    return commodities.map((c) => ({
      name: c.commodity,
      commodities: [c.commodity],
      valueOfTime: c.valueOfTimeUsdPerTH,
      modes: [...c.modes],
    }));
  }
  // One class with the tonnage-weighted mean value of time.
  let total = 0;
  let weighted = 0;
  for (const c of commodities) {
    const w = weights?.get(c.commodity) ?? 1;
    total += w;
    weighted += w * c.valueOfTimeUsdPerTH;
  }
  // One class may use every mode any of its commodities may use.
  const modes = commodities.some((c) => c.modes.length === 0) ? [] : [...new Set(commodities.flatMap((c) => c.modes))];
  return [
    {
      name: 'all',
      commodities: commodities.map((c) => c.commodity),
      valueOfTime: total > 0 ? weighted / total : 0,
      modes,
    },
  ];
}

/**
 * Generalized cost per tonne of every edge for one class at given total volumes (input order). Outside edges of
 * other classes cost Infinity.
 */
export function classCosts(
  problem: CorridorProblem,
  cls: number,
  volume: Float64Array | undefined,
  out: Float64Array,
): Float64Array {
  const vot = problem.classes[cls]!.valueOfTime;
  const { usd, hours, capacity, delayH, power, outsideClass } = problem;
  const blocked = problem.blocked[cls]!;
  for (let e = 0; e < problem.edgeCount; e++) {
    const owner = outsideClass[e]!;
    if ((owner >= 0 && owner !== cls) || blocked[e] === 1) {
      out[e] = Infinity;
      continue;
    }
    let h = hours[e]!;
    const cap = capacity[e]!;
    if (volume !== undefined && cap < Infinity && volume[e]! > 0)
      h += volumeDelay(delayH[e]!, volume[e]!, cap, power[e]!);
    out[e] = usd[e]! + vot * h;
  }
  return out;
}

/** Extra hours of volume-delay on an edge at a volume. */
export function delayHours(problem: CorridorProblem, e: number, volume: number): number {
  const cap = problem.capacity[e]!;
  if (!(cap < Infinity) || volume <= 0) return 0;
  return volumeDelay(problem.delayH[e]!, volume, cap, problem.power[e]!);
}

/**
 * Builds the problem. `outsideCost(pair, class)` gives the free-flow best cost of the pair in the reference
 * (base-year) graph, or undefined when it has none there; the outside option costs `factor` × that.
 */
export function buildProblem(
  graph: CorridorGraph,
  flows: readonly OdFlow[],
  classes: readonly DemandClass[],
  factor: number,
  reference: CorridorGraph,
): CorridorProblem {
  const { nodeIndex } = networkIndex(graph.network);
  const refIndex = networkIndex(reference.network).nodeIndex;
  const classOf = (commodity: Commodity) => classes.findIndex((c) => c.commodities.includes(commodity));
  const pairs: OdPair[] = [];
  const pairKey = new Map<string, OdPair>();
  for (const flow of flows) {
    const from = nodeIndex.get(flow.from);
    const to = nodeIndex.get(flow.to);
    const cls = classOf(flow.commodity);
    if (from === undefined || to === undefined)
      throw new RangeError(`demand names an unknown node: ${flow.from} → ${flow.to}`);
    if (cls < 0) throw new RangeError(`no class for commodity ${flow.commodity}`);
    if (from === to) continue;
    const key = `${from}|${to}|${cls}`;
    let pair = pairKey.get(key);
    if (pair === undefined) {
      pair = {
        from,
        to,
        fromId: flow.from,
        toId: flow.to,
        cls,
        mt: 0,
        byCommodity: {},
        outsideUsd: 0,
        outsideEdge: -1,
      };
      pairKey.set(key, pair);
      pairs.push(pair);
    }
    pair.mt += flow.mtPerYr;
    pair.byCommodity[flow.commodity] = (pair.byCommodity[flow.commodity] ?? 0) + flow.mtPerYr;
  }

  // Outside-option costs: factor × the best free-flow cost in the reference graph, else in this graph.
  const refBest = bestCostTable(
    reference,
    classes,
    pairs.map((p) => refIndex.get(p.fromId) ?? -1),
    referenceTables(reference, classes),
  );
  const viaRef = pairs.map((pair) => {
    const refTo = refIndex.get(pair.toId);
    return refTo === undefined
      ? Infinity
      : (refBest.get(`${refIndex.get(pair.fromId)}|${pair.cls}`)?.[refTo] ?? Infinity);
  });
  // This graph's own trees only for the origins of pairs the reference does not serve (usually none).
  const ownBest = bestCostTable(
    graph,
    classes,
    pairs.filter((_, k) => !Number.isFinite(viaRef[k])).map((p) => p.from),
  );
  for (const [k, pair] of pairs.entries()) {
    const own = ownBest.get(`${pair.from}|${pair.cls}`)?.[pair.to] ?? Infinity;
    const best = Number.isFinite(viaRef[k]!) ? viaRef[k]! : own;
    pair.outsideUsd = Number.isFinite(best) ? factor * best : NO_ROUTE_USD_PER_T;
    pair.outsideEdge = graph.edgeCount + k;
  }

  const edgeCount = graph.edgeCount + pairs.length;
  const extend = <T extends Float64Array | Uint32Array>(base: T, extra: (pair: OdPair) => number): T => {
    const out = new (base.constructor as new (n: number) => T)(edgeCount);
    out.set(base);
    pairs.forEach((pair, k) => {
      out[graph.edgeCount + k] = extra(pair);
    });
    return out;
  };
  const outsideClass = new Int32Array(edgeCount).fill(-1);
  pairs.forEach((pair, k) => {
    outsideClass[graph.edgeCount + k] = pair.cls;
  });
  const problem = {
    graph,
    classes: [...classes],
    pairs,
    edgeCount,
    tail: extend(graph.tail, (p) => p.from),
    head: extend(graph.head, (p) => p.to),
    usd: extend(graph.usd, (p) => p.outsideUsd),
    hours: extend(graph.hours, () => 0),
    capacity: extend(graph.capacity, () => Infinity),
    delayH: extend(graph.delayH, () => 0),
    power: extend(graph.power, () => 0),
    outsideClass,
    blocked: classes.map((cls) => {
      const mask = new Uint8Array(edgeCount);
      mask.set(blockedEdges(graph, cls.modes));
      return mask;
    }),
  };
  const network = engineNetwork(problem as CorridorProblem, 0);
  const demand = classes.map((_, cls) => {
    const mine = pairs.filter((p) => p.cls === cls);
    return demandFromTriples(
      graph.zoneCount,
      mine.map((p) => p.from),
      mine.map((p) => p.to),
      mine.map((p) => p.mt),
    );
  });
  return { ...problem, network, demand };
}

/**
 * The problem as the assignment engine's link table for one class: free-flow time = generalized USD at free flow,
 * and the BPR term rescaled so that fftt · b · (v/c)^p = value of time × delay hours exactly.
 */
export function engineNetwork(problem: Omit<CorridorProblem, 'network' | 'demand'>, cls: number): AssignmentNetwork {
  const vot = problem.classes[cls]!.valueOfTime;
  const n = problem.edgeCount;
  const fftt = new Float64Array(n);
  const capacity = new Float64Array(n);
  const b = new Float64Array(n);
  const power = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const owner = problem.outsideClass[e]!;
    fftt[e] =
      (owner >= 0 && owner !== cls) || problem.blocked[cls]![e] === 1
        ? 1e12
        : problem.usd[e]! + vot * problem.hours[e]!;
    const cap = problem.capacity[e]!;
    if (cap < Infinity && problem.delayH[e]! > 0 && vot > 0) {
      // A free edge (berth) still needs a positive base for the multiplicative BPR form; 1e-9 USD is nothing.
      if (fftt[e]! < 1e-9) fftt[e] = 1e-9;
      capacity[e] = cap;
      b[e] = (vot * problem.delayH[e]!) / fftt[e]!;
      power[e] = problem.power[e]!;
    } else {
      capacity[e] = 1;
    }
  }
  return buildAssignmentNetwork({
    nodes: problem.graph.vertexCount,
    zones: problem.graph.zoneCount,
    firstThruNode: problem.graph.zoneCount + 1,
    tail: problem.tail,
    head: problem.head,
    freeFlowTime: fftt,
    capacity,
    b,
    power,
  });
}

const referenceBest = new WeakMap<CorridorGraph, Map<string, Map<string, Float64Array>>>();

/**
 * The best-cost trees of a reference graph, kept with it per set of classes: every scenario of a session (a sweep's
 * samples) shares the reference graph, so its trees are searched once.
 */
function referenceTables(reference: CorridorGraph, classes: readonly DemandClass[]): Map<string, Float64Array> {
  let byClasses = referenceBest.get(reference);
  if (byClasses === undefined) referenceBest.set(reference, (byClasses = new Map()));
  const key = JSON.stringify(classes.map((c) => [c.valueOfTime, c.modes]));
  let table = byClasses.get(key);
  if (table === undefined) byClasses.set(key, (table = new Map()));
  return table;
}

/**
 * Free-flow best cost from each listed origin zone, per class: key `origin|class` → distances by vertex. Trees
 * already in `table` are kept; the new ones are added to it.
 */
function bestCostTable(
  graph: CorridorGraph,
  classes: readonly DemandClass[],
  origins: readonly number[],
  table = new Map<string, Float64Array>(),
): Map<string, Float64Array> {
  const wanted = [...new Set(origins)].filter((origin) => origin >= 0);
  if (classes.every((_, c) => wanted.every((origin) => table.has(`${origin}|${c}`)))) return table;
  const network = buildAssignmentNetwork({
    nodes: graph.vertexCount,
    zones: graph.zoneCount,
    firstThruNode: graph.zoneCount + 1,
    tail: graph.tail,
    head: graph.head,
    freeFlowTime: graph.usd,
    capacity: new Float64Array(graph.edgeCount).fill(1),
    b: new Float64Array(graph.edgeCount),
    power: new Float64Array(graph.edgeCount),
  });
  const workspace = new TreeWorkspace(graph.vertexCount);
  classes.forEach((cls, c) => {
    const cost = new Float64Array(network.linkCount);
    const blocked = blockedEdges(graph, cls.modes);
    for (let k = 0; k < network.linkCount; k++) {
      const e = network.toInput[k]!;
      cost[k] = blocked[e] === 1 ? Infinity : graph.usd[e]! + cls.valueOfTime * graph.hours[e]!;
    }
    for (const origin of wanted) {
      if (table.has(`${origin}|${c}`)) continue;
      shortestPathTree(network, cost, origin, workspace);
      table.set(`${origin}|${c}`, workspace.dist.slice());
    }
  });
  return table;
}

/** 1 on the link edges whose mode is not among `modes` (none when `modes` is empty). */
export function blockedEdges(graph: CorridorGraph, modes: readonly Mode[]): Uint8Array {
  const mask = new Uint8Array(graph.edgeCount);
  if (modes.length === 0) return mask;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.kind[e] === CE_LINK && !modes.includes(graph.network.links[graph.ref[e]!]!.mode)) mask[e] = 1;
  }
  return mask;
}

/** Input-order edge values in the engine's CSR order. */
export function toCsrOrder(network: AssignmentNetwork, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(network.linkCount);
  for (let k = 0; k < network.linkCount; k++) out[k] = values[network.toInput[k]!]!;
  return out;
}
