import { issueAt, type InputIssue } from '../model/issues.js';
import { closestMatch } from '../model/text.js';
import type { RecordOrigin } from '../model/types.js';
import { headerDifferences, sameVisit, visitKey, type CheckpointVisit } from './types.js';

/** What the checks need to know about the network and the store. */
export interface ShipmentCheckContext {
  nodeIds: ReadonlySet<string>;
  corridorIds: ReadonlySet<string>;
  /** Visits already stored for the shipments of the file (with the file and line they were imported from). */
  stored: readonly CheckpointVisit[];
  /** False when the network has no way between two consecutive checkpoints. */
  connected?: (from: string, to: string) => boolean;
}

export interface ShipmentCheckResult {
  /** Every problem, each on a line of the file. A row with any error is rejected. */
  issues: InputIssue[];
  /** Rows that are valid and not yet stored, in file order. */
  fresh: CheckpointVisit[];
  /** Rows that repeat a stored visit (or an earlier identical row of the file) exactly. */
  duplicates: number;
}

const where = (origin: RecordOrigin | undefined): string =>
  origin === undefined ? 'the store' : origin.line === undefined ? origin.file : `${origin.file}:${origin.line}`;

/**
 * Checks the rows of one file of shipment records against the network, the store and each other: known node and
 * corridor ids; each (shipment, seq) recorded once, or repeated identically; the same corridor, mode and cargo on
 * every row of a shipment; sequence numbers increasing down the file; no arrival before the departure from the
 * previous checkpoint; consecutive checkpoints at different places joined by the network.
 */
export function checkShipments(visits: readonly CheckpointVisit[], context: ShipmentCheckContext): ShipmentCheckResult {
  const issues: InputIssue[] = [];
  const rejected = new Set<CheckpointVisit>();
  const report = (visit: CheckpointVisit, field: string | undefined, message: string) => {
    issues.push(issueAt(visit.origin, field, message));
    rejected.add(visit);
  };

  const storedByKey = new Map(context.stored.map((visit) => [visitKey(visit), visit]));
  const seenInFile = new Map<string, CheckpointVisit>();
  const fresh: CheckpointVisit[] = [];
  let duplicates = 0;

  for (const visit of visits) {
    if (!context.nodeIds.has(visit.node)) report(visit, 'node', unknown('node', visit.node, context.nodeIds));
    if (!context.corridorIds.has(visit.corridor))
      report(visit, 'corridor', unknown('corridor', visit.corridor, context.corridorIds));
    const key = visitKey(visit);
    const earlier = seenInFile.get(key) ?? storedByKey.get(key);
    if (earlier !== undefined) {
      if (sameVisit(earlier, visit)) duplicates++;
      else
        report(
          visit,
          'seq',
          `shipment ${visit.shipmentId} checkpoint ${visit.seq} is already recorded differently (${where(earlier.origin)})`,
        );
      continue;
    }
    seenInFile.set(key, visit);
    fresh.push(visit);
  }

  // Shipment-level rules, on the stored visits and the new rows together.
  const byShipment = new Map<string, { stored: CheckpointVisit[]; fresh: CheckpointVisit[] }>();
  const group = (id: string) => {
    let entry = byShipment.get(id);
    if (entry === undefined) byShipment.set(id, (entry = { stored: [], fresh: [] }));
    return entry;
  };
  for (const visit of context.stored) group(visit.shipmentId).stored.push(visit);
  for (const visit of fresh) group(visit.shipmentId).fresh.push(visit);

  for (const [shipmentId, { stored, fresh: rows }] of byShipment) {
    if (rows.length === 0) continue;
    const reference = stored[0] ?? rows[0]!;
    for (const visit of rows) {
      if (visit === reference) continue;
      const differences = headerDifferences(reference, visit);
      if (differences.length > 0) {
        report(
          visit,
          undefined,
          `shipment ${shipmentId} has ${differences.join(', ')} here but not on ${where(reference.origin)}; ` +
            'corridor, mode, cargo_t, teu and synthetic must be the same on every row of a shipment',
        );
      }
    }
    for (let i = 1; i < rows.length; i++) {
      const previous = rows[i - 1]!;
      if (rows[i]!.seq <= previous.seq) {
        report(
          rows[i]!,
          'seq',
          `expected a number above ${previous.seq} (the checkpoint before it on ${where(previous.origin)}): ` +
            `a shipment's checkpoints are listed in increasing order, got ${rows[i]!.seq}`,
        );
      }
    }
    const ordered = [...stored, ...rows].sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < ordered.length; i++) {
      const before = ordered[i - 1]!;
      const after = ordered[i]!;
      // Report on the row of the file; when both are stored the pair was already accepted.
      const blame = rows.includes(after) ? after : rows.includes(before) ? before : undefined;
      if (blame === undefined) continue;
      if (after.arrival.ms < before.departure.ms) {
        report(
          blame,
          blame === after ? 'arrival' : 'departure',
          `checkpoint ${after.seq} arrives at ${after.arrival.text}, before checkpoint ${before.seq} departs at ` +
            `${before.departure.text} (${where((blame === after ? before : after).origin)})`,
        );
      }
      if (after.node === before.node) {
        report(
          blame,
          'node',
          `checkpoint ${after.seq} is at ${after.node} like checkpoint ${before.seq} before it; ` +
            'record one visit per place (arrival of the first, departure of the last)',
        );
      } else if (
        context.connected &&
        context.nodeIds.has(before.node) &&
        context.nodeIds.has(after.node) &&
        !context.connected(before.node, after.node)
      ) {
        report(blame, 'node', `the network has no way from ${before.node} to ${after.node}`);
      }
    }
  }
  return { issues, fresh: fresh.filter((visit) => !rejected.has(visit)), duplicates };
}

function unknown(what: string, id: string, known: Iterable<string>): string {
  const suggestion = closestMatch(id, known);
  return `unknown ${what} id "${id}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
}
