/**
 * Min-cost multicommodity flow with shared capacities and optional binary capacity upgrades, written as an LP/MILP
 * in CPLEX LP format for an external solver (HiGHS). Pure: builds text and reads a solution; solving is injected.
 */

export interface McfCommodity {
  /** The vertex the commodity's flow leaves. */
  source: number;
  sinks: { vertex: number; amount: number }[];
  /** Cost per unit on each edge; a non-finite cost means the commodity may not use the edge. */
  cost: ArrayLike<number>;
}

export interface McfCapacityGroup {
  name: string;
  /** Edges whose total flow (all commodities) is limited. */
  edges: readonly number[];
  capacity: number;
  /** Capacity added when a candidate upgrade is chosen. */
  upgrades?: { candidate: number; add: number }[];
}

export interface McfCandidate {
  id: string;
  /** Capital cost, counted against the budget. */
  cost: number;
  /** Cost per year in the objective's units (annualized capital cost). */
  annualCost: number;
}

export type McfObjective =
  | { kind: 'min_cost'; budget?: number }
  | { kind: 'max_throughput'; budget: number; throughput: readonly ThroughputTerm[]; epsilon: number }
  | { kind: 'meet_target'; target: number; throughput: readonly ThroughputTerm[]; epsilon: number };

/**
 * A commodity's flow on an edge that counts as corridor throughput. Each commodity's counted flow is capped at its
 * total demand (a row per commodity), so flow sent round a loop through the gateway cannot inflate it.
 */
export interface ThroughputTerm {
  commodity: number;
  edge: number;
}

export interface McfProblem {
  vertexCount: number;
  tail: ArrayLike<number>;
  head: ArrayLike<number>;
  /** Vertices that flow may end at or start from but never pass (zones), other than a commodity's own source. */
  noThrough?: (vertex: number) => boolean;
  commodities: McfCommodity[];
  groups: McfCapacityGroup[];
  candidates: McfCandidate[];
  objective: McfObjective;
  /** Upper bound on the total transport cost Σ cost · flow (e.g. the system optimum plus a slack). */
  costCap?: number;
}

export interface LpSolution {
  status: string;
  objective: number;
  values: ReadonlyMap<string, number>;
  /** Row name → dual value (shadow price), for LPs whose solver reports them (not MIPs). */
  duals?: ReadonlyMap<string, number>;
}

/** Solves an LP given as CPLEX LP text. The adapter wraps HiGHS; tests may pass another solver. */
export type LpSolver = (lp: string) => Promise<LpSolution>;

export interface McfResult {
  status: string;
  optimal: boolean;
  objective: number;
  /** flow[k][e]: commodity k on edge e. */
  flow: Float64Array[];
  chosen: boolean[];
  transportCost: number;
  throughput: number;
  /** Dual value of each capacity group's row (0 when the solver gives none, or the group has no row). */
  groupDuals: Float64Array;
  /** Every row's dual by row name (g<group>, t<commodity>, cost, target, budget), when the solver gives them. */
  rowDuals: ReadonlyMap<string, number>;
}

const flowName = (k: number, e: number) => `x${k}_${e}`;
const pickName = (j: number) => `y${j}`;

/** Which (commodity, edge) pairs get a variable: finite cost, and not leaving a no-through vertex other than the source. */
export function usableEdges(problem: McfProblem, k: number): number[] {
  const commodity = problem.commodities[k]!;
  const edges: number[] = [];
  for (let e = 0; e < problem.tail.length; e++) {
    if (!Number.isFinite(commodity.cost[e]!)) continue;
    const from = problem.tail[e]!;
    if (from !== commodity.source && problem.noThrough?.(from)) continue;
    edges.push(e);
  }
  return edges;
}

export function terms(parts: string[]): string {
  // Keep lines short: the LP format allows a constraint to continue on the next line.
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

export const coef = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toPrecision(12).replace(/\.?0+$/, '');
export const signedTerm = (value: number, name: string, first: boolean) => {
  const sign = value < 0 ? '-' : first ? '' : '+';
  return `${sign} ${coef(Math.abs(value))} ${name}`.trim();
};

/** The problem as CPLEX LP text. */
export function buildLp(problem: McfProblem): string {
  const usable = problem.commodities.map((_, k) => usableEdges(problem, k));
  const hasVar = problem.commodities.map((_, k) => new Set(usable[k]));
  const { objective } = problem;
  const objectiveTerms: string[] = [];
  const transportWeight = objective.kind === 'min_cost' ? 1 : objective.epsilon;
  const sense = objective.kind === 'max_throughput' ? 'Maximize' : 'Minimize';
  // Maximize throughput − ε·transport cost; minimize transport cost (+ annualized upgrades) or upgrade cost + ε·transport.
  const transportSign = objective.kind === 'max_throughput' ? -1 : 1;
  problem.commodities.forEach((commodity, k) => {
    for (const e of usable[k]!) {
      const c = transportSign * transportWeight * commodity.cost[e]!;
      if (c !== 0) objectiveTerms.push(signedTerm(c, flowName(k, e), objectiveTerms.length === 0));
    }
  });
  const counted =
    objective.kind === 'min_cost' ? [] : objective.throughput.filter((t) => hasVar[t.commodity]!.has(t.edge));
  if (objective.kind === 'max_throughput') {
    for (const t of counted)
      objectiveTerms.push(signedTerm(1, flowName(t.commodity, t.edge), objectiveTerms.length === 0));
  }
  problem.candidates.forEach((candidate, j) => {
    const c =
      objective.kind === 'min_cost' ? candidate.annualCost : objective.kind === 'meet_target' ? candidate.cost : 0;
    if (c !== 0) objectiveTerms.push(signedTerm(c, pickName(j), objectiveTerms.length === 0));
  });
  const lines: string[] = [
    sense,
    ` obj: ${objectiveTerms.length === 0 ? '0 y_none' : terms(objectiveTerms)}`,
    'Subject To',
  ];

  // Flow conservation: out − in = supply.
  problem.commodities.forEach((commodity, k) => {
    const out = new Map<number, number[]>();
    const into = new Map<number, number[]>();
    for (const e of usable[k]!) {
      const t = problem.tail[e]!;
      const h = problem.head[e]!;
      out.set(t, [...(out.get(t) ?? []), e]);
      into.set(h, [...(into.get(h) ?? []), e]);
    }
    const supply = new Map<number, number>();
    for (const sink of commodity.sinks) {
      supply.set(sink.vertex, (supply.get(sink.vertex) ?? 0) - sink.amount);
      supply.set(commodity.source, (supply.get(commodity.source) ?? 0) + sink.amount);
    }
    const vertices = new Set<number>([...out.keys(), ...into.keys(), ...supply.keys()]);
    for (const v of [...vertices].sort((a, b) => a - b)) {
      const parts: string[] = [];
      for (const e of out.get(v) ?? []) parts.push(signedTerm(1, flowName(k, e), parts.length === 0));
      for (const e of into.get(v) ?? []) parts.push(signedTerm(-1, flowName(k, e), parts.length === 0));
      const rhs = supply.get(v) ?? 0;
      if (parts.length === 0) {
        if (rhs !== 0) parts.push('0 y_none');
        else continue;
      }
      lines.push(` n${k}_${v}: ${terms(parts)} = ${coef(rhs)}`);
    }
  });
  // Capacities.
  problem.groups.forEach((group, g) => {
    const parts: string[] = [];
    for (const e of group.edges)
      problem.commodities.forEach((_, k) => {
        if (hasVar[k]!.has(e)) parts.push(signedTerm(1, flowName(k, e), parts.length === 0));
      });
    if (parts.length === 0) return;
    for (const upgrade of group.upgrades ?? [])
      parts.push(signedTerm(-upgrade.add, pickName(upgrade.candidate), false));
    lines.push(` g${g}: ${terms(parts)} <= ${coef(group.capacity)}`);
  });
  if ((objective.kind === 'min_cost' && objective.budget !== undefined) || objective.kind === 'max_throughput') {
    const parts = problem.candidates.map((candidate, j) => signedTerm(candidate.cost, pickName(j), j === 0));
    if (parts.length > 0) lines.push(` budget: ${terms(parts)} <= ${coef(objective.budget ?? 0)}`);
  }
  if (objective.kind === 'meet_target') {
    const parts = counted.map((t, i) => signedTerm(1, flowName(t.commodity, t.edge), i === 0));
    lines.push(` target: ${parts.length === 0 ? '0 y_none' : terms(parts)} >= ${coef(objective.target)}`);
  }
  problem.commodities.forEach((commodity, k) => {
    const mine = counted.filter((t) => t.commodity === k);
    if (mine.length === 0) return;
    const demand = commodity.sinks.reduce((sum, sink) => sum + sink.amount, 0);
    lines.push(` t${k}: ${terms(mine.map((t, i) => signedTerm(1, flowName(k, t.edge), i === 0)))} <= ${coef(demand)}`);
  });
  if (problem.costCap !== undefined) {
    const parts: string[] = [];
    problem.commodities.forEach((commodity, k) => {
      for (const e of usable[k]!)
        if (commodity.cost[e]! !== 0) parts.push(signedTerm(commodity.cost[e]!, flowName(k, e), parts.length === 0));
    });
    if (parts.length > 0) lines.push(` cost: ${terms(parts)} <= ${coef(problem.costCap)}`);
  }
  lines.push('Bounds', ' y_none = 0');
  if (problem.candidates.length > 0) {
    lines.push('Binary');
    lines.push(` ${problem.candidates.map((_, j) => pickName(j)).join(' ')}`);
  }
  lines.push('End');
  return `${lines.join('\n')}\n`;
}

/** Builds, solves and reads back the problem. */
export async function solveMcf(problem: McfProblem, solve: LpSolver): Promise<McfResult> {
  const solution = await solve(buildLp(problem));
  const optimal = solution.status === 'Optimal';
  const flow = problem.commodities.map(() => new Float64Array(problem.tail.length));
  let transportCost = 0;
  problem.commodities.forEach((commodity, k) => {
    for (const e of usableEdges(problem, k)) {
      const value = Math.max(0, solution.values.get(flowName(k, e)) ?? 0);
      flow[k]![e] = value;
      transportCost += value * commodity.cost[e]!;
    }
  });
  const chosen = problem.candidates.map((_, j) => (solution.values.get(pickName(j)) ?? 0) > 0.5);
  const counted = problem.objective.kind === 'min_cost' ? [] : problem.objective.throughput;
  let throughput = 0;
  for (const t of counted) throughput += flow[t.commodity]![t.edge]!;
  const groupDuals = Float64Array.from(problem.groups, (_, g) => solution.duals?.get(`g${g}`) ?? 0);
  return {
    status: solution.status,
    optimal,
    objective: solution.objective,
    flow,
    chosen,
    transportCost,
    throughput,
    groupDuals,
    rowDuals: solution.duals ?? new Map(),
  };
}
