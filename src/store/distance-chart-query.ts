import { sql, type Kysely } from 'kysely';
import type { SectionDistances } from '../monitoring/distance.js';
import { HOUR_MS } from '../monitoring/timestamp.js';
import {
  distanceChartOfWays,
  type DistanceChart,
  type DistanceChartOptions,
  type DistanceChartWay,
} from '../monitoring/time-distance.js';
import { shipmentFilter } from './indicator-queries.js';
import type { Tables } from './tables.js';

type Num = number | string | null;

/** Joins a trip's checkpoints into its way (the grouping key): a control character, which no node id has. */
const WAY_SEPARATOR = '\u001f';

/**
 * distanceChart (the pure core's reference) in the database: the same chart, but the visits stay in the store. One
 * pass of window functions numbers each shipment's visits, takes its departure from the origin and its way (its
 * checkpoints in order, joined); a grouped sum by corridor, synthetic, way and position gives each line's trips,
 * tonnes, and sums of cumulative hours and of payments, one row per point of the chart. The lines are then drawn by
 * distanceChartOfWays, as the pure core draws them, in the order of each way's first shipment as `Store.visits`
 * orders them (which the sort's ties keep).
 */
export async function storeDistanceChart(
  db: Kysely<Tables>,
  distances: SectionDistances,
  options: DistanceChartOptions,
): Promise<DistanceChart> {
  const { rows } = await sql<{
    corridor: string;
    synthetic: Num;
    way: string;
    rn: Num;
    node: string;
    trips: Num;
    tonnes: Num;
    arrival: Num;
    departure: Num;
    paid: Num;
    first_sid: string;
  }>`
    select corridor, synthetic, way, rn, max(node) as node, count(*) as trips, sum(cargo_t) as tonnes,
      sum(case when rn = 1 then 0 else arr_ms - start_ms end) as arrival,
      sum(case when rn = n then arr_ms - start_ms when rn = 1 then 0 else dep_ms - start_ms end) as departure,
      sum(paid) as paid, min(sid) as first_sid
    from (
      select c.shipment_id as sid, c.node as node, c.arrival_ms as arr_ms, c.departure_ms as dep_ms,
        c.official_cost_usd + c.unofficial_cost_usd as paid, s.corridor as corridor, s.synthetic as synthetic,
        s.cargo_t as cargo_t, row_number() over w as rn, count(*) over (partition by c.shipment_id) as n,
        first_value(c.departure_ms) over w as start_ms,
        string_agg(c.node, cast(${WAY_SEPARATOR} as text)) over (w rows between unbounded preceding and unbounded following) as way
      from checkpoints c inner join shipments s on s.shipment_id = c.shipment_id
      ${shipmentFilter(options)}
      window w as (partition by c.shipment_id order by c.seq)
    ) v
    group by corridor, synthetic, way, rn
    order by first_sid, rn`.execute(db);
  const ways: DistanceChartWay[] = [];
  // Each way's rows come together, positions in order: its first shipment tells them apart from the next way's.
  for (let i = 0; i < rows.length;) {
    const first = rows[i]!;
    const nodes: string[] = [];
    const arrival: number[] = [];
    const departure: number[] = [];
    const paid: number[] = [];
    for (; i < rows.length && rows[i]!.first_sid === first.first_sid; i++) {
      const row = rows[i]!;
      nodes.push(row.node);
      arrival.push(Number(row.arrival) / HOUR_MS);
      departure.push(Number(row.departure) / HOUR_MS);
      paid.push(Number(row.paid));
    }
    ways.push({
      corridor: first.corridor,
      synthetic: Number(first.synthetic) === 1,
      nodes,
      trips: Number(first.trips),
      tonnes: Number(first.tonnes),
      arrivalHSum: arrival,
      departureHSum: departure,
      paidUsdSum: paid,
    });
  }
  return distanceChartOfWays(ways, distances, options);
}
