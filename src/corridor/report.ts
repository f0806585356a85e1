import { pairMeasureTonnes } from './measure-pairs.js';
import type { LogitResult } from './logit.js';
import { countWeights, weightedVolume } from './count-weights.js';
import { shortestPathTree, TreeWorkspace } from '../assign/shortest-path.js';
import type { Parameter } from '../model/types.js';
import type { EquilibriumResult } from './equilibrium.js';
import type { CapacityKind } from './capacity-kinds.js';
import { CE_BERTH_LOAD, CE_BERTH_UNLOAD, CE_LINK } from './graph.js';
import { classCosts, delayHours, toCsrOrder, type CorridorProblem } from './problem.js';
import type { Commodity, ObservedVolume } from './types.js';
import { measureThroughput } from '../model/measure.js';
import { targetFor, type RegionFacts } from '../model/region.js';

/** v/c at or above this makes an element a binding bottleneck. */
export const BOTTLENECK_VC = 0.9;

export interface ElementFlow {
  kind: CapacityKind;
  /** Link, border crossing or port id; for a service element, its services' ids joined by '+'. */
  id: string;
  /** The link a service element runs on. */
  link?: string;
  direction: string;
  layer?: string;
  flowMt: number;
  capacityMt: number;
  vc: number;
  /** Volume-delay added at this flow, hours per tonne. */
  delayH: number;
}

export interface CorridorFlow {
  id: string;
  name: string;
  /** Million tonne-km per year on the corridor's links. */
  mtKm: number;
  share: number;
  busiestLink: string | null;
  busiestSectionMt: number;
}

export interface TargetAttainment {
  corridor: string;
  measure: string;
  throughputMt: number;
  targetYear: number;
  targetMt: number;
  gapMt: number;
  attained: boolean;
}

export interface PairResult {
  from: string;
  to: string;
  class: string;
  commodities: Partial<Record<Commodity, number>>;
  demandMt: number;
  unservedMt: number;
  /** The cheapest route at equilibrium costs (all used routes cost about the same at user equilibrium). */
  route: { generalizedUsd: number; usd: number; hours: number; km: number; via: string[]; outside: boolean };
  outsideUsd: number;
  /** Tonnes of the pair on each gateway measure of region.yaml (null for a busiest section); logit runs only. */
  measureMt?: (number | null)[];
}

export interface CommodityResult {
  commodity: string;
  demandMt: number;
  servedMt: number;
  unservedMt: number;
  avgHours: number;
  avgUsd: number;
}

export interface CalibrationRow {
  id: string;
  element: string;
  observedMt: number;
  modeledMt: number;
  deviationPct: number;
  tolerancePct: number;
  within: boolean;
  /** `fit`: the calibration fitted the matrix to it; `validation`: held back to check the fit. */
  use: 'fit' | 'validation';
  sources: string[];
}

export interface FlowReport {
  year: number;
  assignment: {
    method: string;
    solver: string;
    algorithm: string;
    iterations: number;
    gap: number;
    classGaps: { class: string; gap: number }[];
    converged: boolean;
  };
  totals: {
    demandMt: number;
    servedMt: number;
    unservedMt: number;
    avgHoursPerT: number;
    avgUsdPerT: number;
    generalizedCostMusd: number;
  };
  commodities: CommodityResult[];
  targets: TargetAttainment[];
  corridors: CorridorFlow[];
  elements: ElementFlow[];
  bottlenecks: ElementFlow[];
  ports: { id: string; handledMt: number; capacityMt: number | null }[];
  pairs: PairResult[];
  calibration: CalibrationRow[];
}

/** Per link: tonnes per direction, from a total edge-volume vector (input order). */
export function linkFlows(
  problem: CorridorProblem,
  volume: Float64Array,
): { forward: Float64Array; backward: Float64Array } {
  const links = problem.graph.network.links.length;
  const forward = new Float64Array(links);
  const backward = new Float64Array(links);
  const { graph } = problem;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.kind[e] !== CE_LINK) continue;
    const target = graph.forward[e] === 1 ? forward : backward;
    target[graph.ref[e]!]! += volume[e]!;
  }
  return { forward, backward };
}

/** Tonnes loaded plus unloaded at each port (all water layers). */
export function portHandled(problem: CorridorProblem, volume: Float64Array): Float64Array {
  const handled = new Float64Array(problem.graph.network.nodes.length);
  const { graph } = problem;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.kind[e] === CE_BERTH_LOAD || graph.kind[e] === CE_BERTH_UNLOAD) handled[graph.ref[e]!]! += volume[e]!;
  }
  return handled;
}

/** The busiest section (both directions) among a corridor's links, optionally of one mode. */
export function busiestSection(
  problem: CorridorProblem,
  volume: Float64Array,
  corridor: string,
  mode?: string,
): { link: string | null; mt: number } {
  const { forward, backward } = linkFlows(problem, volume);
  let best: { link: string | null; mt: number } = { link: null, mt: 0 };
  problem.graph.network.links.forEach((link, index) => {
    if (!link.corridors.includes(corridor) || (mode !== undefined && link.mode !== mode)) return;
    const mt = forward[index]! + backward[index]!;
    if (mt > best.mt) best = { link: link.id, mt };
  });
  return best;
}

/** Each measure of the region's throughput, against its target series' level for the year (region.yaml). */
function targetAttainments(
  problem: CorridorProblem,
  volume: Float64Array,
  region: RegionFacts | undefined,
  year: number,
): TargetAttainment[] {
  const { forward, backward } = linkFlows(problem, volume);
  return (region?.measures ?? []).flatMap((measure): TargetAttainment[] => {
    const target = targetFor(region, measure.target, year);
    if (target === undefined) return [];
    const { mt, link } = measureThroughput(problem.graph.network, measure, forward, backward);
    const label = measure.kind === 'busiest_section' ? `${measure.label} (${link ?? 'none'})` : measure.label;
    return [
      {
        corridor: measure.corridor,
        measure: label,
        throughputMt: mt,
        targetYear: target.year,
        targetMt: target.mt,
        gapMt: Math.max(0, target.mt - mt),
        attained: mt >= target.mt,
      },
    ];
  });
}

export function observedModeled(problem: CorridorProblem, volume: Float64Array, observed: ObservedVolume): number {
  const weights = countWeights(problem, observed.element);
  return weights === undefined
    ? busiestSection(problem, volume, observed.element.id).mt
    : weightedVolume(weights, volume);
}

export function buildFlowReport(
  problem: CorridorProblem,
  result: EquilibriumResult,
  parameters: readonly Parameter[],
  observed: readonly ObservedVolume[],
): FlowReport {
  const { graph } = problem;
  const { network } = graph;
  const volume = result.volume;
  const { forward, backward } = linkFlows(problem, volume);
  const measureTonnes =
    'routeFlow' in result ? pairMeasureTonnes(problem, result as LogitResult, network.region) : undefined;

  // Unserved demand = flow on outside-option edges.
  const unservedOf = (pairIndex: number) => volume[problem.pairs[pairIndex]!.outsideEdge]!;
  const demandMt = problem.pairs.reduce((sum, pair) => sum + pair.mt, 0);
  const unservedMt = problem.pairs.reduce((sum, _, k) => sum + unservedOf(k), 0);

  // Time and money per tonne served, by class, on network edges.
  const classHours = new Float64Array(problem.classes.length);
  const classUsd = new Float64Array(problem.classes.length);
  let generalized = 0;
  problem.classes.forEach((cls, c) => {
    const v = result.classVolume[c]!;
    for (let e = 0; e < graph.edgeCount; e++) {
      const x = v[e]!;
      if (x === 0) continue;
      const h = problem.hours[e]! + delayHours(problem, e, volume[e]!);
      classHours[c]! += x * h;
      classUsd[c]! += x * problem.usd[e]!;
      generalized += x * (problem.usd[e]! + cls.valueOfTime * h);
    }
  });
  problem.pairs.forEach((pair, k) => {
    generalized += unservedOf(k) * pair.outsideUsd;
  });

  const commodities: CommodityResult[] = [];
  const byCommodity = new Map<string, { demand: number; unserved: number; cls: number }>();
  problem.pairs.forEach((pair, k) => {
    const share = pair.mt > 0 ? unservedOf(k) / pair.mt : 0;
    for (const [commodity, mt] of Object.entries(pair.byCommodity)) {
      const entry = byCommodity.get(commodity) ?? { demand: 0, unserved: 0, cls: pair.cls };
      entry.demand += mt;
      entry.unserved += mt * share;
      byCommodity.set(commodity, entry);
    }
  });
  const classServed = problem.classes.map((_, c) =>
    problem.pairs.reduce((sum, pair, k) => (pair.cls === c ? sum + pair.mt - unservedOf(k) : sum), 0),
  );
  for (const [commodity, entry] of byCommodity) {
    const served = classServed[entry.cls]!;
    commodities.push({
      commodity,
      demandMt: entry.demand,
      servedMt: entry.demand - entry.unserved,
      unservedMt: entry.unserved,
      avgHours: served > 0 ? classHours[entry.cls]! / served : 0,
      avgUsd: served > 0 ? classUsd[entry.cls]! / served : 0,
    });
  }
  const servedMt = demandMt - unservedMt;
  const totalHours = classHours.reduce((a, b) => a + b, 0);
  const totalUsd = classUsd.reduce((a, b) => a + b, 0);

  const targets = targetAttainments(problem, volume, network.region, graph.year);

  let totalMtKm = 0;
  network.links.forEach((link, index) => {
    totalMtKm += (forward[index]! + backward[index]!) * link.km;
  });
  const corridors: CorridorFlow[] = network.corridors.map((corridor) => {
    let mtKm = 0;
    network.links.forEach((link, index) => {
      if (link.corridors.includes(corridor.id)) mtKm += (forward[index]! + backward[index]!) * link.km;
    });
    const busiest = busiestSection(problem, volume, corridor.id);
    return {
      id: corridor.id,
      name: corridor.name,
      mtKm,
      share: totalMtKm > 0 ? mtKm / totalMtKm : 0,
      busiestLink: busiest.link,
      busiestSectionMt: busiest.mt,
    };
  });

  const elements: ElementFlow[] = graph.elements.map((element) => {
    const flowMt = element.edges.reduce((sum, e) => sum + volume[e]!, 0);
    return {
      kind: element.kind,
      id: element.id,
      ...(element.link === undefined ? {} : { link: element.link }),
      direction: element.direction,
      ...(element.layer === undefined ? {} : { layer: element.layer }),
      flowMt,
      capacityMt: element.capacityMt,
      vc: flowMt / element.capacityMt,
      delayH: delayHours(problem, element.edges[0]!, flowMt),
    };
  });
  const bottlenecks = elements.filter((element) => element.vc >= BOTTLENECK_VC).sort((a, b) => b.vc - a.vc);

  const handled = portHandled(problem, volume);
  const ports = network.nodes
    .map((node, index) => ({ node, index }))
    .filter(({ node }) => node.kind === 'port')
    .map(({ node, index }) => ({ id: node.id, handledMt: handled[index]!, capacityMt: node.capacityMtPerYr ?? null }));

  const calibration = observed
    .filter((row) => row.year === graph.year)
    .map((row): CalibrationRow => {
      const modeledMt = observedModeled(problem, volume, row);
      const deviationPct = row.observedMt > 0 ? (100 * (modeledMt - row.observedMt)) / row.observedMt : 0;
      return {
        id: row.id,
        element: `${row.element.kind}:${row.element.id}`,
        observedMt: row.observedMt,
        modeledMt,
        deviationPct,
        tolerancePct: row.tolerancePct,
        within: Math.abs(deviationPct) <= row.tolerancePct,
        use: row.use,
        sources: row.sources,
      };
    });

  return {
    year: graph.year,
    assignment: {
      method: result.method,
      solver: result.solver,
      algorithm: result.algorithm,
      iterations: result.iterations,
      gap: result.gap,
      classGaps: problem.classes.map((cls, c) => ({ class: cls.name, gap: result.classGaps[c] ?? 0 })),
      converged: result.converged,
    },
    totals: {
      demandMt,
      servedMt,
      unservedMt,
      avgHoursPerT: servedMt > 0 ? totalHours / servedMt : 0,
      avgUsdPerT: servedMt > 0 ? totalUsd / servedMt : 0,
      generalizedCostMusd: generalized,
    },
    commodities,
    targets,
    corridors,
    elements,
    bottlenecks,
    ports,
    pairs: pairRoutes(problem, volume).map((route, k) => {
      const pair = problem.pairs[k]!;
      return {
        from: pair.fromId,
        to: pair.toId,
        class: problem.classes[pair.cls]!.name,
        commodities: pair.byCommodity,
        demandMt: pair.mt,
        unservedMt: unservedOf(k),
        route,
        outsideUsd: pair.outsideUsd,
        ...(measureTonnes === undefined
          ? {}
          : { measureMt: Array.from(measureTonnes[k]!, (mt) => (Number.isNaN(mt) ? null : mt)) }),
      };
    }),
    calibration,
  };
}

/** The cheapest route of every pair at the costs of the given volumes: its generalized cost, USD, hours, km, gateways. */
export function pairRoutes(problem: CorridorProblem, volume: Float64Array): PairResult['route'][] {
  const net = problem.network;
  const { graph } = problem;
  const workspace = new TreeWorkspace(net.nodeCount);
  const cost = new Float64Array(problem.edgeCount);
  const routes: PairResult['route'][] = new Array(problem.pairs.length);
  const nodes = graph.network.nodes;
  problem.classes.forEach((_, c) => {
    const csrCost = toCsrOrder(net, classCosts(problem, c, volume, cost));
    const byOrigin = new Map<number, number[]>();
    problem.pairs.forEach((pair, k) => {
      if (pair.cls !== c) return;
      byOrigin.set(pair.from, [...(byOrigin.get(pair.from) ?? []), k]);
    });
    for (const [origin, list] of byOrigin) {
      shortestPathTree(net, csrCost, origin, workspace);
      for (const k of list) {
        const pair = problem.pairs[k]!;
        let v = pair.to;
        const route = {
          generalizedUsd: workspace.dist[v]!,
          usd: 0,
          hours: 0,
          km: 0,
          via: [] as string[],
          outside: false,
        };
        while (v !== origin) {
          const edgeCsr = workspace.predEdge[v]!;
          if (edgeCsr < 0) break;
          const e = net.toInput[edgeCsr]!;
          if (e >= graph.edgeCount) route.outside = true;
          route.usd += problem.usd[e]!;
          route.hours += problem.hours[e]! + delayHours(problem, e, volume[e]!);
          if (e < graph.edgeCount) {
            route.km += graph.km[e]!;
            const head = nodes[graph.vertexNode[graph.head[e]!]!]!;
            if (graph.kind[e] === CE_LINK && head.kind === 'border_crossing') route.via.unshift(head.id);
            if (graph.kind[e] === CE_BERTH_UNLOAD || graph.kind[e] === CE_BERTH_LOAD) {
              const port = nodes[graph.ref[e]!]!.id;
              if (route.via[0] !== port) route.via.unshift(port);
            }
          }
          v = net.csr.sources[edgeCsr]!;
        }
        routes[k] = route;
      }
    }
  });
  return routes;
}
