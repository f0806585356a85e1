import { demandForYear } from './demand.js';
import { buildCorridorGraph, CE_LINK } from './graph.js';
import { applyLevers } from './levers.js';
import {
  solveMcf,
  type LpSolver,
  type McfCapacityGroup,
  type McfObjective,
  type McfProblem,
  type McfResult,
} from './lp.js';
import { CORRIDOR_PARAMETERS } from './parameters.js';
import { requiredParameter } from '../model/parameters.js';
import { buildProblem, classCosts, commodityClasses, type CorridorProblem } from './problem.js';
import type { CompiledScenario, CorridorSession } from './session.js';
import type { CorridorData, Lever, Scenario, UpgradeCandidate } from './types.js';
import type { MeasureSelection } from '../model/measure.js';
import { countedEdges } from './measure-edges.js';
import { capacityGroups } from './capacity-groups.js';
import { cheapestAtOptimum, throughputLimit, type ThroughputLimit } from './optimize-limits.js';

export interface OptimizationRequest {
  objective: 'min_cost' | 'max_throughput' | 'meet_target';
  budgetMusd?: number;
  targetMt?: number;
  /** What counts as throughput: a region measure's definition (region.yaml), counted as a sum over its links. */
  throughput: MeasureSelection;
  /** How the report names the measure. */
  throughputLabel?: string;
  candidates: UpgradeCandidate[];
  /**
   * For throughput objectives: the total transport cost may exceed the system optimum without upgrades by at most
   * this fraction (default 0.02), so the corridor only gains cargo for which it is nearly as good as the alternative.
   */
  costSlack?: number;
}

export interface OptimizationReport {
  scenario: string;
  year: number;
  objective: OptimizationRequest['objective'];
  status: string;
  optimal: boolean;
  /** When meet_target is infeasible: the most the corridor can carry with every candidate built. */
  maxAchievableMt?: number;
  /**
   * What holds the throughput down (of the widest corridor when meet_target is infeasible): capacity (then the figure
   * is an upper bound, blank capacities counting as unlimited), the demand table, or the cost slack.
   */
  limit?: ThroughputLimit;
  chosen: { id: string; name: string; costMusd: number }[];
  capitalCostMusd: number;
  throughputMt: number;
  throughputMeasure: string;
  transportCostMusdPerYr: number;
  unservedMt: number;
  demandMt: number;
  groups: { name: string; flowMt: number; capacityMt: number; utilization: number }[];
}

/** ε weight of the transport cost when the objective is throughput or upgrade cost: a tie-breaker only. */
const EPSILON = 1e-4;

interface CorridorMcf {
  problem: CorridorProblem;
  mcf: McfProblem;
  /** Commodity k of the LP is (origin zone, class). */
  commodities: { origin: number; cls: number }[];
}

/**
 * The corridor problem the LP is built on: the compiled scenario's state with the candidate links opened (each is
 * gated by its binary variable), costed on the session's reference graph. Levers are not applied again.
 */
function lpProblem(
  session: CorridorSession,
  compiled: CompiledScenario,
  candidates: readonly UpgradeCandidate[],
): CorridorProblem {
  const { parameters } = session;
  const { scenario } = compiled;
  const opening: Lever[] = candidates
    .filter((candidate) => candidate.action === 'open_link')
    .map((candidate) => ({
      type: 'open_link',
      link: candidate.element.id,
      openingYear: scenario.year,
      status: 'operational',
    }));
  const state = applyLevers(compiled.state, opening);
  const flows = demandForYear(state.demand, scenario.year);
  const graph = buildCorridorGraph(state.network, scenario.year, parameters.congestion, state.entryPremiums);
  return buildProblem(
    graph,
    flows,
    commodityClasses(session.data.commodities, 'commodity'),
    parameters.outsideOptionFactor,
    session.referenceGraph(),
  );
}

/** The candidate links a problem opens: problems that open the same links are the same problem. */
const openingKey = (candidates: readonly UpgradeCandidate[]) =>
  candidates
    .filter((candidate) => candidate.action === 'open_link')
    .map((candidate) => candidate.element.id)
    .join('\n');

/**
 * The optimization model of a scenario: system-optimal min-cost multicommodity flow at free-flow generalized costs
 * (commodity = origin × class, outside options included so every demand can be met), with capacity rows per
 * element — a port's row is its total handling (loading + unloading on every water layer), which the assignment
 * can only approximate per berth edge — and candidate upgrades as binary variables.
 */
function corridorMcf(problem: CorridorProblem, data: CorridorData, request: OptimizationRequest): CorridorMcf {
  const { graph } = problem;
  const totalDemand = problem.pairs.reduce((sum, pair) => sum + pair.mt, 0);
  const { links, nodes } = graph.network;

  const groups: (McfCapacityGroup & { kind: string; ref: string })[] = capacityGroups(graph);
  const capitalRecovery = requiredParameter(data.parameters, CORRIDOR_PARAMETERS.capitalRecoveryFactor);
  request.candidates.forEach((candidate, j) => {
    if (candidate.action === 'open_link') {
      const index = links.findIndex((link) => link.id === candidate.element.id);
      const edges: number[] = [];
      for (let e = 0; e < graph.edgeCount; e++) if (graph.kind[e] === CE_LINK && graph.ref[e] === index) edges.push(e);
      groups.push({
        name: `open ${candidate.element.id}`,
        edges,
        capacity: 0,
        upgrades: [{ candidate: j, add: totalDemand }],
        kind: 'gate',
        ref: candidate.id,
      });
      return;
    }
    const add = candidate.capacityMtPerYr ?? 0;
    for (const group of groups) {
      const { element } = candidate;
      const hits =
        (element.kind === 'corridor' &&
          group.kind === 'link' &&
          links.find((link) => link.id === group.ref)?.corridors.includes(element.id)) ||
        (element.kind === 'link' && group.kind === 'link' && group.ref === element.id) ||
        (element.kind === 'node' && (group.kind === 'border' || group.kind === 'port') && group.ref === element.id);
      if (hits) group.upgrades = [...(group.upgrades ?? []), { candidate: j, add }];
    }
  });

  // Counted edges: the measure's links in the directions it counts, and whether each enters the crossing country.
  const counted = countedEdges(graph, request.throughput);
  const crossing = request.throughput.crossing;

  const commodities: CorridorMcf['commodities'] = [];
  const mcfCommodities: McfProblem['commodities'] = [];
  const costByClass = problem.classes.map((_, c) =>
    classCosts(problem, c, undefined, new Float64Array(problem.edgeCount)),
  );
  for (const pair of problem.pairs) {
    let k = commodities.findIndex((c) => c.origin === pair.from && c.cls === pair.cls);
    if (k < 0) {
      k = commodities.length;
      commodities.push({ origin: pair.from, cls: pair.cls });
      mcfCommodities.push({ source: pair.from, sinks: [], cost: costByClass[pair.cls]! });
    }
    mcfCommodities[k]!.sinks.push({ vertex: pair.to, amount: pair.mt });
  }
  // A commodity counts when it crosses in its natural direction: into the country from outside, out of it from
  // inside (without a crossing country, on every counted edge); its demand caps what it adds.
  const throughput = commodities.flatMap((c, k) => {
    const inside = nodes[c.origin]!.country === crossing;
    return counted
      .filter((g) => crossing === undefined || g.inbound !== inside)
      .map((g) => ({ commodity: k, edge: g.edge }));
  });
  const objective: McfObjective =
    request.objective === 'min_cost'
      ? { kind: 'min_cost', ...(request.budgetMusd === undefined ? {} : { budget: request.budgetMusd }) }
      : request.objective === 'max_throughput'
        ? { kind: 'max_throughput', budget: request.budgetMusd ?? 0, throughput, epsilon: EPSILON }
        : { kind: 'meet_target', target: request.targetMt ?? 0, throughput, epsilon: EPSILON };
  const mcf: McfProblem = {
    vertexCount: graph.vertexCount,
    tail: problem.tail,
    head: problem.head,
    noThrough: (v) => v < graph.zoneCount,
    commodities: mcfCommodities,
    groups: groups.map(({ name, edges, capacity, upgrades }) => ({
      name,
      edges,
      capacity,
      ...(upgrades ? { upgrades } : {}),
    })),
    candidates: request.candidates.map((candidate) => ({
      id: candidate.id,
      cost: candidate.costMusd,
      annualCost: candidate.costMusd * capitalRecovery,
    })),
    objective,
  };
  return { problem, mcf, commodities };
}

/**
 * Optimizes a compiled scenario. The LPs it solves (the optimum without upgrades that caps the transport cost, the
 * model itself and, when a target cannot be met, the widest corridor) share one corridor problem whenever they open
 * the same candidate links.
 */
export async function optimizeScenario(
  session: CorridorSession,
  compiled: CompiledScenario,
  request: OptimizationRequest,
  solve: LpSolver,
): Promise<OptimizationReport> {
  const problems = new Map<string, CorridorProblem>();
  const mcfFor = (wanted: OptimizationRequest): CorridorMcf => {
    const key = openingKey(wanted.candidates);
    let problem = problems.get(key);
    if (problem === undefined) {
      problem = lpProblem(session, compiled, wanted.candidates);
      problems.set(key, problem);
    }
    return corridorMcf(problem, session.data, wanted);
  };
  const { scenario } = compiled;
  const model = mcfFor(request);
  if (request.objective !== 'min_cost') {
    const optimum = await solveMcf(mcfFor({ ...request, objective: 'min_cost', candidates: [] }).mcf, solve);
    if (optimum.optimal) model.mcf.costCap = optimum.transportCost * (1 + (request.costSlack ?? 0.02));
  }
  const result = await cheapestAtOptimum(model.mcf, await solveMcf(model.mcf, solve), solve);
  const report = describe(model, result, scenario, request);
  const limit = await throughputLimit(model.mcf, result, solve);
  if (limit !== undefined) report.limit = limit;
  if (request.objective === 'meet_target' && !result.optimal) {
    const widest = mcfFor({
      ...request,
      objective: 'max_throughput',
      budgetMusd: request.candidates.reduce((s, c) => s + c.costMusd, 0),
    });
    if (model.mcf.costCap !== undefined) widest.mcf.costCap = model.mcf.costCap;
    const best = await solveMcf(widest.mcf, solve);
    if (best.optimal) {
      report.maxAchievableMt = best.throughput;
      const widestLimit = await throughputLimit(widest.mcf, best, solve);
      if (widestLimit !== undefined) report.limit = widestLimit;
    }
  }
  return report;
}

function describe(
  model: CorridorMcf,
  result: McfResult,
  scenario: Scenario,
  request: OptimizationRequest,
): OptimizationReport {
  const { problem, mcf } = model;
  const total = new Float64Array(problem.edgeCount);
  for (const f of result.flow) for (let e = 0; e < f.length; e++) total[e]! += f[e]!;
  const chosen = request.candidates.filter((_, j) => result.chosen[j]);
  return {
    scenario: scenario.name,
    year: scenario.year,
    objective: request.objective,
    status: result.status,
    optimal: result.optimal,
    chosen: chosen.map((c) => ({ id: c.id, name: c.name, costMusd: c.costMusd })),
    capitalCostMusd: chosen.reduce((sum, c) => sum + c.costMusd, 0),
    throughputMt:
      request.objective !== 'min_cost'
        ? result.throughput
        : countedEdges(problem.graph, request.throughput).reduce((sum, g) => sum + total[g.edge]!, 0),
    throughputMeasure: request.throughputLabel ?? measureText(request.throughput),
    transportCostMusdPerYr: result.transportCost,
    unservedMt: problem.pairs.reduce((sum, pair) => sum + total[pair.outsideEdge]!, 0),
    demandMt: problem.pairs.reduce((sum, pair) => sum + pair.mt, 0),
    groups: mcf.groups
      .map((group) => {
        const flowMt = group.edges.reduce((sum, e) => sum + total[e]!, 0);
        const capacityMt =
          group.capacity + (group.upgrades ?? []).reduce((sum, u) => sum + (result.chosen[u.candidate] ? u.add : 0), 0);
        return {
          name: group.name,
          flowMt,
          capacityMt,
          utilization: capacityMt > 0 ? flowMt / capacityMt : flowMt > 0 ? Infinity : 0,
        };
      })
      .filter((group) => group.flowMt > 1e-9)
      .sort((a, b) => b.utilization - a.utilization),
  };
}

/** A measure in words when it has no label of its own. */
function measureText(selection: MeasureSelection): string {
  const where = selection.links?.join(', ') ?? `${selection.corridor} links`;
  return selection.crossing === undefined
    ? `tonnes on ${where}`
    : `tonnes crossing the ${selection.crossing} frontier on ${where}`;
}
