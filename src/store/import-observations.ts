import type { ObservationData } from '../data/observation-data.js';
import {
  checkObservations,
  OBSERVATION_COLUMNS,
  observationRow,
  OPTIONAL_OBSERVATION_COLUMNS,
} from '../monitoring/observations.js';
import { importRecordFile, type ImportOptions, type ImportSummary } from './import-file.js';
import { saveObservations, storedObservations } from './observations-store.js';
import type { Store } from './store.js';

/**
 * Imports published indicators and volumes (the format of data/monitoring/observations.csv) under the rules of
 * every import: each row checked, nothing written if any row is rejected, rejected rows to the rejects file, one
 * transaction, and rows already held (bundled or stored) counted as duplicates, so a second import adds nothing.
 */
export async function importObservationFile(
  store: Store,
  bundled: Pick<ObservationData, 'observations'>,
  sourceIds: ReadonlySet<string>,
  path: string,
  options: Pick<ImportOptions, 'label' | 'rejectsPath' | 'actor'> = {},
): Promise<ImportSummary> {
  return importRecordFile(
    {
      kind: 'observations',
      columns: OBSERVATION_COLUMNS,
      optional: OPTIONAL_OBSERVATION_COLUMNS,
      row: observationRow,
      check: async (parsed, locked) => {
        const existing = [...bundled.observations, ...(await storedObservations(locked))];
        return checkObservations(parsed, { sourceIds, existing });
      },
      save: (locked, record, fresh) => saveObservations(locked, record, fresh),
    },
    store,
    path,
    options,
  );
}
