import type { LpSolver } from '../corridor/lp.js';
import { legLinks } from './reach.js';
import { deliveryFactor, solveSwapFlow } from './swap-lp.js';
import { COMMODITY_UNITS, type EnergyCommodity, type EnergyLink, type EnergyNetwork, type Swap } from './types.js';

/** Swaps counted in the joint run at their published volume: those running or signed. */
export const ACTIVE_SWAP_STATUSES: readonly Swap['status'][] = ['operating', 'agreed'];

/** The bound on a swap's volume when it is computed alone; reaching it means no link with a figure limits it. */
const UNBOUNDED = 1e6;
const TOLERANCE = 1e-6;

export interface BindingElement {
  link: string;
  name: string;
  leg: 'intake' | 'delivery';
  /** Extra swap volume per unit of extra capacity of this link (the LP dual). */
  shadowPrice: number;
}

export interface SwapReport {
  id: string;
  name: string;
  status: Swap['status'];
  supplier: string;
  host: string;
  recipient: string;
  intakeCommodity: EnergyCommodity;
  deliveryCommodity: EnergyCommodity;
  /** Unit of the volumes (the intake commodity's) and of the delivery. */
  unit: string;
  deliveryUnit: string;
  /** The published volume (upper figure of a published range), or null. */
  contracted: number | null;
  contractedLow: number | null;
  /** The most this swap alone could move over the operational links; null when no link with a figure limits it. */
  possible: number | null;
  limit: 'capacity' | 'unlimited' | 'no_path';
  /** Which leg has no path, when limit is no_path. */
  noPathLeg: 'intake' | 'delivery' | null;
  binding: BindingElement[];
  /** Volume the network carries when every active swap runs at its published volume together; null if not active. */
  feasible: number | null;
  /**
   * The most this swap can move while every other active swap keeps its feasible volume (null: no limit); for a swap
   * not active, its possible volume beside the active ones.
   */
  headroom: number | null;
  /** Delivery at the feasible volume, in deliveryUnit. */
  delivered: number | null;
  feePct: number | null;
  /** Intake the host keeps as its fee at the feasible volume, in unit. */
  feeInKind: number | null;
  /** Cash fee at the feasible volume, million USD per year. */
  feeRevenueMusd: number | null;
  /** Links either leg could route over. */
  links: string[];
}

export interface LinkReport {
  id: string;
  name: string;
  commodity: EnergyCommodity;
  unit: string;
  status: EnergyLink['status'];
  capacity: number | null;
  /** Capacity held for flows that are not swaps (counted in the utilization). */
  reserved: number;
  /** Net flow of the active swaps at their published volumes (from → to positive). */
  flow: number;
  /** (|flow| + reserved) / capacity; null without a capacity figure. */
  utilization: number | null;
  /** Active swaps with flow on this link in the joint run. */
  swaps: string[];
}

export interface EnergyReport {
  swaps: SwapReport[];
  links: LinkReport[];
  /** Status of the joint LP (Optimal when every active swap fits or is cut back to what fits). */
  jointStatus: string;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Each swap's physical maximum and binding element, then all active swaps together at their published volumes. */
export async function analyzeSwaps(energy: EnergyNetwork, solve: LpSolver): Promise<EnergyReport> {
  const links = energy.links.filter((link) => link.status === 'operational');
  const swapReports: SwapReport[] = [];
  for (const swap of energy.swaps) {
    const intakeLinks = legLinks(links, swap.intake);
    const deliveryLinks = legLinks(links, swap.delivery);
    const alone = await solveSwapFlow({ links, swaps: [{ swap, weight: 1, cap: UNBOUNDED }] }, solve);
    if (!alone.optimal) throw new Error(`the LP of swap ${swap.id} ended ${alone.status}`);
    const volume = alone.volume[0]!;
    const limit = volume >= UNBOUNDED * (1 - TOLERANCE) ? 'unlimited' : volume <= TOLERANCE ? 'no_path' : 'capacity';
    const binding: BindingElement[] = [];
    if (limit === 'capacity') {
      links.forEach((link, e) => {
        const price = alone.shadowPrice[e]!;
        if (price <= TOLERANCE) return;
        const leg = intakeLinks.has(e) ? 'intake' : 'delivery';
        binding.push({ link: link.id, name: link.name, leg, shadowPrice: round(price) });
      });
      binding.sort((a, b) => b.shadowPrice - a.shadowPrice || a.link.localeCompare(b.link));
    }
    swapReports.push({
      id: swap.id,
      name: swap.name,
      status: swap.status,
      supplier: swap.supplier,
      host: swap.host,
      recipient: swap.recipient,
      intakeCommodity: swap.intake.commodity,
      deliveryCommodity: swap.delivery.commodity,
      unit: COMMODITY_UNITS[swap.intake.commodity],
      deliveryUnit: COMMODITY_UNITS[swap.delivery.commodity],
      contracted: swap.volume ?? null,
      contractedLow: swap.volumeLow ?? null,
      possible: limit === 'unlimited' ? null : round(volume),
      limit,
      noPathLeg: limit !== 'no_path' ? null : intakeLinks.size === 0 ? 'intake' : 'delivery',
      binding,
      feasible: null,
      headroom: null,
      delivered: null,
      feePct: swap.feePct ?? null,
      feeInKind: null,
      feeRevenueMusd: null,
      links: [...new Set([...intakeLinks, ...deliveryLinks])].map((e) => links[e]!.id).sort(),
    });
  }

  const active = energy.swaps
    .map((swap, index) => ({ swap, index }))
    .filter(({ swap }) => ACTIVE_SWAP_STATUSES.includes(swap.status) && swap.volume !== undefined);
  const joint = await solveSwapFlow(
    { links, swaps: active.map(({ swap }) => ({ swap, weight: 1 / swap.volume!, cap: swap.volume! })) },
    solve,
  );
  active.forEach(({ swap, index }, s) => {
    const report = swapReports[index]!;
    const volume = joint.optimal ? joint.volume[s]! : 0;
    report.feasible = round(volume);
    report.delivered = round(volume * deliveryFactor(swap));
    report.feeInKind = swap.feePct === undefined ? null : round((volume * swap.feePct) / 100);
    report.feeRevenueMusd = swap.feeMusdPerUnit === undefined ? null : round(volume * swap.feeMusdPerUnit);
  });
  // Each swap's room to grow with the active swaps fixed at what fits of them.
  for (const [index, swap] of energy.swaps.entries()) {
    const others = active
      .filter((entry) => entry.index !== index)
      .map(({ swap: other, index: otherIndex }) => {
        const fixed = swapReports[otherIndex]!.feasible ?? 0;
        // A hair below, so that rounding of the fixed volume never makes the LP infeasible.
        return { swap: other, weight: 0, cap: fixed, floor: Math.max(0, fixed - TOLERANCE) };
      });
    const alone = await solveSwapFlow({ links, swaps: [{ swap, weight: 1, cap: UNBOUNDED }, ...others] }, solve);
    const volume = alone.optimal ? alone.volume[0]! : 0;
    swapReports[index]!.headroom = volume >= UNBOUNDED * (1 - TOLERANCE) ? null : round(volume);
  }
  const linkReports = links.map((link, e): LinkReport => {
    let net = 0;
    const using: string[] = [];
    active.forEach(({ swap }, s) => {
      const flow = joint.flow[s]![e]!;
      net += flow;
      if (Math.abs(flow) > TOLERANCE) using.push(swap.id);
    });
    return {
      id: link.id,
      name: link.name,
      commodity: link.commodity,
      unit: COMMODITY_UNITS[link.commodity],
      status: link.status,
      capacity: link.capacity ?? null,
      reserved: link.reserved ?? 0,
      flow: round(net),
      utilization: link.capacity === undefined ? null : round((Math.abs(net) + (link.reserved ?? 0)) / link.capacity),
      swaps: using,
    };
  });
  return { swaps: swapReports, links: linkReports, jointStatus: joint.status };
}
