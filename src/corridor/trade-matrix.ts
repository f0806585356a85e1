import type { Commodity, DemandRow, TradeFlow, ZoneWeight } from './types.js';

/** A zone's share of one side of a trade flow, and the weight rows it came from. */
interface ZoneShare {
  zone: string;
  share: number;
}

/**
 * The zones one side of a flow spreads over: the country's rows for the commodity (else its rows without a
 * commodity) whose role fits, each weight over their sum; a row's named zones narrow them (renormalized).
 * Returns undefined when nothing fits, which the data check reports.
 */
export function zoneShares(
  zones: readonly ZoneWeight[],
  country: string,
  commodity: Commodity,
  side: 'origin' | 'destination',
  only: readonly string[] = [],
): ZoneShare[] | undefined {
  const fits = (row: ZoneWeight) =>
    row.country === country &&
    (row.role === side || row.role === 'both') &&
    (only.length === 0 || only.includes(row.zone));
  let rows = zones.filter((row) => fits(row) && row.commodity === commodity);
  if (rows.length === 0) rows = zones.filter((row) => fits(row) && row.commodity === undefined);
  if (rows.length === 0) return undefined;
  const total = rows.reduce((sum, row) => sum + row.weight, 0);
  const byZone = new Map<string, number>();
  for (const row of rows) byZone.set(row.zone, (byZone.get(row.zone) ?? 0) + row.weight / total);
  return [...byZone].map(([zone, share]) => ({ zone, share }));
}

/**
 * The zone-to-zone demand of the trade flows (the prior of the calibration): each flow's tonnes split over its
 * origin zones by their weights and over its destination zones by theirs (a gravity split with no distance term:
 * the network's costs decide the routes, the zone weights only say where the cargo is made and used). Rows with
 * the same zones and commodity add up; each keeps the flows it came from in its sources and notes.
 */
export function tradeMatrix(trade: readonly TradeFlow[], zones: readonly ZoneWeight[]): DemandRow[] {
  const cells = new Map<string, DemandRow & { flowIds: string[] }>();
  for (const flow of trade) {
    const from = zoneShares(zones, flow.originCountry, flow.commodity, 'origin', flow.originZones);
    const to = zoneShares(zones, flow.destinationCountry, flow.commodity, 'destination', flow.destinationZones);
    if (from === undefined || to === undefined) continue;
    for (const a of from)
      for (const b of to) {
        if (a.zone === b.zone) continue;
        const key = `${a.zone}|${b.zone}|${flow.commodity}|${flow.year}`;
        const mt = flow.mtPerYr * a.share * b.share;
        const cell = cells.get(key);
        if (cell === undefined)
          cells.set(key, {
            from: a.zone,
            to: b.zone,
            commodity: flow.commodity,
            year: flow.year,
            mtPerYr: mt,
            sources: [...flow.sources],
            confidence: 'derived',
            estimatedFields: flow.confidence === 'estimate' ? ['mt_per_yr'] : [],
            flowIds: [flow.id],
          });
        else {
          cell.mtPerYr += mt;
          for (const s of flow.sources) if (!cell.sources.includes(s)) cell.sources.push(s);
          if (flow.confidence === 'estimate') cell.estimatedFields = ['mt_per_yr'];
          if (!cell.flowIds.includes(flow.id)) cell.flowIds.push(flow.id);
        }
      }
  }
  return [...cells.values()].map(({ flowIds, ...row }) => ({
    ...row,
    notes: `Trade flows ${flowIds.join(', ')} (trade.csv) split over zones by their weights (zones.csv).`,
  }));
}
