import type { RecordOrigin } from '../model/types.js';
import type { Confidence, LinkStatus } from '../model/vocabulary.js';

/** What an energy link carries; each is its own layer and never meets freight or another commodity. */
export const ENERGY_COMMODITIES = ['gas', 'oil', 'power'] as const;
export type EnergyCommodity = (typeof ENERGY_COMMODITIES)[number];

/** The one unit every figure of a commodity is in: yearly volumes for gas and oil, average power for electricity. */
export const COMMODITY_UNITS: Record<EnergyCommodity, string> = {
  gas: 'bcm/yr',
  oil: 'Mt/yr',
  power: 'MW',
};

export const ENERGY_POINT_KINDS = ['field', 'hub', 'border', 'terminal', 'refinery', 'city', 'substation'] as const;
export type EnergyPointKind = (typeof ENERGY_POINT_KINDS)[number];

export const SWAP_STATUSES = ['operating', 'agreed', 'suspended', 'proposed', 'ended'] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];

export interface Provenance {
  sources: string[];
  confidence: Confidence;
  estimatedFields: string[];
  notes?: string;
  origin?: RecordOrigin;
}

/** A place an energy link starts or ends at: a field, a hub of a national grid, a border metering point, a terminal. */
export interface EnergyPoint extends Provenance {
  id: string;
  name: string;
  country: string;
  kind: EnergyPointKind;
  lat: number;
  lon: number;
}

/** A pipeline (gas, oil), a terminal's loading or unloading (oil) or a power interconnector. */
export interface EnergyLink extends Provenance {
  id: string;
  name: string;
  from: string;
  to: string;
  commodity: EnergyCommodity;
  /** In COMMODITY_UNITS of the commodity; absent when no figure is published, and then it never binds. */
  capacity?: number;
  /** Capacity held by flows that are not swaps (a published export contract); swaps get capacity − reserved. */
  reserved?: number;
  km?: number;
  /** Pipelines: inches; interconnectors: kV. */
  diameterIn?: number;
  voltageKv?: number;
  status: LinkStatus;
  openingYear?: number;
  /** Flow either way; opposite flows net out (displacement), so the net flow is what the capacity limits. */
  bidirectional: boolean;
}

/** One of the two deliveries of a swap: from any of `from` to any of `to` over links of `commodity`. */
export interface SwapLeg {
  commodity: EnergyCommodity;
  from: string[];
  to: string[];
}

/**
 * A swap: a supplier delivers into the host's system (`intake`), and the host delivers to the recipient from its own
 * system (`delivery`); the two net out. `volume` is the intake per year in the intake commodity's unit; the delivery
 * carries volume × exchangeRate × (1 − feePct/100).
 */
export interface Swap extends Provenance {
  id: string;
  name: string;
  supplier: string;
  host: string;
  recipient: string;
  intake: SwapLeg;
  delivery: SwapLeg;
  /** The published (contracted or reported) intake; absent for a proposal without a figure. */
  volume?: number;
  volumeLow?: number;
  /** Delivery units per intake unit (1 when both legs carry the same commodity). */
  exchangeRate: number;
  /** Share of the intake the host keeps as its fee, in percent. */
  feePct?: number;
  /** A cash fee in million USD per intake unit (per bcm, per Mt, per MW-year). */
  feeMusdPerUnit?: number;
  startYear?: number;
  endYear?: number;
  status: SwapStatus;
}

export interface EnergyNetwork {
  points: EnergyPoint[];
  links: EnergyLink[];
  swaps: Swap[];
}
