import type { Store } from './store.js';

/** One entry of the audit log: a file imported into the store, by whom and when, and whether it was undone. */
export interface ImportLogEntry {
  id: number;
  kind: string;
  file: string;
  sha256: string;
  importedAt: string;
  actor: string;
  rowsRead: number;
  rowsNew: number;
  revertedAt?: string;
  revertedBy?: string;
}

/** A revert the store refuses: no such import, undone already, or later imports build on its rows. */
export class RevertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevertError';
  }
}

export async function listImports(store: Store): Promise<ImportLogEntry[]> {
  const rows = await store.db.selectFrom('imports').selectAll().orderBy('id').execute();
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    file: row.file,
    sha256: row.sha256,
    importedAt: row.imported_at,
    actor: row.actor,
    rowsRead: row.rows_read,
    rowsNew: row.rows_new,
    ...(row.reverted_at === null ? {} : { revertedAt: row.reverted_at }),
    ...(row.reverted_by === null ? {} : { revertedBy: row.reverted_by }),
  }));
}

/**
 * Undoes one import in one transaction: its rows leave the store, its entry in the log stays, marked reverted. An
 * import whose shipments later imports continue is refused (their checkpoints would lose their predecessors):
 * revert those first.
 */
export async function revertImport(store: Store, id: number, actor: string): Promise<{ rowsRemoved: number }> {
  return store.writeTransaction(async (locked) => {
    const { db } = locked;
    const entry = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
    if (entry === undefined) throw new RevertError(`there is no import ${id}: \`caravan imports list\` shows them`);
    if (entry.reverted_at !== null)
      throw new RevertError(`import ${id} was reverted already, at ${entry.reverted_at} by ${entry.reverted_by}`);
    const later = await db
      .selectFrom('checkpoints as c')
      .select('c.import_id')
      .distinct()
      .where('c.import_id', '<>', id)
      .where('c.shipment_id', 'in', (eb) =>
        eb.selectFrom('checkpoints').select('shipment_id').where('import_id', '=', id),
      )
      .where('c.import_id', '>', id)
      .orderBy('c.import_id')
      .execute();
    if (later.length > 0) {
      const ids = later.map((row) => row.import_id).join(', ');
      throw new RevertError(
        `import ${id} cannot be reverted alone: import${later.length === 1 ? '' : 's'} ${ids} continue${later.length === 1 ? 's' : ''} its shipments; revert ${later.length === 1 ? 'it' : 'them'} first`,
      );
    }
    const checkpoints = await db.deleteFrom('checkpoints').where('import_id', '=', id).executeTakeFirst();
    // A shipment's header row belongs to the import that brought its first checkpoints; it goes with the last of them.
    await db
      .deleteFrom('shipments')
      .where('import_id', '=', id)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('checkpoints')
              .select('seq')
              .whereRef('checkpoints.shipment_id', '=', 'shipments.shipment_id'),
          ),
        ),
      )
      .execute();
    const trade = await db.deleteFrom('trade_records').where('import_id', '=', id).executeTakeFirst();
    const observations = await db.deleteFrom('observations').where('import_id', '=', id).executeTakeFirst();
    await db
      .updateTable('imports')
      .set({ reverted_at: new Date().toISOString(), reverted_by: actor })
      .where('id', '=', id)
      .execute();
    if (entry.kind === 'shipments') await locked.keepReports();
    return {
      rowsRemoved:
        Number(checkpoints.numDeletedRows) + Number(trade.numDeletedRows) + Number(observations.numDeletedRows),
    };
  });
}
