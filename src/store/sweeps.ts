import type { UncertainInput } from '../corridor/sweep/inputs.js';
import type { SweepSample } from '../corridor/sweep/summary.js';
import type { SweepSpec } from '../corridor/sweep/spec.js';
import type { RegionFacts } from '../model/region.js';
import type { Store } from './store.js';

/** Rows per INSERT of samples. */
const SAMPLE_BATCH = 200;

/** A stored sweep: its definition and what its report is computed with, so a report needs the store only. */
export interface StoredSweep {
  spec: SweepSpec;
  inputs: UncertainInput[];
  region: RegionFacts | undefined;
}

/** Records a sweep's definition; a sweep already stored (same id: same definition) is left as it is. */
export async function saveSweep(store: Store, sweep: StoredSweep): Promise<void> {
  const { spec, inputs, region } = sweep;
  await store.db
    .insertInto('sweeps')
    .values({
      id: spec.id,
      name: spec.name,
      spec: JSON.stringify(spec),
      context: JSON.stringify({ inputs, region: region ?? null }),
      created_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

export async function findSweep(store: Store, id: string): Promise<StoredSweep | undefined> {
  const row = await store.db.selectFrom('sweeps').select(['spec', 'context']).where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const context = JSON.parse(row.context) as { inputs: UncertainInput[]; region: RegionFacts | null };
  return { spec: JSON.parse(row.spec) as SweepSpec, inputs: context.inputs, region: context.region ?? undefined };
}

/** Every stored sweep, newest first, with how many samples it has. */
export async function listSweeps(
  store: Store,
): Promise<{ id: string; name: string; createdAt: string; samples: number; completed: number }[]> {
  const rows = await store.db
    .selectFrom('sweeps')
    .leftJoin('sweep_samples', 'sweep_samples.sweep_id', 'sweeps.id')
    .select((eb) => [
      'sweeps.id',
      'sweeps.name',
      'sweeps.spec',
      'sweeps.created_at',
      eb.fn.count('sweep_samples.sample').as('n'),
    ])
    .groupBy(['sweeps.id', 'sweeps.name', 'sweeps.spec', 'sweeps.created_at'])
    .orderBy('sweeps.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    samples: (JSON.parse(row.spec) as SweepSpec).samples,
    completed: Number(row.n),
  }));
}

/** The samples of a sweep already stored. */
export async function storedSamples(store: Store, id: string): Promise<Set<number>> {
  const rows = await store.db.selectFrom('sweep_samples').select('sample').where('sweep_id', '=', id).execute();
  return new Set(rows.map((row) => row.sample));
}

/**
 * Stores samples, each once: a sample already stored (a retry after a worker died, two coordinators) is skipped, so
 * every sample counts once however often it was computed. Returns how many were new.
 */
export async function saveSamples(store: Store, id: string, samples: readonly SweepSample[]): Promise<number> {
  let added = 0;
  for (let start = 0; start < samples.length; start += SAMPLE_BATCH) {
    const batch = samples.slice(start, start + SAMPLE_BATCH);
    const result = await store.db
      .insertInto('sweep_samples')
      .values(
        batch.map((s) => ({
          sweep_id: id,
          sample: s.sample,
          input_values: JSON.stringify(s.values),
          outputs: JSON.stringify(s.outputs),
        })),
      )
      .onConflict((conflict) => conflict.columns(['sweep_id', 'sample']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** A sweep's stored samples in sample order. */
export async function loadSamples(store: Store, id: string): Promise<SweepSample[]> {
  const rows = await store.db
    .selectFrom('sweep_samples')
    .select(['sample', 'input_values', 'outputs'])
    .where('sweep_id', '=', id)
    .orderBy('sample')
    .execute();
  return rows.map((row) => ({
    sample: row.sample,
    values: JSON.parse(row.input_values) as number[],
    outputs: JSON.parse(row.outputs) as SweepSample['outputs'],
  }));
}
