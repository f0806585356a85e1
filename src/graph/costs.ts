import { networkIndex } from '../model/network-index.js';
import { NETWORK_PARAMETERS } from '../model/parameters.js';
import { linkWaitH, type LinkServices } from '../model/services.js';
import type { Handling, Link, Network, NetworkNode, TransferRule } from '../model/types.js';
import type { EmissionCategory } from '../model/vocabulary.js';
import { EMISSION_CATEGORIES } from '../model/vocabulary.js';
import { isWaterMode } from './layers.js';

/** What a route's costs are counted per: one tonne, or one loaded twenty-foot container. */
export type CargoUnit = 't' | 'teu';
export const CARGO_UNITS: readonly CargoUnit[] = ['t', 'teu'];

/** The four quantities every step of a route adds up, per cargo unit. */
export interface StepCost {
  hours: number;
  usd: number;
  kgCo2e: number;
  km: number;
}

export const ZERO_COST: StepCost = Object.freeze({ hours: 0, usd: 0, kgCo2e: 0, km: 0 });

export interface CostContext {
  unit: CargoUnit;
  /** Tonnes in one cargo unit: 1 for tonnes, the network's t_per_teu for TEU. */
  tonnesPerUnit: number;
  gCo2ePerTkm: Readonly<Record<EmissionCategory, number>>;
  /** The scheduled services on each link id, whose frequency sets the wait for a departure. */
  linkServices: ReadonlyMap<string, LinkServices>;
}

export const TONNES_PER_TEU_KEY = NETWORK_PARAMETERS.tPerTeu.key;

/** The costing constants of a network for one cargo unit; throws when the network lacks one it needs. */
export function costContext(network: Network, unit: CargoUnit): CostContext {
  const factors = {} as Record<EmissionCategory, number>;
  for (const category of EMISSION_CATEGORIES) {
    const factor = network.emissionFactors.find((candidate) => candidate.mode === category);
    if (factor === undefined) throw new RangeError(`the network has no emission factor for "${category}"`);
    factors[category] = factor.gCo2ePerTkm;
  }
  let tonnesPerUnit = 1;
  const { linkServices } = networkIndex(network);
  if (unit === 'teu') {
    const { tPerTeu } = networkIndex(network).parameters;
    if (tPerTeu === undefined) {
      throw new RangeError(`costing per TEU needs the parameter "${TONNES_PER_TEU_KEY}" in parameters.csv`);
    }
    tonnesPerUnit = tPerTeu;
  }
  return { unit, tonnesPerUnit, gCo2ePerTkm: factors, linkServices };
}

/**
 * Moving along a link: running time plus the mean wait for a departure, half the interval between departures: those
 * of the scheduled services on the link (services.csv, plus their queue for space), else the link's own sailing
 * interval on a sea or ferry link.
 */
export function linkCost(link: Link, context: CostContext): StepCost {
  const waitH = linkWaitH(link, context.linkServices.get(link.id), isWaterMode(link.mode));
  const tariff = context.unit === 't' ? link.tariffUsdPerTkm : link.tariffUsdPerTeuKm;
  return {
    hours: link.km / link.speedKmh + waitH,
    usd: link.km * tariff,
    kgCo2e: (link.km * context.gCo2ePerTkm[link.mode] * context.tonnesPerUnit) / 1000,
    km: link.km,
  };
}

/** Passing a border crossing node: the median dwell and the crossing payments. */
export function borderCost(node: NetworkNode, context: CostContext): StepCost {
  if (node.border === undefined) return ZERO_COST;
  return {
    hours: node.border.dwellMedianH,
    usd: context.unit === 't' ? node.border.usdPerT : node.border.usdPerTeu,
    kgCo2e: 0,
    km: 0,
  };
}

/** Loading or unloading at a place: a transfer rule's figures or a port's own handling figures. */
export function handlingCost(figures: Handling | TransferRule, context: CostContext): StepCost {
  return {
    hours: figures.hours,
    usd: context.unit === 't' ? figures.usdPerT : figures.usdPerTeu,
    kgCo2e: (context.gCo2ePerTkm.transfer * context.tonnesPerUnit) / 1000,
    km: 0,
  };
}
