import type { Network } from '../model/types.js';
import { checkShipments } from '../monitoring/check-shipments.js';
import { SectionDistances } from '../monitoring/distance.js';
import { OPTIONAL_SHIPMENT_COLUMNS, SHIPMENT_COLUMNS, shipmentRow } from '../monitoring/shipment-schema.js';
import { importRecordFile, type ImportOptions, type ImportSummary } from './import-file.js';
import type { Store } from './store.js';

export type { ImportOptions, ImportSummary } from './import-file.js';

/**
 * Imports one file of shipment records: every row is validated and checked against the network, the store and the
 * other rows; if any row is rejected nothing is written and the rejected rows go to the rejects file with their
 * line and reasons; otherwise the rows not yet stored are written in one transaction. Importing the same file again
 * finds every row already stored and writes nothing.
 */
export async function importShipmentsFile(
  store: Store,
  network: Network,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  // One per import, not per chunk: it caches the network distances between checkpoints.
  const distances = new SectionDistances(network);
  store.importsAgainst(network);
  return importRecordFile(
    {
      kind: 'shipments',
      columns: SHIPMENT_COLUMNS,
      optional: OPTIONAL_SHIPMENT_COLUMNS,
      row: shipmentRow,
      check: async (parsed, locked) => {
        const stored = await locked.visitsOfShipments(parsed.map((visit) => visit.shipmentId));
        return checkShipments(parsed, {
          nodeIds: new Set(network.nodes.map((node) => node.id)),
          corridorIds: new Set(network.corridors.map((corridor) => corridor.id)),
          stored,
          connected: (from, to) => distances.km(from, to) !== undefined,
        });
      },
      save: (locked, record, fresh, onProgress) => locked.saveShipments(record, fresh, onProgress),
      append: (locked, importId, fresh, onProgress) => locked.appendShipments(importId, fresh, onProgress),
    },
    store,
    path,
    options,
  );
}
