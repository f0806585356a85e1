import { MODES } from '../model/vocabulary.js';

/** Closed vocabularies of shipment records (docs/shipments.md). */

/** Why a consignment waited at a checkpoint; `none` when it passed without delay. */
export const DELAY_REASONS = [
  'none',
  'customs',
  'documents',
  'queue',
  'inspection',
  'gauge_change',
  'transshipment',
  'other',
] as const;
export type DelayReason = (typeof DELAY_REASONS)[number];

/** The network's modes, plus `multimodal` for a shipment that changes mode on the way. */
export const SHIPMENT_MODES = [...MODES, 'multimodal'] as const;
export type ShipmentMode = (typeof SHIPMENT_MODES)[number];

export const PERIOD_KINDS = ['month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
