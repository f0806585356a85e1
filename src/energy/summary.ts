import { COMMODITY_UNITS, ENERGY_COMMODITIES, SWAP_STATUSES, type EnergyNetwork } from './types.js';

export interface EnergyLayerSummary {
  commodity: (typeof ENERGY_COMMODITIES)[number];
  unit: string;
  links: number;
  operational: number;
  /** Operational links with a published capacity (the others never bind). */
  withCapacity: number;
}

export interface EnergySummary {
  points: number;
  layers: EnergyLayerSummary[];
  swaps: { status: (typeof SWAP_STATUSES)[number]; count: number }[];
}

/** Counts per layer and per swap status: what the energy folder holds. */
export function summarizeEnergy(energy: EnergyNetwork): EnergySummary {
  return {
    points: energy.points.length,
    layers: ENERGY_COMMODITIES.map((commodity) => {
      const links = energy.links.filter((link) => link.commodity === commodity);
      const operational = links.filter((link) => link.status === 'operational');
      return {
        commodity,
        unit: COMMODITY_UNITS[commodity],
        links: links.length,
        operational: operational.length,
        withCapacity: operational.filter((link) => link.capacity !== undefined).length,
      };
    }),
    swaps: SWAP_STATUSES.map((status) => ({
      status,
      count: energy.swaps.filter((swap) => swap.status === status).length,
    })).filter((entry) => entry.count > 0),
  };
}
