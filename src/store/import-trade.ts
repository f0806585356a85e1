import type { TradeData } from '../data/trade-data.js';
import { checkTradeRecords, OPTIONAL_TRADE_COLUMNS, TRADE_COLUMNS, tradeRow } from '../monitoring/trade.js';
import { importRecordFile, type ImportOptions, type ImportSummary } from './import-file.js';
import type { Store } from './store.js';

/**
 * Imports trade figures and targets (the format of data/monitoring/trade.csv) under the same rules as shipments:
 * every row checked, nothing written if any row is rejected, rejected rows to the rejects file, one transaction,
 * and rows already held (bundled or stored) counted as duplicates rather than added twice.
 */
export async function importTradeFile(
  store: Store,
  bundled: TradeData,
  path: string,
  options: Pick<ImportOptions, 'label' | 'rejectsPath' | 'actor'> = {},
): Promise<ImportSummary> {
  return importRecordFile(
    {
      kind: 'targets',
      columns: TRADE_COLUMNS,
      optional: OPTIONAL_TRADE_COLUMNS,
      row: tradeRow,
      check: async (parsed, locked) => {
        const existing = [...bundled.records, ...(await locked.tradeRecords())];
        return checkTradeRecords(parsed, { sourceIds: new Set(bundled.sources.map((s) => s.id)), existing });
      },
      save: (locked, record, fresh) => locked.saveTradeRecords(record, fresh),
    },
    store,
    path,
    options,
  );
}
