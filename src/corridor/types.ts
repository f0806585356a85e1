import type { Link, Network, Parameter, Provenance, RecordOrigin } from '../model/types.js';
import type { LinkStatus, Mode } from '../model/vocabulary.js';

/** Commodity groups of the freight demand; each has its own value of time. */
export const COMMODITIES = ['grain', 'oil_products', 'metals_minerals', 'containers', 'other'] as const;
export type Commodity = (typeof COMMODITIES)[number];

/** One origin–destination flow of one commodity in one year, in Mt/yr. */
export interface DemandRow extends Provenance {
  from: string;
  to: string;
  commodity: Commodity;
  year: number;
  mtPerYr: number;
  origin?: RecordOrigin;
}

export interface CommodityParameters extends Provenance {
  commodity: Commodity;
  name: string;
  valueUsdPerT: number;
  /** USD per tonne-hour: what an hour in transit costs a shipper of this commodity. */
  valueOfTimeUsdPerTH: number;
  /** Modes the commodity can move by in bulk (e.g. no trucks for oil); empty = all. */
  modes: Mode[];
  origin?: RecordOrigin;
}

/**
 * Published tonnes of one country's trade with another in one commodity and year (all modes unless the row says
 * which zones it leaves or enters by): the base the zone matrix is built from.
 */
export interface TradeFlow extends Provenance {
  id: string;
  originCountry: string;
  destinationCountry: string;
  commodity: Commodity;
  year: number;
  mtPerYr: number;
  /** Zones the flow leaves from (empty: every zone of the origin country, by its weight). */
  originZones: string[];
  destinationZones: string[];
  origin?: RecordOrigin;
}

/** Where a country's trade of a commodity starts or ends: a network node and its weight (production, population). */
export interface ZoneWeight extends Provenance {
  zone: string;
  country: string;
  /** Blank: every commodity without rows of its own in this country. */
  commodity?: Commodity;
  role: 'origin' | 'destination' | 'both';
  weight: number;
  origin?: RecordOrigin;
}

/** Real GDP growth of a country over a period, % a year: the driver of its trade growth. */
export interface GrowthRate extends Provenance {
  country: string;
  fromYear: number;
  toYear: number;
  gdpGrowthPct: number;
  origin?: RecordOrigin;
}

/**
 * A published share of a market's tonnes that takes one element (a crossing, a port, a set of links): what the
 * route-choice model's dispersion is estimated from. The market is every pair from one of the origin countries to
 * one of the destination countries (of one commodity, when given).
 */
export interface ShareObservation {
  id: string;
  originCountries: string[];
  destinationCountries: string[];
  commodity?: Commodity;
  element: ElementRef;
  year: number;
  observedShare: number;
  use: 'fit' | 'validation';
  sources: string[];
  confidence: Provenance['confidence'];
  notes?: string;
  origin?: RecordOrigin;
}

/** A published volume the base year should reproduce: fitted by the calibration, or held back to validate it. */
export interface ObservedVolume {
  id: string;
  element: ElementRef;
  year: number;
  observedMt: number;
  tolerancePct: number;
  use: 'fit' | 'validation';
  sources: string[];
  confidence: Provenance['confidence'];
  notes?: string;
  origin?: RecordOrigin;
}

/** A network element named in data or scenario files: `link:ID`, `node:ID` or `corridor:ID`. */
export interface ElementRef {
  kind: 'link' | 'node' | 'corridor';
  id: string;
}

export interface UpgradeCandidate extends Provenance {
  id: string;
  name: string;
  element: ElementRef;
  action: 'add_capacity' | 'open_link';
  /** Added capacity in Mt/yr per direction (add_capacity). */
  capacityMtPerYr?: number;
  costMusd: number;
  origin?: RecordOrigin;
}

/** Everything the corridor model reads besides the network: demand, commodities, parameters, observations. */
export interface CorridorData {
  /** Zone-to-zone rows given directly (e.g. a flow no country statistic covers); added to the trade matrix. */
  demand: DemandRow[];
  trade: TradeFlow[];
  zones: ZoneWeight[];
  growth: GrowthRate[];
  /** The base-year matrix fitted to the counts (calibrated-od.csv), when the dataset has one. */
  calibratedDemand?: DemandRow[];
  commodities: CommodityParameters[];
  parameters: Parameter[];
  observed: ObservedVolume[];
  shares: ShareObservation[];
  candidates: UpgradeCandidate[];
  /** Calibration adjustments (tariff levers with provenance), applied to every scenario before its own levers. */
  calibration: CalibrationAdjustment[];
}

export interface CalibrationAdjustment extends Provenance {
  id: string;
  lever: Extract<Lever, { type: 'tariff' }>;
  origin?: RecordOrigin;
}

/** A USD/t charge on entering a country (e.g. a sanctions risk premium). */
export interface EntryPremium {
  country: string;
  usdPerT: number;
}

/** What the levers act on: the network, the demand rows and the country entry premiums. */
export interface ScenarioState {
  network: Network;
  demand: DemandRow[];
  entryPremiums: EntryPremium[];
}

export type Lever =
  | { type: 'border_dwell'; nodes: string[]; countries: string[]; multiplier: number }
  | { type: 'capacity'; link?: string; node?: string; multiplier?: number; value?: number }
  | { type: 'open_link'; link: string; openingYear?: number; status?: LinkStatus }
  | { type: 'add_link'; link: Link }
  | { type: 'tariff'; multiplier: number; modes: Mode[]; countries: string[]; links: string[]; corridors: string[] }
  | { type: 'risk_premium'; country: string; usdPerTOnEntry: number; tariffPercent: number }
  | {
      type: 'demand_growth';
      multiplier: number;
      commodities: Commodity[];
      pairs: { from: string; to: string }[];
    };

export const ASSIGNMENT_METHODS = ['ue', 'logit'] as const;
export type AssignmentMethod = (typeof ASSIGNMENT_METHODS)[number];

export interface AssignmentSettings {
  method: AssignmentMethod;
  /** `commodity`: one class per commodity (own value of time); `single`: one class, the engine's assign(). */
  classes: 'commodity' | 'single';
  algorithm: 'msa' | 'fw' | 'cfw' | 'bfw' | 'b';
  gap: number;
  maxIterations: number;
}

export interface Scenario {
  name: string;
  description: string;
  year: number;
  /** The file the scenario was read from, and the files it extends, outermost last. */
  files: string[];
  levers: Lever[];
  assignment: Partial<AssignmentSettings>;
}
