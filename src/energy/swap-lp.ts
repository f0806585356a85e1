import { coef, signedTerm, terms, type LpSolver } from '../corridor/lp.js';
import type { EnergyLink, Swap, SwapLeg } from './types.js';

/**
 * Swaps as one LP: each swap's two legs are flows over the links of their commodity, tied by one volume variable
 * (intake v, delivery v × exchange rate × (1 − fee)). Links limit the net flow of all swaps together (opposite
 * flows displace each other, as gas and power do). Maximizes the weighted volumes, with a tiny cost per km so flow
 * takes short paths and never loops. Pure: writes LP text and reads the solution; the solver is injected.
 */

export interface SwapFlowInput {
  /** The links flow may use (operational ones, after levers); their order is the order of the results. */
  links: readonly EnergyLink[];
  /** Each swap's volume lies in [floor, cap] (floor 0 by default); the objective weighs it by `weight`. */
  swaps: readonly { swap: Swap; weight: number; cap: number; floor?: number }[];
}

export interface SwapFlowResult {
  status: string;
  optimal: boolean;
  /** Intake volume per swap. */
  volume: Float64Array;
  /** Net flow per swap and link, signed in the link's from → to direction: flow[s][e]. */
  flow: Float64Array[];
  /** |dual| of each link's capacity row (the larger of the two of a two-way link); 0 when it has none. */
  shadowPrice: Float64Array;
}

/** Per-km cost, small against any weight so that it only breaks ties between paths. */
const KM_COST = 1e-9;
const DEFAULT_KM = 100;

/** The delivery units per intake unit: the exchange rate net of the fee the host keeps. */
export const deliveryFactor = (swap: Swap): number => swap.exchangeRate * (1 - (swap.feePct ?? 0) / 100);

export function buildSwapLp(input: SwapFlowInput): string {
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const capacityTerms = input.links.map(() => [] as { name: string; sign: number }[]);

  input.swaps.forEach(({ swap, weight, cap, floor }, s) => {
    objective.push(signedTerm(weight, `v${s}`, objective.length === 0));
    bounds.push(` ${coef(floor ?? 0)} <= v${s} <= ${coef(cap)}`);
    const legs: [SwapLeg, number][] = [
      [swap.intake, 1],
      [swap.delivery, deliveryFactor(swap)],
    ];
    legs.forEach(([leg, factor], l) => {
      const out = new Map<string, string[]>();
      const into = new Map<string, string[]>();
      const add = (map: Map<string, string[]>, point: string, term: string) =>
        map.set(point, [...(map.get(point) ?? []), term]);
      input.links.forEach((link, e) => {
        if (link.commodity !== leg.commodity) return;
        const cost = -kmCost(link);
        const forward = `x${s}_${l}_${e}`;
        objective.push(signedTerm(cost, forward, false));
        add(out, link.from, forward);
        add(into, link.to, forward);
        capacityTerms[e]!.push({ name: forward, sign: 1 });
        if (link.bidirectional) {
          const backward = `y${s}_${l}_${e}`;
          objective.push(signedTerm(cost, backward, false));
          add(out, link.to, backward);
          add(into, link.from, backward);
          capacityTerms[e]!.push({ name: backward, sign: -1 });
        }
      });
      const inject = leg.from.map((_, p) => `a${s}_${l}_${p}`);
      const withdraw = leg.to.map((_, p) => `b${s}_${l}_${p}`);
      rows.push(
        ` i${s}_${l}: ${terms([...inject.map((name, p) => signedTerm(1, name, p === 0)), signedTerm(-factor, `v${s}`, false)])} = 0`,
      );
      rows.push(
        ` w${s}_${l}: ${terms([...withdraw.map((name, p) => signedTerm(1, name, p === 0)), signedTerm(-factor, `v${s}`, false)])} = 0`,
      );
      const points = new Set([...out.keys(), ...into.keys(), ...leg.from, ...leg.to]);
      for (const point of [...points].sort()) {
        const parts: string[] = [];
        for (const name of out.get(point) ?? []) parts.push(signedTerm(1, name, parts.length === 0));
        for (const name of into.get(point) ?? []) parts.push(signedTerm(-1, name, parts.length === 0));
        leg.from.forEach((id, p) => {
          if (id === point) parts.push(signedTerm(-1, inject[p]!, parts.length === 0));
        });
        leg.to.forEach((id, p) => {
          if (id === point) parts.push(signedTerm(1, withdraw[p]!, parts.length === 0));
        });
        rows.push(` n${s}_${l}_${rowSafe(point)}: ${terms(parts)} = 0`);
      }
    });
  });

  input.links.forEach((link, e) => {
    const parts = capacityTerms[e]!;
    if (link.capacity === undefined || parts.length === 0) return;
    const free = link.capacity - (link.reserved ?? 0);
    const forward = parts.map((part, i) => signedTerm(part.sign, part.name, i === 0));
    rows.push(` c${e}: ${terms(forward)} <= ${coef(free)}`);
    if (link.bidirectional) {
      const backward = parts.map((part, i) => signedTerm(-part.sign, part.name, i === 0));
      rows.push(` r${e}: ${terms(backward)} <= ${coef(free)}`);
    }
  });

  return ['Maximize', ` obj: ${terms(objective)}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'End', ''].join('\n');
}

const kmCost = (link: EnergyLink) => KM_COST * (link.km ?? DEFAULT_KM);

/** Point ids are slugs; LP names may not hold '-'. */
const rowSafe = (id: string) => id.replace(/-/g, '_');

export async function solveSwapFlow(input: SwapFlowInput, solve: LpSolver): Promise<SwapFlowResult> {
  const solution = await solve(buildSwapLp(input));
  const optimal = solution.status === 'Optimal';
  const value = (name: string) => (optimal ? Math.max(0, solution.values.get(name) ?? 0) : 0);
  const volume = Float64Array.from(input.swaps, (_, s) => value(`v${s}`));
  const flow = input.swaps.map((_, s) => {
    const net = new Float64Array(input.links.length);
    input.links.forEach((_, e) => {
      for (const l of [0, 1]) net[e]! += value(`x${s}_${l}_${e}`) - value(`y${s}_${l}_${e}`);
    });
    return net;
  });
  const shadowPrice = Float64Array.from(input.links, (_, e) =>
    Math.max(Math.abs(solution.duals?.get(`c${e}`) ?? 0), Math.abs(solution.duals?.get(`r${e}`) ?? 0)),
  );
  return { status: solution.status, optimal, volume, flow, shadowPrice };
}
