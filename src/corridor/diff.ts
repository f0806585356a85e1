import type { FlowReport } from './report.js';

export interface Side<T> {
  base: T;
  other: T;
  change: T;
}

const side = (base: number, other: number): Side<number> => ({ base, other, change: other - base });

export interface ScenarioDiff {
  base: { name: string; year: number };
  other: { name: string; year: number };
  totals: Record<
    'demandMt' | 'servedMt' | 'unservedMt' | 'avgHoursPerT' | 'avgUsdPerT' | 'generalizedCostMusd',
    Side<number>
  >;
  targets: {
    corridor: string;
    measure: string;
    throughputMt: Side<number>;
    /**
     * The change split into tonnes the pairs gained or lost (induced: Σ Δdemand × the pair's share on the measure in
     * the other scenario) and tonnes that changed route (diverted: the rest). Gateway measures of logit runs only.
     */
    inducedMt?: number;
    divertedMt?: number;
    targetMt: { base: number; other: number };
    attained: { base: boolean; other: boolean };
  }[];
  commodities: { commodity: string; avgHours: Side<number>; avgUsd: Side<number>; servedMt: Side<number> }[];
  corridors: { id: string; mtKm: Side<number>; share: Side<number> }[];
  elements: { element: string; flowMt: Side<number>; vc: Side<number> }[];
  pairs: {
    from: string;
    to: string;
    class: string;
    hours: Side<number>;
    generalizedUsd: Side<number>;
    unservedMt: Side<number>;
    via: { base: string[]; other: string[] };
  }[];
}

/** Two flow reports side by side: the other scenario's values, the base's, and the change. */
export function diffReports(baseName: string, base: FlowReport, otherName: string, other: FlowReport): ScenarioDiff {
  const keys = ['demandMt', 'servedMt', 'unservedMt', 'avgHoursPerT', 'avgUsdPerT', 'generalizedCostMusd'] as const;
  const totals = Object.fromEntries(
    keys.map((key) => [key, side(base.totals[key], other.totals[key])]),
  ) as ScenarioDiff['totals'];
  const targets = base.targets.map((target, index) => {
    const match = other.targets[index]!;
    const induced = inducedOnMeasure(base, other, index);
    const change = match.throughputMt - target.throughputMt;
    return {
      corridor: target.corridor,
      measure: target.measure.replace(/ \(.*\)$/, ''),
      throughputMt: side(target.throughputMt, match.throughputMt),
      ...(induced === undefined ? {} : { inducedMt: induced, divertedMt: change - induced }),
      targetMt: { base: target.targetMt, other: match.targetMt },
      attained: { base: target.attained, other: match.attained },
    };
  });
  const commodities = base.commodities.map((row) => {
    const match = other.commodities.find((candidate) => candidate.commodity === row.commodity);
    return {
      commodity: row.commodity,
      avgHours: side(row.avgHours, match?.avgHours ?? 0),
      avgUsd: side(row.avgUsd, match?.avgUsd ?? 0),
      servedMt: side(row.servedMt, match?.servedMt ?? 0),
    };
  });
  const corridors = base.corridors.map((row) => {
    const match = other.corridors.find((candidate) => candidate.id === row.id);
    return { id: row.id, mtKm: side(row.mtKm, match?.mtKm ?? 0), share: side(row.share, match?.share ?? 0) };
  });
  const elementKey = (e: FlowReport['elements'][number]) =>
    `${e.kind}:${e.id}:${e.direction}${e.layer === undefined ? '' : `:${e.layer}`}`;
  const elementKeys = [...new Set([...base.elements.map(elementKey), ...other.elements.map(elementKey)])];
  const elements = elementKeys.map((key) => {
    const a = base.elements.find((e) => elementKey(e) === key);
    const b = other.elements.find((e) => elementKey(e) === key);
    return { element: key, flowMt: side(a?.flowMt ?? 0, b?.flowMt ?? 0), vc: side(a?.vc ?? 0, b?.vc ?? 0) };
  });
  const pairKey = (p: FlowReport['pairs'][number]) => `${p.from}|${p.to}|${p.class}`;
  const pairs = base.pairs
    .map((pair) => {
      const match = other.pairs.find((candidate) => pairKey(candidate) === pairKey(pair));
      if (match === undefined) return undefined;
      return {
        from: pair.from,
        to: pair.to,
        class: pair.class,
        hours: side(pair.route.hours, match.route.hours),
        generalizedUsd: side(pair.route.generalizedUsd, match.route.generalizedUsd),
        unservedMt: side(pair.unservedMt, match.unservedMt),
        via: {
          base: pair.route.outside ? ['(outside option)'] : pair.route.via,
          other: match.route.outside ? ['(outside option)'] : match.route.via,
        },
      };
    })
    .filter((pair) => pair !== undefined);
  return {
    base: { name: baseName, year: base.year },
    other: { name: otherName, year: other.year },
    totals,
    targets,
    commodities,
    corridors,
    elements,
    pairs,
  };
}

/** Σ over pairs of (demand in other − demand in base) × the pair's share on measure `m` in other; see ScenarioDiff. */
function inducedOnMeasure(base: FlowReport, other: FlowReport, m: number): number | undefined {
  const key = (p: FlowReport['pairs'][number]) => `${p.from}|${p.to}|${p.class}`;
  const before = new Map(base.pairs.map((p) => [key(p), p.demandMt]));
  let induced = 0;
  for (const pair of other.pairs) {
    const on = pair.measureMt?.[m];
    if (on === undefined || on === null) return undefined;
    if (pair.demandMt > 0) induced += (pair.demandMt - (before.get(key(pair)) ?? 0)) * (on / pair.demandMt);
  }
  return induced;
}
