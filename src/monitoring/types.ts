import type { RecordOrigin } from '../model/types.js';
import type { Timestamp } from './timestamp.js';
import type { DelayReason, ShipmentMode } from './vocabulary.js';

/** What is the same on every checkpoint row of one shipment. */
export interface ShipmentHeader {
  shipmentId: string;
  corridor: string;
  mode: ShipmentMode;
  cargoT: number;
  /** Loaded TEU, when the cargo travels in containers. */
  teu?: number;
  /** True for records made by `caravan shipments generate`, never by a real consignment. */
  synthetic: boolean;
  /** What the shipment carries (a commodity id of commodities.csv), when the record says. */
  commodity?: string;
}

/** One checkpoint visit of one shipment: a row of a shipments CSV file. */
export interface CheckpointVisit extends ShipmentHeader {
  /** Position of the checkpoint along the shipment's way, increasing from origin to destination. */
  seq: number;
  /** Network node id. */
  node: string;
  arrival: Timestamp;
  departure: Timestamp;
  officialCostUsd: number;
  unofficialCostUsd: number;
  delayReason: DelayReason;
  origin?: RecordOrigin;
}

export const visitKey = (visit: Pick<CheckpointVisit, 'shipmentId' | 'seq'>): string =>
  `${visit.shipmentId}\u0000${visit.seq}`;

/** Two records of the same visit say the same thing (the origin, where each was read, does not count). */
export function sameVisit(a: CheckpointVisit, b: CheckpointVisit): boolean {
  return (
    a.shipmentId === b.shipmentId &&
    a.seq === b.seq &&
    sameHeader(a, b) &&
    a.node === b.node &&
    a.arrival.ms === b.arrival.ms &&
    a.arrival.offsetMin === b.arrival.offsetMin &&
    a.departure.ms === b.departure.ms &&
    a.departure.offsetMin === b.departure.offsetMin &&
    a.officialCostUsd === b.officialCostUsd &&
    a.unofficialCostUsd === b.unofficialCostUsd &&
    a.delayReason === b.delayReason
  );
}

export function sameHeader(a: ShipmentHeader, b: ShipmentHeader): boolean {
  return (
    a.corridor === b.corridor &&
    a.mode === b.mode &&
    a.cargoT === b.cargoT &&
    (a.teu ?? null) === (b.teu ?? null) &&
    a.synthetic === b.synthetic &&
    (a.commodity ?? null) === (b.commodity ?? null)
  );
}

/** The fields of a header that differ, named as CSV columns. */
export function headerDifferences(a: ShipmentHeader, b: ShipmentHeader): string[] {
  const differences: string[] = [];
  if (a.corridor !== b.corridor) differences.push(`corridor ${b.corridor}`);
  if (a.mode !== b.mode) differences.push(`mode ${b.mode}`);
  if (a.cargoT !== b.cargoT) differences.push(`cargo_t ${b.cargoT}`);
  if ((a.teu ?? null) !== (b.teu ?? null)) differences.push(`teu ${b.teu ?? '(blank)'}`);
  if (a.synthetic !== b.synthetic) differences.push(`synthetic ${b.synthetic ? 'yes' : 'no'}`);
  if ((a.commodity ?? null) !== (b.commodity ?? null)) differences.push(`commodity ${b.commodity ?? '(blank)'}`);
  return differences;
}
