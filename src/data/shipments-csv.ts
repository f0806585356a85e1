import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { SHIPMENT_COLUMNS, visitToCells } from '../monitoring/shipment-schema.js';
import type { CheckpointVisit } from '../monitoring/types.js';

/** Shipment records as CSV text (header first), with `#` comment lines before the header. */
export function shipmentsCsv(visits: readonly CheckpointVisit[], comments: readonly string[] = []): string {
  const head = comments.map((line) => `# ${line}\n`).join('');
  return head + stringify([[...SHIPMENT_COLUMNS], ...visits.map(visitToCells)]);
}

/** Writes shipment records to a file in chunks, so that a large file needs no single huge string. */
export async function writeShipmentsCsv(
  path: string,
  visits: readonly CheckpointVisit[],
  comments: readonly string[] = [],
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
  const CHUNK = 5000;
  await write(shipmentsCsv([], comments));
  for (let i = 0; i < visits.length; i += CHUNK) {
    await write(stringify(visits.slice(i, i + CHUNK).map(visitToCells)));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
