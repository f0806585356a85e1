import { solveMcf, type LpSolver, type McfProblem, type McfResult } from './lp.js';

/**
 * What holds an optimized throughput down, found by relaxing each kind of limit in turn with the chosen upgrades
 * built: a kind limits it when relaxing it raises the throughput.
 */
export interface ThroughputLimit {
  /**
   * capacity: without the capacities of links, crossings and ports it would be higher; demand: with twice the demand
   * table (same mix) it would be higher; transport_cost: without the cost cap (the slack over the system optimum) it
   * would be higher.
   */
  by: ('capacity' | 'demand' | 'transport_cost')[];
  /** Mt/yr more throughput each relaxation gives. */
  gainMt: { capacity: number; demand: number; transportCost: number };
  /** The capacity rows full at the optimum (flow ≥ 99.9% of capacity). */
  saturated: string[];
  /** The demand of the commodities that may count (each counts at most its demand), Mt/yr. */
  countableDemandMt: number;
  /** What the report says about it, in words. */
  note: string;
}

const GAIN = 1e-6;
/** Relative slack of the second solve's throughput floor: the first solve's own MIP tolerance is far wider. */
const FLOOR_SLACK = 1e-7;

/**
 * The cheapest set of upgrades that keeps a max_throughput optimum: the lexicographic second solve. Maximizing
 * throughput alone leaves the choice among upgrades that add nothing free (they cost nothing in that objective), so
 * the MILP may buy any of them within the budget. Solving again for the least upgrade cost with the throughput held
 * at its optimum breaks those ties exactly; an ε cost term in the first objective would instead trade throughput for
 * cost at the rate ε, which no choice of ε makes right for every budget and every unit.
 */
export async function cheapestAtOptimum(mcf: McfProblem, first: McfResult, solve: LpSolver): Promise<McfResult> {
  if (mcf.objective.kind !== 'max_throughput' || !first.optimal) return first;
  const floor = first.throughput * (1 - FLOOR_SLACK) - FLOOR_SLACK;
  const second = await solveMcf(
    {
      ...mcf,
      objective: {
        kind: 'meet_target',
        target: Math.max(0, floor),
        throughput: mcf.objective.throughput,
        epsilon: mcf.objective.epsilon,
      },
    },
    solve,
  );
  return second.optimal ? second : first;
}

/**
 * Why the throughput of a solved model is what it is. Duals cannot say it: the model is degenerate, and a dual is
 * only one subgradient, so a capacity of 0 (a candidate link left closed) can show a dual of 1 while opening it adds
 * nothing. Instead the model with the chosen upgrades built in (an LP, throughput alone) is solved as is, without the
 * capacities, with twice the demand and without the cost cap.
 */
export async function throughputLimit(
  mcf: McfProblem,
  result: McfResult,
  solve: LpSolver,
): Promise<ThroughputLimit | undefined> {
  if (mcf.objective.kind === 'min_cost' || !result.optimal) return undefined;
  const { throughput } = mcf.objective;
  const built: McfProblem = {
    ...mcf,
    groups: mcf.groups.map(({ upgrades, ...group }) => ({
      ...group,
      capacity: group.capacity + (upgrades ?? []).reduce((sum, u) => sum + (result.chosen[u.candidate] ? u.add : 0), 0),
    })),
    candidates: [],
    objective: { kind: 'max_throughput', budget: 0, throughput, epsilon: 0 },
  };
  const base = await solveMcf(built, solve);
  if (!base.optimal) return undefined;
  const gain = async (variant: McfProblem) => {
    const relaxed = await solveMcf(variant, solve);
    return relaxed.optimal ? Math.max(0, relaxed.throughput - base.throughput) : 0;
  };
  // Gates of candidate links left closed are no capacity of the network: they stay.
  const existing = new Set(
    mcf.groups.flatMap((group, g) =>
      (group.upgrades ?? []).some((u) => u.add > 0) && group.capacity === 0 ? [] : [g],
    ),
  );
  const gainMt = {
    capacity: await gain({ ...built, groups: built.groups.filter((_, g) => !existing.has(g)) }),
    demand: await gain({
      ...built,
      commodities: built.commodities.map((c) => ({
        ...c,
        sinks: c.sinks.map((s) => ({ ...s, amount: 2 * s.amount })),
      })),
      ...(built.costCap === undefined ? {} : { costCap: 2 * built.costCap }),
    }),
    transportCost: built.costCap === undefined ? 0 : await gain(withoutCostCap(built)),
  };
  const total = new Float64Array(mcf.tail.length);
  for (const f of base.flow) for (let e = 0; e < f.length; e++) total[e]! += f[e]!;
  const saturated = built.groups
    .filter(
      (group) => group.capacity > 0 && group.edges.reduce((sum, e) => sum + total[e]!, 0) >= 0.999 * group.capacity,
    )
    .map((group) => group.name)
    .sort();
  let countableDemandMt = 0;
  for (const k of new Set(throughput.map((t) => t.commodity)))
    countableDemandMt += mcf.commodities[k]!.sinks.reduce((sum, sink) => sum + sink.amount, 0);
  const by: ThroughputLimit['by'] = [];
  if (gainMt.capacity > GAIN) by.push('capacity');
  if (gainMt.demand > GAIN) by.push('demand');
  if (gainMt.transportCost > GAIN) by.push('transport_cost');
  return { by, gainMt, saturated, countableDemandMt, note: limitNote(by, gainMt, saturated, countableDemandMt) };
}

function limitNote(
  by: ThroughputLimit['by'],
  gainMt: ThroughputLimit['gainMt'],
  saturated: readonly string[],
  demandMt: number,
): string {
  const mt = (value: number) => value.toFixed(2);
  const parts: string[] = [];
  if (by.includes('capacity'))
    parts.push(
      `capacity-limited (without capacities +${mt(gainMt.capacity)} Mt/yr; full: ${saturated.join(', ') || 'none'}), so an upper bound: capacities left blank in the data count as unlimited`,
    );
  if (by.includes('demand'))
    parts.push(
      `demand-limited (twice the demand table, which offers ${mt(demandMt)} Mt/yr that may count, gives +${mt(gainMt.demand)} Mt/yr): the figure is not the corridor's capacity (caravan capacity)`,
    );
  if (by.includes('transport_cost'))
    parts.push(
      `limited by the cost slack (without it +${mt(gainMt.transportCost)} Mt/yr): more cargo would cross only at a higher total transport cost`,
    );
  return parts.length === 0
    ? 'Throughput is at its ceiling: no capacity, demand or cost limit binds.'
    : `Throughput is ${parts.join('; ')}.`;
}

function withoutCostCap(problem: McfProblem): McfProblem {
  const { costCap: _, ...rest } = problem;
  return rest;
}
