import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { SectionDistances } from '../monitoring/distance.js';
import {
  MIN_SECTION_KM,
  type Breakdown,
  type IndicatorOptions,
  type IndicatorReport,
} from '../monitoring/indicators.js';
import type { Network } from '../model/types.js';
import type { DistanceChart } from '../monitoring/time-distance.js';
import { storeDistanceChart } from './distance-chart-query.js';
import { storeIndicatorReports, storeIndicators } from './indicator-queries.js';
import type { Store } from './store.js';

/**
 * The reports the monitoring dashboard and `caravan indicators` ask for without filters: by quarter (the API's and
 * the CLI's default), and its breakdowns by mode and by commodity; and by month. Each would otherwise be computed
 * over every stored visit (13 s of CPU at a million rows) on its first ask after an import. Direction needs a
 * country, so it is not here. A corridor's report is not kept either: the store finds its shipments by index, so it
 * costs a fraction of the whole (kti's: 2 s at a million rows), and keeping one for every corridor of the network
 * added about 11 s of CPU to a million-row import: 46 s of keeping against 35 s, docs/shipments.md.
 */
const KEPT_OPTIONS: IndicatorOptions = { by: 'quarter' };
const KEPT_BREAKDOWNS: readonly (Breakdown | undefined)[] = [undefined, 'mode', 'commodity'];
const KEPT_ALONE: readonly IndicatorOptions[] = [{ by: 'month' }];
export const KEPT_REPORTS: readonly IndicatorOptions[] = [
  ...KEPT_BREAKDOWNS.map((breakdown) => (breakdown === undefined ? KEPT_OPTIONS : { ...KEPT_OPTIONS, breakdown })),
  ...KEPT_ALONE,
];

/** The time/cost-distance chart is kept without filters (both kinds are one chart): under a key no report has. */
const CHART_KEY = JSON.stringify(['distance-chart']);

/** What a report is kept by besides the store's state: the options as computeIndicators reads them. */
export function optionsKey(options: IndicatorOptions): string {
  return JSON.stringify([
    options.by,
    options.corridor ?? null,
    options.node ?? null,
    options.minSectionKm ?? MIN_SECTION_KM,
    options.breakdown ?? null,
    // The report names the country of any breakdown, not only direction's.
    options.breakdown === undefined ? null : (options.country ?? null),
  ]);
}

const networkKeys = new WeakMap<Network, string>();

/** A report is the network's as much as the store's (distances, names): one computed on another network is not it. */
export function networkKey(network: Network): string {
  let key = networkKeys.get(network);
  if (key === undefined)
    networkKeys.set(network, (key = createHash('sha256').update(JSON.stringify(network)).digest('hex')));
  return key;
}

let bundled: Network | undefined;

/** The network imports keep reports for unless the store was told another: the bundled one, as the CLI's default. */
export function bundledNetwork(): Network {
  bundled ??= loadNetwork(BUNDLED_NETWORK_DIR).network;
  return bundled;
}

// Reports carry Infinity and NaN where a mean has nothing to divide by; JSON would turn them into null.
const encode = (kept: IndicatorReport | DistanceChart): string =>
  JSON.stringify(kept, (_, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? { nonFinite: String(value) } : value,
  );
const decode = <T>(text: string): T =>
  JSON.parse(text, (_, value: unknown) =>
    typeof value === 'object' && value !== null && 'nonFinite' in value && Object.keys(value).length === 1
      ? Number((value as { nonFinite: string }).nonFinite)
      : value,
  ) as T;

/**
 * Computes the kept reports and the unfiltered distance chart of the store's shipments as they are in `store`'s
 * write transaction and stores them under its shipments stamp, replacing the old ones: called by every import or
 * revert of shipments before it commits, so that the reports and the rows change together (a failed import rolls
 * both back and leaves the old reports).
 */
export async function keepReports(store: Store, network: Network): Promise<void> {
  const stamp = await store.shipmentsStamp();
  const distances = new SectionDistances(network);
  await store.db.deleteFrom('indicator_reports').execute();
  // One pass for the breakdowns: they differ only in their rows. The others filter or period the visits apart.
  const reports = await storeIndicatorReports(
    store.db,
    store.backend,
    network,
    distances,
    KEPT_OPTIONS,
    KEPT_BREAKDOWNS,
  );
  for (const alone of KEPT_ALONE)
    reports.push(await storeIndicators(store.db, store.backend, network, distances, alone));
  const rows = KEPT_REPORTS.map((these, i) => ({ key: optionsKey(these), kept: encode(reports[i]!) }));
  rows.push({ key: CHART_KEY, kept: encode(await storeDistanceChart(store.db, distances, {})) });
  for (const { key, kept } of rows)
    await store.db
      .insertInto('indicator_reports')
      .values({ stamp, network_key: networkKey(network), options_key: key, report: kept })
      .execute();
}

async function keptText(store: Store, stamp: string, network: Network, key: string): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('indicator_reports')
    .select('report')
    .where('stamp', '=', stamp)
    .where('network_key', '=', networkKey(network))
    .where('options_key', '=', key)
    .executeTakeFirst();
  return row?.report;
}

/** The kept report of these options for the store's shipments as they are now, if one was kept. */
export async function keptReport(
  store: Store,
  stamp: string,
  network: Network,
  options: IndicatorOptions,
): Promise<IndicatorReport | undefined> {
  const text = await keptText(store, stamp, network, optionsKey(options));
  return text === undefined ? undefined : decode<IndicatorReport>(text);
}

/** The kept distance chart (every line, no filter) of the store's shipments as they are now, if one was kept. */
export async function keptDistanceChart(
  store: Store,
  stamp: string,
  network: Network,
): Promise<DistanceChart | undefined> {
  const text = await keptText(store, stamp, network, CHART_KEY);
  return text === undefined ? undefined : decode<DistanceChart>(text);
}

/** Kept reports are dropped (the bench's on-demand baseline; a store whose reports should be computed again). */
export async function dropKeptReports(store: Store): Promise<void> {
  await sql`delete from indicator_reports`.execute(store.db);
}
