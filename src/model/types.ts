import type { RegionFacts } from './region.js';
import type {
  Confidence,
  EmissionCategory,
  GaugeMm,
  LinkStatus,
  Mode,
  NodeKind,
  ServiceCapacityUnit,
  ServiceMode,
  TransferKind,
} from './vocabulary.js';

/** Where a record was read from, so that later checks can point the user at the exact place. */
export interface RecordOrigin {
  file: string;
  /** 1-based line in a CSV file. */
  line?: number;
  /** Path inside a JSON document, e.g. `features[12].properties`. */
  pointer?: string;
}

export interface Provenance {
  sources: string[];
  confidence: Confidence;
  /** Columns of the record whose values are estimates rather than reported figures. */
  estimatedFields: string[];
  notes?: string;
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  url?: string;
  document?: string;
  year: number;
  notes?: string;
  origin?: RecordOrigin;
}

export interface Corridor {
  id: string;
  name: string;
  description?: string;
  sources: string[];
  origin?: RecordOrigin;
}

export interface BorderCrossing {
  /** ISO code of the country on the other side. */
  with: string;
  dwellMedianH: number;
  dwellP90H: number;
  usdPerT: number;
  usdPerTeu: number;
}

export interface Handling {
  hours: number;
  usdPerT: number;
  usdPerTeu: number;
}

export interface NetworkNode extends Provenance {
  id: string;
  name: string;
  country: string;
  kind: NodeKind;
  lat: number;
  lon: number;
  border?: BorderCrossing;
  handling?: Handling;
  capacityMtPerYr?: number;
  origin?: RecordOrigin;
}

export type LonLat = readonly [lon: number, lat: number];

export interface Link extends Provenance {
  id: string;
  from: string;
  to: string;
  mode: Mode;
  km: number;
  gaugeMm?: GaugeMm;
  speedKmh: number;
  tariffUsdPerTkm: number;
  tariffUsdPerTeuKm: number;
  capacityMtPerYr?: number;
  status: LinkStatus;
  openingYear?: number;
  bidirectional: boolean;
  corridors: string[];
  serviceIntervalH?: number;
  /** Intermediate way-points; the endpoints are the nodes' coordinates. */
  waypoints: LonLat[];
  origin?: RecordOrigin;
}

export interface TransferRule extends Provenance {
  id: string;
  /** A node id, or `*` for the default that applies where no node-specific rule exists. */
  node: string;
  kind: TransferKind;
  /** A mode for mode changes; a gauge in mm (as text) for gauge changes. */
  from: string;
  to: string;
  hours: number;
  usdPerT: number;
  usdPerTeu: number;
  bidirectional: boolean;
  origin?: RecordOrigin;
}

export interface EmissionFactor extends Provenance {
  mode: EmissionCategory;
  /** Well-to-wheel g CO2e per tonne-km; for `transfer`, per tonne handled. */
  gCo2ePerTkm: number;
  origin?: RecordOrigin;
}

export interface Parameter {
  key: string;
  value: number;
  unit: string;
  sources: string[];
  confidence: Confidence;
  notes?: string;
  origin?: RecordOrigin;
}

/**
 * A scheduled ferry, feeder ship or train: the links it runs on, in order, how often it leaves and what one departure
 * carries. Departures and capacity are per direction: a ferry that sails Aktau → Alat and back twice a week has 2.
 */
export interface Service extends Provenance {
  id: string;
  name: string;
  mode: ServiceMode;
  operator: string;
  /** Link ids in running order; consecutive links share a node. */
  links: string[];
  departuresPerWeek: number;
  capacityPerDeparture: number;
  capacityUnit: ServiceCapacityUnit;
  /**
   * Whether the listed services are all that use their links (a rail ferry crossing): then their frequency sets the
   * wait and their capacity limits the link. A service sharing its links with tramp ships or other trains only
   * shortens a sailing interval the link already has, and limits nothing.
   */
  exclusive: boolean;
  /**
   * Whether its departures count toward the wait of the link's cargo: not for a tanker, a truck-only Ro-Pax or a
   * container-only feeder on a rail-ferry crossing, whose departures most of the link's cargo cannot take. Its
   * capacity counts either way.
   */
  setsWait: boolean;
  /**
   * Hours cargo waits for space beyond half the headway, where ships sail full and a queue forms (reported or
   * calibrated); exclusive services only.
   */
  queueH?: number;
  origin?: RecordOrigin;
}

/** The tables of a network: one per CSV file of the folder. */
export interface NetworkTables {
  sources: Source[];
  corridors: Corridor[];
  nodes: NetworkNode[];
  links: Link[];
  transfers: TransferRule[];
  emissionFactors: EmissionFactor[];
  parameters: Parameter[];
  /** Scheduled services (services.csv, optional). */
  services: Service[];
}

export interface Network extends NetworkTables {
  /** Targets, measures, overview routes and synthetic-data settings of the region (region.yaml), when given. */
  region?: RegionFacts;
}

export const DEFAULT_TRANSFER_NODE = '*';

/** A network with no records, to fill while reading input. */
export function emptyNetwork(): Network {
  return {
    sources: [],
    corridors: [],
    nodes: [],
    links: [],
    transfers: [],
    emissionFactors: [],
    parameters: [],
    services: [],
  };
}
