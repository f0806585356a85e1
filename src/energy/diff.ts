import type { EnergyReport } from './analysis.js';

export interface SwapChange {
  id: string;
  unit: string;
  possibleBefore: number | null;
  possible: number | null;
  feasibleBefore: number | null;
  feasible: number | null;
  bindingBefore: string[];
  binding: string[];
  /** Whether the physical maximum, the feasible volume or the binding elements moved. */
  changed: boolean;
}

export interface LinkChange {
  id: string;
  unit: string;
  capacityBefore: number | null;
  capacity: number | null;
  utilizationBefore: number | null;
  utilization: number | null;
  /** Absent before the scenario (an added link), or not operational before it. */
  added: boolean;
}

export interface EnergyComparison {
  swaps: SwapChange[];
  /** Links whose capacity, utilization or presence differs. */
  links: LinkChange[];
}

const TOLERANCE = 1e-6;
const differs = (a: number | null, b: number | null) =>
  a === null || b === null ? a !== b : Math.abs(a - b) > TOLERANCE * Math.max(1, Math.abs(a));

/** A scenario's report beside the base's: every swap, and the links that differ. */
export function compareEnergy(base: EnergyReport, scenario: EnergyReport): EnergyComparison {
  const baseSwaps = new Map(base.swaps.map((swap) => [swap.id, swap]));
  const swaps = scenario.swaps.map((swap): SwapChange => {
    const before = baseSwaps.get(swap.id);
    const bindingBefore = before?.binding.map((element) => element.link) ?? [];
    const binding = swap.binding.map((element) => element.link);
    const possibleBefore = before?.possible ?? null;
    const feasibleBefore = before?.feasible ?? null;
    return {
      id: swap.id,
      unit: swap.unit,
      possibleBefore,
      possible: swap.possible,
      feasibleBefore,
      feasible: swap.feasible,
      bindingBefore,
      binding,
      changed:
        before === undefined ||
        before.limit !== swap.limit ||
        differs(possibleBefore, swap.possible) ||
        differs(feasibleBefore, swap.feasible) ||
        bindingBefore.join() !== binding.join(),
    };
  });
  const baseLinks = new Map(base.links.map((link) => [link.id, link]));
  const links: LinkChange[] = [];
  for (const link of scenario.links) {
    const before = baseLinks.get(link.id);
    const change: LinkChange = {
      id: link.id,
      unit: link.unit,
      capacityBefore: before?.capacity ?? null,
      capacity: link.capacity,
      utilizationBefore: before?.utilization ?? null,
      utilization: link.utilization,
      added: before === undefined,
    };
    if (
      change.added ||
      differs(change.capacityBefore, change.capacity) ||
      differs(change.utilizationBefore, change.utilization)
    )
      links.push(change);
  }
  return { swaps, links };
}
