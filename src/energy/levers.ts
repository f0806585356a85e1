import { describeUnknown } from '../model/check-network.js';
import { fieldPath } from '../model/issues.js';
import type { EnergyCommodity, EnergyLink, EnergyNetwork } from './types.js';

/** What an energy scenario can change: a link's capacity, a planned or new link, a swap's volume or fee. */
export type EnergyLever =
  | { type: 'capacity'; link: string; value?: number; multiplier?: number; reserved?: number }
  | { type: 'open_link'; link: string; capacity?: number }
  | {
      type: 'add_link';
      id: string;
      name: string;
      from: string;
      to: string;
      commodity: EnergyCommodity;
      capacity?: number;
      km?: number;
      bidirectional: boolean;
    }
  | { type: 'swap_volume'; swap: string; value: number }
  | { type: 'swap_fee'; swap: string; pct?: number; musdPerUnit?: number };

export interface LeverIssue {
  /** `levers[2].link`: where in the scenario the problem is. */
  field: string;
  message: string;
}

/**
 * Applies levers in order to a copy of the energy network; every id a lever names is checked, and all problems come
 * back together (the network is then unusable). The input is never changed.
 */
export function applyEnergyLevers(
  energy: EnergyNetwork,
  levers: readonly EnergyLever[],
): { energy: EnergyNetwork; issues: LeverIssue[] } {
  const links = energy.links.map((link) => ({ ...link }));
  const swaps = energy.swaps.map((swap) => ({ ...swap }));
  const pointIds = new Set(energy.points.map((point) => point.id));
  const issues: LeverIssue[] = [];
  const at = (index: number, key: string) => fieldPath(['levers', index, key])!;
  const findLink = (id: string, index: number): EnergyLink | undefined => {
    const link = links.find((candidate) => candidate.id === id);
    if (link === undefined)
      issues.push({
        field: at(index, 'link'),
        message: describeUnknown(
          'energy link',
          id,
          links.map((l) => l.id),
        ),
      });
    return link;
  };
  const findSwap = (id: string, index: number) => {
    const swap = swaps.find((candidate) => candidate.id === id);
    if (swap === undefined)
      issues.push({
        field: at(index, 'swap'),
        message: describeUnknown(
          'swap',
          id,
          swaps.map((s) => s.id),
        ),
      });
    return swap;
  };

  levers.forEach((lever, index) => {
    switch (lever.type) {
      case 'capacity': {
        const link = findLink(lever.link, index);
        if (link === undefined) return;
        if (lever.multiplier !== undefined) {
          if (link.capacity === undefined) {
            issues.push({
              field: at(index, 'multiplier'),
              message: `link "${link.id}" has no published capacity to multiply; give a value`,
            });
            return;
          }
          link.capacity *= lever.multiplier;
        }
        if (lever.value !== undefined) link.capacity = lever.value;
        if (lever.reserved !== undefined) link.reserved = lever.reserved;
        if (link.reserved !== undefined && link.reserved > (link.capacity ?? 0))
          issues.push({
            field: at(index, 'reserved'),
            message: `expected ≤ the capacity of "${link.id}" (${link.capacity ?? 'none'}), got ${link.reserved}`,
          });
        return;
      }
      case 'open_link': {
        const link = findLink(lever.link, index);
        if (link === undefined) return;
        if (link.status === 'operational')
          issues.push({ field: at(index, 'link'), message: `link "${link.id}" is already operational` });
        link.status = 'operational';
        if (lever.capacity !== undefined) link.capacity = lever.capacity;
        return;
      }
      case 'add_link': {
        if (links.some((link) => link.id === lever.id))
          issues.push({ field: at(index, 'id'), message: `an energy link "${lever.id}" exists already` });
        for (const end of ['from', 'to'] as const)
          if (!pointIds.has(lever[end]))
            issues.push({ field: at(index, end), message: describeUnknown('energy point', lever[end], pointIds) });
        links.push({
          id: lever.id,
          name: lever.name,
          from: lever.from,
          to: lever.to,
          commodity: lever.commodity,
          ...(lever.capacity === undefined ? {} : { capacity: lever.capacity }),
          ...(lever.km === undefined ? {} : { km: lever.km }),
          status: 'operational',
          bidirectional: lever.bidirectional,
          sources: [],
          confidence: 'estimate',
          estimatedFields: ['capacity'],
          notes: `added by a scenario lever (levers[${index}])`,
        });
        return;
      }
      case 'swap_volume': {
        const swap = findSwap(lever.swap, index);
        if (swap === undefined) return;
        swap.volume = lever.value;
        if (swap.volumeLow !== undefined && swap.volumeLow > lever.value) swap.volumeLow = lever.value;
        return;
      }
      case 'swap_fee': {
        const swap = findSwap(lever.swap, index);
        if (swap === undefined) return;
        if (lever.pct !== undefined) swap.feePct = lever.pct;
        if (lever.musdPerUnit !== undefined) swap.feeMusdPerUnit = lever.musdPerUnit;
        return;
      }
    }
  });
  return { energy: { points: energy.points, links, swaps }, issues };
}
