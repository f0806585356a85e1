import type { Network } from '../../model/types.js';
import type { SectionDistances } from '../../monitoring/distance.js';
import type { IndicatorOptions } from '../../monitoring/indicators.js';
import type { DistanceChartOptions } from '../../monitoring/time-distance.js';
import { indicatorsCsv } from '../../render/indicators-csv.js';
import type { Store } from '../../store/store.js';
import { distanceChartSchema } from '../schemas/distance-chart.js';
import { indicatorReportSchema } from '../schemas/monitoring.js';

/** An answer computed from the stored shipments: indicators (JSON or CSV) or the time/cost-distance chart. */
export type StoreQuery =
  | { kind: 'indicators'; options: IndicatorOptions; format: 'json' | 'csv' }
  | { kind: 'time-distance'; options: DistanceChartOptions };

/** A store answer as it goes on the wire: already text, so that it crosses threads and is sent as it is. */
export interface StoreAnswerText {
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The answer to a store query, written out: the same text the endpoint's response schema would serialize (encoded
 * by the schema, then JSON), made once per state of the store instead of once per request. A large store's
 * indicators are a megabyte of JSON that took tens of milliseconds of the server's thread to check and write on
 * every request; a store worker thread writes it here and the server only sends it.
 */
export async function storeAnswer(
  store: Store,
  network: Network,
  distances: SectionDistances,
  query: StoreQuery,
): Promise<StoreAnswerText> {
  // Computed in the database (or read as the last import kept it): the process never holds every visit.
  if (query.kind === 'time-distance') {
    const chart = await store.distanceChart(network, distances, query.options);
    return { contentType: JSON_TYPE, body: JSON.stringify(distanceChartSchema.encode(chart)) };
  }
  const report = await store.indicators(network, distances, query.options);
  if (query.format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: indicatorsCsv(report) };
  return { contentType: JSON_TYPE, body: JSON.stringify(indicatorReportSchema.encode(report)) };
}
