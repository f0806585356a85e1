import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SectionDistances } from '../monitoring/distance.js';
import {
  assembleReport,
  directionOf,
  MIN_SECTION_KM,
  perEach,
  speedsOf,
  tfi3,
  type Breakdown,
  type BreakdownIndicator,
  type CorridorIndicator,
  type IndicatorOptions,
  type IndicatorReport,
  type NodeIndicator,
  type SectionIndicator,
} from '../monitoring/indicators.js';
import type { Summary } from '../monitoring/stats.js';
import { HOUR_MS } from '../monitoring/timestamp.js';
import type { DelayReason } from '../monitoring/vocabulary.js';
import type { Network } from '../model/types.js';
import { quantileOfSorted } from '../numeric/quantile.js';
import type { StoreLocation } from './database-url.js';
import type { Tables } from './tables.js';

/**
 * computeIndicators (the pure core's reference) in the database: the same report, but the rows stay in the store.
 * One pass of window functions numbers each shipment's visits and pairs each with the one before it (a temporary
 * table, so the pass is made once); grouped sums give counts, means, costs and speeds; the medians and P90s are
 * Caravan's one quantile (Hyndman–Fan type 7, quantileOfSorted) of the two order statistics each needs, which a
 * ranked window picks out, so that only four values per group leave the database. Section distances come from the
 * network (SectionDistances) for the few distinct pairs of consecutive checkpoints, into a temporary table.
 */
export async function storeIndicators(
  db: Kysely<Tables>,
  backend: StoreLocation['backend'],
  network: Network,
  distances: SectionDistances,
  options: IndicatorOptions,
): Promise<IndicatorReport> {
  const [report] = await storeIndicatorReports(db, backend, network, distances, options, [options.breakdown]);
  return report!;
}

/**
 * The reports of `options` with each of `breakdowns` (undefined: none) in one pass: the visits, trips, nodes,
 * sections and corridors are computed once, only each breakdown's rows apart. `options.country` is the direction's.
 */
export async function storeIndicatorReports(
  db: Kysely<Tables>,
  backend: StoreLocation['backend'],
  network: Network,
  distances: SectionDistances,
  options: IndicatorOptions,
  breakdowns: readonly (Breakdown | undefined)[],
): Promise<IndicatorReport[]> {
  const tableOptions = breakdowns.includes('direction') ? { ...options, breakdown: 'direction' as const } : options;
  const compute = async (conn: Kysely<Tables>) => {
    const run = async <R>(query: RawBuilder<R>): Promise<R[]> => (await query.execute(conn)).rows;
    await dropTemp(run);
    // The quantiles sort every visit a few times over: up to 64 MiB a sort in memory instead of 4 MiB, 14% less
    // server CPU at 1 M rows (7.2 s against 8.4 s). (ANALYZE of the temporary tables, which autovacuum never takes,
    // gave plans that cost more: 9.2–9.7 s.) Local to an import's transaction, else reset on the pooled connection.
    if (backend === 'postgres') await run(sql`select set_config('work_mem', '64MB', ${db.isTransaction})`);
    let report: IndicatorReport[];
    try {
      await createTables(run, backend, network, tableOptions);
      const base = await readRows(run, backend, network, distances, options);
      report = [];
      for (const breakdown of breakdowns) {
        const { breakdown: _, ...rest } = options;
        const these = breakdown === undefined ? rest : { ...rest, breakdown };
        // assembleReport sorts and adds changes in place: each report gets its own copy of the shared rows.
        const rows = {
          ...structuredClone(base),
          ...(breakdown === undefined
            ? {}
            : { breakdownRows: await breakdownRowsOf(run, quantilesOf(run, backend), breakdown) }),
        };
        report.push(assembleReport(rows, these));
      }
    } catch (error) {
      // A failed statement aborts a PostgreSQL transaction: it drops its temporary tables as it rolls back.
      if (!db.isTransaction) await dropTemp(run, backend);
      throw error;
    }
    await dropTemp(run, db.isTransaction ? undefined : backend);
    return report;
  };
  // The temporary tables need one connection: a transaction (an import keeping its reports) is one already.
  return db.isTransaction ? compute(db) : db.connection().execute(compute);
}

type Run = <R>(query: RawBuilder<R>) => Promise<R[]>;
type Num = number | string | null;

const VISITS = sql.raw('caravan_indicator_visits');
const TRIPS = sql.raw('caravan_indicator_trips');
const KM = sql.raw('caravan_indicator_km');
const KM_BATCH = 300;

/** Drops the temporary tables; on a pooled connection (`backend` given), resets the work_mem set for them too. */
async function dropTemp(run: Run, backend?: StoreLocation['backend']): Promise<void> {
  for (const table of [VISITS, TRIPS, KM]) await run(sql`drop table if exists ${table}`);
  if (backend === 'postgres') await run(sql`reset work_mem`);
}

/** The period label of a local instant (periodOf): floor of the seconds, so that instants before 1970 count too. */
function periodSql(backend: StoreLocation['backend'], ms: RawBuilder<unknown>, by: IndicatorOptions['by']) {
  return (offset: RawBuilder<unknown>): RawBuilder<string> => {
    const x = sql`(${ms} + ${offset} * 60000)`;
    const seconds = sql`((${x} - ((${x} % 1000) + 1000) % 1000) / 1000)`;
    if (backend === 'sqlite') {
      const month = sql`strftime('%Y-%m', ${seconds}, 'unixepoch')`;
      if (by === 'month') return sql<string>`${month}`;
      return sql<string>`strftime('%Y', ${seconds}, 'unixepoch') || '-Q' || ((cast(strftime('%m', ${seconds}, 'unixepoch') as integer) + 2) / 3)`;
    }
    const stamp = sql`(to_timestamp(${seconds}::double precision) at time zone 'UTC')`;
    return by === 'month' ? sql<string>`to_char(${stamp}, 'YYYY-MM')` : sql<string>`to_char(${stamp}, 'YYYY-"Q"Q')`;
  };
}

async function createTables(
  run: Run,
  backend: StoreLocation['backend'],
  network: Network,
  options: IndicatorOptions,
): Promise<void> {
  const arrivalPeriod = periodSql(backend, sql.raw('c.arrival_ms'), options.by)(sql.raw('c.arrival_offset_min'));
  const departurePeriod = periodSql(backend, sql.raw('c.departure_ms'), options.by)(sql.raw('c.departure_offset_min'));
  const countryNodes =
    options.breakdown === 'direction'
      ? network.nodes.filter((node) => node.country === options.country).map((node) => node.id)
      : [];
  const inside =
    countryNodes.length === 0 ? sql`0` : sql`case when c.node in (${sql.join(countryNodes)}) then 1 else 0 end`;
  const where = shipmentFilter(options);
  await run(sql`
    create temp table ${VISITS} as
    select c.shipment_id as sid, row_number() over w as rn, count(*) over (partition by c.shipment_id) as n,
      c.node as node, lag(c.node) over w as prev_node,
      c.arrival_ms as arr_ms, c.departure_ms as dep_ms, lag(c.departure_ms) over w as prev_dep_ms,
      ${arrivalPeriod} as arr_period, ${departurePeriod} as dep_period,
      lag(${departurePeriod}) over w as prev_dep_period,
      c.official_cost_usd as official, c.unofficial_cost_usd as unofficial,
      lag(c.official_cost_usd + c.unofficial_cost_usd) over w as prev_paid,
      c.delay_reason as delay_reason, ${inside} as inside,
      s.cargo_t as cargo_t, s.teu as teu, s.corridor as corridor, s.mode as mode, s.commodity as commodity,
      s.synthetic as synthetic
    from checkpoints c inner join shipments s on s.shipment_id = c.shipment_id
    ${where}
    window w as (partition by c.shipment_id order by c.seq)`);
}

/**
 * The WHERE clause of a join of checkpoints `c` and shipments `s` that keeps the visits of the shipments of one
 * corridor, or through one checkpoint (all of their visits), as the indicators and the distance chart filter them.
 */
export function shipmentFilter(options: { corridor?: string; node?: string }): RawBuilder<unknown> {
  const filters: RawBuilder<unknown>[] = [];
  if (options.corridor !== undefined) filters.push(sql`s.corridor = ${options.corridor}`);
  if (options.node !== undefined)
    filters.push(sql`c.shipment_id in (select shipment_id from checkpoints where node = ${options.node})`);
  return filters.length === 0 ? sql`` : sql`where ${sql.join(filters, sql` and `)}`;
}

async function readRows(
  run: Run,
  backend: StoreLocation['backend'],
  network: Network,
  distances: SectionDistances,
  options: IndicatorOptions,
) {
  // Distances of the distinct consecutive pairs: few, whatever the number of rows.
  const pairs = await run(
    sql<{ a: string; b: string }>`select distinct prev_node as a, node as b from ${VISITS} where rn > 1`,
  );
  const kmOf = new Map<string, number | undefined>();
  for (const { a, b } of pairs) kmOf.set(pairKey(a, b), distances.km(a, b));
  await run(sql`create temp table ${KM} (a text not null, b text not null, km double precision not null)`);
  const measured = pairs.filter(({ a, b }) => kmOf.get(pairKey(a, b)) !== undefined);
  for (let i = 0; i < measured.length; i += KM_BATCH) {
    const values = measured.slice(i, i + KM_BATCH).map(({ a, b }) => sql`(${a}, ${b}, ${kmOf.get(pairKey(a, b))!})`);
    await run(sql`insert into ${KM} (a, b, km) values ${sql.join(values)}`);
  }
  await run(sql`
    create temp table ${TRIPS} as
    select v.sid as sid, max(case when v.rn = 1 then v.dep_period end) as period,
      max(v.corridor) as corridor, max(v.mode) as mode, max(v.commodity) as commodity, max(v.synthetic) as synthetic,
      max(v.cargo_t) as cargo_t, max(v.teu) as teu, sum(v.official) as official, sum(v.unofficial) as unofficial,
      sum(case when v.rn > 1 then v.arr_ms - v.prev_dep_ms else 0 end) as moving_ms,
      max(case when v.rn = v.n then v.arr_ms end) - max(case when v.rn = 1 then v.dep_ms end) as elapsed_ms,
      case when count(*) > 1 and count(k.km) = count(*) - 1 then sum(k.km) end as km,
      max(case when v.rn = 1 then v.inside else 0 end) * 8 + max(case when v.rn = v.n then v.inside else 0 end) * 4
        + min(v.inside) * 2 + max(v.inside) as inside
    from ${VISITS} v left join ${KM} k on v.rn > 1 and k.a = v.prev_node and k.b = v.node
    group by v.sid`);
  const quantiles = quantilesOf(run, backend);

  const [totals] = await run(
    sql<{ trips: Num; synthetic: Num }>`select count(*) as trips, sum(synthetic) as synthetic from ${TRIPS}`,
  );

  const nodeWhere = sql`rn > 1 and rn < n${options.node === undefined ? sql`` : sql` and node = ${options.node}`}`;
  const nodeKeys = [sql.raw('arr_period'), sql.raw('node')];
  const dwell = await quantiles(VISITS, nodeWhere, nodeKeys, sql`dep_ms - arr_ms`);
  const delays = new Map<string, Partial<Record<DelayReason, number>>>();
  for (const row of await run(sql<{ period: string; node: string; reason: string; n: Num }>`
    select arr_period as period, node, delay_reason as reason, count(*) as n from ${VISITS}
    where ${nodeWhere} group by arr_period, node, delay_reason`)) {
    const key = keyOf(row.period, row.node);
    delays.set(key, { ...delays.get(key), [row.reason]: Number(row.n) });
  }
  const nodeIndex = new Map(network.nodes.map((node) => [node.id, node]));
  const nodes: NodeIndicator[] = (
    await run(sql<{ period: string; node: string; n: Num; dwell: Num; official: Num; unofficial: Num; cargo: Num }>`
      select arr_period as period, node, count(*) as n, sum(dep_ms - arr_ms) as dwell, sum(official) as official,
        sum(unofficial) as unofficial, sum(cargo_t) as cargo
      from ${VISITS} where ${nodeWhere} group by arr_period, node`)
  ).map((row) => {
    const key = keyOf(row.period, row.node);
    const n = Number(row.n);
    const official = Number(row.official);
    const unofficial = Number(row.unofficial);
    const node = nodeIndex.get(row.node);
    return {
      period: row.period,
      node: row.node,
      name: node?.name ?? row.node,
      kind: node?.kind ?? 'unknown',
      visits: n,
      dwellH: summary(n, Number(row.dwell), dwell.get(key)!),
      costUsdPerVisit: perEach({ official, unofficial, total: official + unofficial }, n),
      totalUsdPerT: (official + unofficial) / Number(row.cargo),
      delays: delays.get(key) ?? {},
    };
  });

  const minSectionKm = options.minSectionKm ?? MIN_SECTION_KM;
  const sectionWhere = sql`rn > 1${
    options.node === undefined ? sql`` : sql` and (prev_node = ${options.node} or node = ${options.node})`
  }`;
  const sectionKeys = [sql.raw('prev_dep_period'), sql.raw('prev_node'), sql.raw('node')];
  const moving = sql`arr_ms - prev_dep_ms`;
  const elapsed = sql`arr_ms - prev_dep_ms + case when rn = n then 0 else dep_ms - arr_ms end`;
  const movingQ = await quantiles(VISITS, sectionWhere, sectionKeys, moving);
  const elapsedQ = await quantiles(VISITS, sectionWhere, sectionKeys, elapsed);
  const unmeasured = new Set<string>();
  const sections: SectionIndicator[] = (
    await run(sql<{ period: string; a: string; b: string; n: Num; moving: Num; elapsed: Num; usd: Num; cargo: Num }>`
      select prev_dep_period as period, prev_node as a, node as b, count(*) as n, sum(${moving}) as moving,
        sum(${elapsed}) as elapsed, sum(official + unofficial + case when rn = 2 then prev_paid else 0 end) as usd,
        sum(cargo_t) as cargo
      from ${VISITS} where ${sectionWhere} group by prev_dep_period, prev_node, node`)
  ).map((row) => {
    const key = keyOf(row.period, row.a, row.b);
    const n = Number(row.n);
    const km = kmOf.get(pairKey(row.a, row.b));
    if (km === undefined) unmeasured.add(`${row.a} → ${row.b}`);
    const short = km !== undefined && km < minSectionKm;
    const movingH = Number(row.moving) / HOUR_MS;
    const elapsedH = Number(row.elapsed) / HOUR_MS;
    const cost = km === undefined ? undefined : tfi3(Number(row.usd), km * Number(row.cargo));
    return {
      period: row.period,
      from: row.a,
      to: row.b,
      trips: n,
      ...(km !== undefined ? { km } : {}),
      movingH: summary(n, Number(row.moving), movingQ.get(key)!),
      elapsedH: summary(n, Number(row.elapsed), elapsedQ.get(key)!),
      ...(short ? { short: true } : km === undefined ? {} : speedsOf(n, km * n, movingH, elapsedH)),
      ...(cost === undefined ? {} : { usdPer500km20t: cost }),
    };
  });

  const tripGroups = await tripRows(run, quantiles, sql`corridor`);
  const corridors: CorridorIndicator[] = tripGroups.map((row) => ({
    period: row.period,
    corridor: row.group,
    shipments: row.shipments,
    tripH: row.tripH,
    dwellH: row.dwellH,
    costUsdPerShipment: perEach(
      { official: row.official, unofficial: row.unofficial, total: row.official + row.unofficial },
      row.shipments,
    ),
    usdPerT: row.usdPerT,
    ...(row.containerised > 0 ? { usdPerTeu: row.teuUsd / row.teu } : {}),
    ...row.measured,
  }));

  return {
    shipments: Number(totals?.trips ?? 0),
    syntheticShipments: Number(totals?.synthetic ?? 0),
    nodes,
    sections,
    corridors,
    unmeasuredSections: [...unmeasured],
  };
}

/** The trips grouped by direction, mode or commodity: what a breakdown adds to the report. */
async function breakdownRowsOf(run: Run, quantiles: Quantiles, breakdown: Breakdown): Promise<BreakdownIndicator[]> {
  // The direction of every combination of (first, last, every, any) checkpoint inside: directionOf's, not a copy.
  const direction = sql`case inside ${sql.join(
    Array.from(
      { length: 16 },
      (_, code) =>
        sql`when ${sql.lit(code)} then ${sql.lit(directionOf(!!(code & 8), !!(code & 4), !!(code & 2), !!(code & 1)))}`,
    ),
    sql` `,
  )} end`;
  const group =
    breakdown === 'mode' ? sql`mode` : breakdown === 'commodity' ? sql`coalesce(commodity, '(not given)')` : direction;
  return (await tripRows(run, quantiles, group)).map((row) => ({
    period: row.period,
    group: row.group,
    shipments: row.shipments,
    tripH: row.tripH,
    usdPerT: row.usdPerT,
    ...row.measured,
  }));
}

/** Trips of one period grouped by `group`: what corridor and breakdown rows share. */
async function tripRows(run: Run, quantiles: Quantiles, group: RawBuilder<unknown>) {
  const keys = [sql.raw('period'), group];
  const tripQ = await quantiles(TRIPS, sql`1 = 1`, keys, sql`elapsed_ms`);
  const dwellQ = await quantiles(TRIPS, sql`1 = 1`, keys, sql`elapsed_ms - moving_ms`);
  const rows = await run(sql<Record<string, Num> & { period: string; grp: string }>`
    select period, ${group} as grp, count(*) as n, sum(elapsed_ms) as elapsed, sum(elapsed_ms - moving_ms) as dwell,
      sum(official) as official, sum(unofficial) as unofficial, sum(cargo_t) as cargo,
      count(case when teu > 0 then 1 end) as containerised, sum(case when teu > 0 then teu end) as teu,
      sum(case when teu > 0 then official + unofficial end) as teu_usd,
      count(km) as measured, sum(km) as km, sum(case when km is not null then moving_ms end) as km_moving,
      sum(case when km is not null then elapsed_ms end) as km_elapsed,
      sum(case when km is not null then official + unofficial end) as km_usd, sum(km * cargo_t) as tonne_km
    from ${TRIPS} group by period, ${group}`);
  return rows.map((row) => {
    const key = keyOf(row.period, row.grp);
    const n = Number(row['n']);
    const official = Number(row['official']);
    const unofficial = Number(row['unofficial']);
    const measured = Number(row['measured']);
    const cost = measured === 0 ? undefined : tfi3(Number(row['km_usd']), Number(row['tonne_km']));
    return {
      period: row.period,
      group: row.grp,
      shipments: n,
      tripH: summary(n, Number(row['elapsed']), tripQ.get(key)!),
      dwellH: summary(n, Number(row['dwell']), dwellQ.get(key)!),
      official,
      unofficial,
      usdPerT: (official + unofficial) / Number(row['cargo']),
      containerised: Number(row['containerised']),
      teu: Number(row['teu']),
      teuUsd: Number(row['teu_usd']),
      measured: {
        ...(cost === undefined ? {} : { usdPer500km20t: cost }),
        ...speedsOf(
          measured,
          Number(row['km'] ?? 0),
          Number(row['km_moving'] ?? 0) / HOUR_MS,
          Number(row['km_elapsed'] ?? 0) / HOUR_MS,
        ),
      },
    };
  });
}

/** A group's median and P90, in hours. */
interface GroupQuantiles {
  median: number;
  p90: number;
}

type Quantiles = (
  table: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  keys: readonly RawBuilder<unknown>[],
  value: RawBuilder<unknown>,
) => Promise<Map<string, GroupQuantiles>>;

const QUANTILES = [0.5, 0.9] as const;

/**
 * Each group's median and P90 by Caravan's one quantile (type 7, quantileOfSorted), the database sorting.
 * PostgreSQL: percentile_cont, which is type 7 computed as quantileOfSorted computes it (h = q·(n − 1) in double
 * precision, then x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])) over the same doubles (milliseconds over HOUR_MS), so the
 * same bits; one grouped aggregate instead of a ranked window over the group's rows, two to three times faster.
 * SQLite has no percentile_cont: a ranked window picks the values at ranks ⌊h⌋ and ⌊h⌋ + 1 of each quantile, four
 * values per group leave, and quantileOfSorted interpolates.
 */
function quantilesOf(run: Run, backend: StoreLocation['backend']): Quantiles {
  if (backend === 'postgres')
    return async (table, where, keys, value) => {
      const keyList = sql.join(keys.map((key, i) => sql`${key} as ${sql.raw(`k${i}`)}`));
      const rows = await run(sql<Record<string, Num | number[]>>`
        select ${keyList}, percentile_cont(array[${sql.raw(QUANTILES.map((q) => `${q}::double precision`).join(', '))}])
          within group (order by (${value})::double precision / ${sql.raw(`${HOUR_MS}`)}) as q
        from ${table} where ${where} group by ${sql.join(keys)}`);
      const groups = new Map<string, GroupQuantiles>();
      for (const row of rows) {
        const [median, p90] = row['q'] as number[];
        groups.set(keyOf(...keys.map((_, i) => String(row[`k${i}`]))), { median: median!, p90: p90! });
      }
      return groups;
    };
  const h = (q: number) => sql`(cnt - 1) * ${sql.raw(`${q}`)}`;
  return async (table, where, keys, value) => {
    const keyList = sql.join(keys.map((key, i) => sql`${key} as ${sql.raw(`k${i}`)}`));
    const partition = sql.join(keys);
    const ranks = QUANTILES.flatMap((q) => [sql`r = cast(${h(q)} as integer)`, sql`r = cast(${h(q)} as integer) + 1`]);
    const rows = await run(sql<Record<string, Num>>`
      select * from (
        select ${keyList}, ${value} as v, row_number() over (partition by ${partition} order by ${value}) - 1 as r,
          count(*) over (partition by ${partition}) as cnt
        from ${table} where ${where}
      ) ranked where ${sql.join(ranks, sql` or `)}`);
    // The sorted sample of each group as quantileOfSorted reads it: only the ranks it will ask for are there.
    const samples = new Map<string, { length: number; [rank: number]: number }>();
    for (const row of rows) {
      const key = keyOf(...keys.map((_, i) => String(row[`k${i}`])));
      let sorted = samples.get(key);
      if (sorted === undefined) samples.set(key, (sorted = { length: Number(row['cnt']) }));
      sorted[Number(row['r'])] = Number(row['v']) / HOUR_MS;
    }
    const groups = new Map<string, GroupQuantiles>();
    for (const [key, sorted] of samples) {
      const [median, p90] = QUANTILES.map((q) => quantileOfSorted(sorted, q));
      groups.set(key, { median: median!, p90: p90! });
    }
    return groups;
  };
}

/** A Summary in hours from a group's size, sum of milliseconds and quantiles. */
function summary(n: number, sumMs: number, { median, p90 }: GroupQuantiles): Summary {
  return { n, mean: sumMs / HOUR_MS / n, median, p90 };
}

const keyOf = (...parts: readonly string[]): string => parts.join('\u0000');
const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;
