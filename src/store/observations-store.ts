import type { Observation } from '../monitoring/observations.js';
import { parsePeriod } from '../monitoring/trade.js';
import type { Confidence } from '../model/vocabulary.js';
import { insertImport, type ImportRecord, type Store } from './store.js';

/** Rows per INSERT: 13 columns stay far under both backends' bound-parameter limits. */
const BATCH = 1000;

/** The observations imported into a store, oldest import first. */
export async function storedObservations(store: Store): Promise<Observation[]> {
  const rows = await store.db
    .selectFrom('observations')
    .innerJoin('imports', 'imports.id', 'observations.import_id')
    .selectAll('observations')
    .select('imports.file')
    .orderBy('observations.import_id')
    .orderBy('observations.line')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    indicator: row.indicator as Observation['indicator'],
    scope: row.scope as Observation['scope'],
    scopeId: row.scope_id,
    mode: row.mode as Observation['mode'],
    direction: row.direction as Observation['direction'],
    period: parsePeriod(row.period)!,
    value: row.value,
    unit: row.unit,
    sources: row.sources === '' ? [] : row.sources.split(';'),
    confidence: row.confidence as Confidence,
    estimatedFields: row.estimated_fields === '' ? [] : row.estimated_fields.split(';'),
    ...(row.notes === null ? {} : { notes: row.notes }),
    origin: { file: row.file, line: row.line },
  }));
}

/** Writes the import's record and its observations in one transaction; returns the import's id. */
export async function saveObservations(
  store: Store,
  record: ImportRecord,
  observations: readonly Observation[],
): Promise<number> {
  return store.writeTransaction(async ({ db: trx }) => {
    const importId = await insertImport(trx, record, observations.length);
    for (let i = 0; i < observations.length; i += BATCH) {
      await trx
        .insertInto('observations')
        .values(
          observations.slice(i, i + BATCH).map((o) => ({
            id: o.id,
            indicator: o.indicator,
            scope: o.scope,
            scope_id: o.scopeId,
            mode: o.mode,
            direction: o.direction,
            period: o.period.text,
            value: o.value,
            unit: o.unit,
            sources: o.sources.join(';'),
            confidence: o.confidence,
            estimated_fields: o.estimatedFields.join(';'),
            notes: o.notes ?? null,
            import_id: importId,
            line: o.origin?.line ?? 0,
          })),
        )
        .execute();
    }
    return importId;
  });
}
