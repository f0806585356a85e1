import { summarizeSweep, type SweepReport, type SweepSample } from '../corridor/sweep/summary.js';
import type { Store } from './store.js';
import { findSweep, loadSamples, type StoredSweep } from './sweeps.js';

/** A stored sweep read back: its report, or why there is none yet. */
export type StoredSweepResult =
  | { status: 'found'; report: SweepReport; stored: StoredSweep; samples: SweepSample[] }
  | { status: 'no-sweep' }
  | { status: 'no-samples' };

/**
 * The report of a stored sweep from its samples: what `caravan sweep report` prints and GET /api/sweeps/{id}
 * answers, computed in one place so that the two never differ.
 */
export async function storedSweepReport(store: Store, id: string): Promise<StoredSweepResult> {
  const stored = await findSweep(store, id);
  if (stored === undefined) return { status: 'no-sweep' };
  const samples = await loadSamples(store, id);
  if (samples.length === 0) return { status: 'no-samples' };
  return {
    status: 'found',
    report: summarizeSweep(stored.spec, stored.region, stored.inputs, samples),
    stored,
    samples,
  };
}
