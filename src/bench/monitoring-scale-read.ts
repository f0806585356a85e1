import { fileURLToPath } from 'node:url';
import { streamRecordFile } from '../data/record-csv-stream.js';
import { OPTIONAL_SHIPMENT_COLUMNS, SHIPMENT_COLUMNS } from '../monitoring/shipment-schema.js';

/**
 * The import's baseline in the monitoring-scale benchmark: the file read and split into rows by the import's own
 * reader, without validation, checks or store, so that what an import costs beyond reading its file shows.
 */
async function readShipmentsFile(path: string): Promise<number> {
  let rows = 0;
  for await (const chunk of streamRecordFile(path, path, SHIPMENT_COLUMNS, OPTIONAL_SHIPMENT_COLUMNS, {}))
    rows += chunk.rows.length + chunk.brokenRows.length;
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await readShipmentsFile(process.argv[2]!));
