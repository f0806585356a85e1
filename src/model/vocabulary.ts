/** Closed vocabularies of the network model. Each is the single source for both the types and the schemas. */

export const MODES = ['rail', 'road', 'sea', 'ferry'] as const;
export type Mode = (typeof MODES)[number];

/** A chokepoint is a strait, canal or cape that sea links pass: a node only so that routes can avoid it. */
export const NODE_KINDS = [
  'city',
  'port',
  'border_crossing',
  'gauge_change',
  'terminal',
  'junction',
  'chokepoint',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const LINK_STATUSES = ['operational', 'under_construction', 'planned'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const CONFIDENCE_LEVELS = ['reported', 'derived', 'estimate'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** Rail gauges met in the region: standard, Russian (former USSR), metre, Indian broad. */
export const GAUGES_MM = [1000, 1435, 1520, 1676] as const;
export type GaugeMm = (typeof GAUGES_MM)[number];

export const TRANSFER_KINDS = ['mode_change', 'gauge_change'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Emission factors cover each mode plus handling at ports and terminals. */
export const EMISSION_CATEGORIES = [...MODES, 'transfer'] as const;
export type EmissionCategory = (typeof EMISSION_CATEGORIES)[number];

/** Node kinds at which cargo may change mode (a border post or a plain junction is no transshipment point). */
export const MODE_CHANGE_KINDS: readonly NodeKind[] = ['port', 'terminal', 'city'];

/** Sea and ferry legs must start and end at a port, or at a chokepoint where a sea link is split. */
export const WATER_MODES: readonly Mode[] = ['sea', 'ferry'];
export const WATER_END_KINDS: readonly NodeKind[] = ['port', 'chokepoint'];

/**
 * Scheduled services: a Caspian or Lake Van ferry (ferry links), a feeder or liner ship (sea links), a tanker
 * shuttle, a block or container train (rail links).
 */
export const SERVICE_MODES = ['ferry', 'feeder', 'tanker', 'rail'] as const;
export type ServiceMode = (typeof SERVICE_MODES)[number];
/**
 * The link modes each service mode may run on. A container feeder crossing the Caspian between ferry ports runs on
 * the ferry link that stands for that crossing.
 */
export const SERVICE_LINK_MODES: Readonly<Record<ServiceMode, readonly Mode[]>> = {
  ferry: ['ferry'],
  feeder: ['sea', 'ferry'],
  tanker: ['sea', 'ferry'],
  rail: ['rail'],
};

/** What a service's capacity per departure is counted in: tonnes, or TEU turned into tonnes by the network's t_per_teu. */
export const SERVICE_CAPACITY_UNITS = ['t', 'teu'] as const;
export type ServiceCapacityUnit = (typeof SERVICE_CAPACITY_UNITS)[number];
