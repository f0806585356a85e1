import type { Provenance } from '../../model/types.js';
import type { Confidence, Mode } from '../../model/vocabulary.js';
import { CORRIDOR_PARAMETERS } from '../parameters.js';
import { baseDemand, type CompiledScenario, type CorridorSession } from '../session.js';

/** What a sweep can vary, each kind a family of inputs (docs/uncertainty.md). */
export const INPUT_KINDS = [
  'demand',
  'growth',
  'elasticity',
  'choice',
  'tariff',
  'border_dwell',
  'capacity',
  'opening_year',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/**
 * How an input's value is drawn: a lognormal multiplier of the dataset's figure (median 1), a normal shift added to
 * it, or a whole number of years of delay, uniform from 0 to `max`.
 */
export type Distribution =
  { type: 'lognormal'; sigma: number } | { type: 'normal'; sd: number } | { type: 'delay'; max: number };

export interface UncertainInput {
  /** `kind:what`, e.g. `tariff:rail`, `capacity:link:aktau-port`, `opening_year:khash-chabahar-rail`. */
  id: string;
  kind: InputKind;
  label: string;
  /** The confidence the spread was set from: the record's, or for a group the one that carries most weight. */
  confidence: Confidence;
  distribution: Distribution;
  /** The figure the draw applies to, for the reader: the dataset's value (multiplied, shifted or delayed). */
  nominal: number;
  unit: string;
  /** How the spread was set. */
  rule: string;
}

/**
 * The spread of each confidence level: σ of the log of a multiplier (reported ±8% at 90%, derived ±28%, estimate
 * ×/÷1.64), the standard deviation of a growth rate in percentage points, and the most years a planned link may be
 * late. Wider as the figure is less certain; a figure the source gives as a range would take the range instead.
 */
export const SPREAD: Record<Confidence, { sigma: number; growthPp: number; delayYears: number }> = {
  reported: { sigma: 0.05, growthPp: 0.5, delayYears: 1 },
  derived: { sigma: 0.15, growthPp: 1, delayYears: 2 },
  estimate: { sigma: 0.3, growthPp: 2, delayYears: 4 },
};

const ORDER: Confidence[] = ['reported', 'derived', 'estimate'];

/** A field's confidence: `estimate` when the record lists it among its estimated fields, else the record's. */
function fieldConfidence(record: Provenance, field: string): Confidence {
  return record.estimatedFields.includes(field) ? 'estimate' : record.confidence;
}

/**
 * A group's spread: the root mean square of its records' σ, weighted (by tonnes, km or equally), so a group that is
 * mostly reported is narrow and one mostly estimated wide; its confidence is the level with the most weight.
 */
function groupSpread(items: readonly { confidence: Confidence; weight: number }[]) {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  const byLevel = new Map<Confidence, number>();
  let square = 0;
  for (const item of items) {
    square += (item.weight / total) * SPREAD[item.confidence].sigma ** 2;
    byLevel.set(item.confidence, (byLevel.get(item.confidence) ?? 0) + item.weight);
  }
  const confidence = ORDER.reduce((best, level) =>
    (byLevel.get(level) ?? 0) > (byLevel.get(best) ?? 0) ? level : best,
  );
  return { sigma: Math.sqrt(square), confidence };
}

const round = (value: number) => Number(value.toPrecision(6));

/**
 * Every figure of the dataset a sweep can vary, with the distribution its provenance gives it, in a fixed order
 * (kind, then id): the same dataset and scenario give the same list, so a design point's coordinates mean the same
 * on every machine.
 */
export function uncertainInputs(session: CorridorSession, compiled: CompiledScenario): UncertainInput[] {
  const { data } = session;
  const network = compiled.state.network;
  const inputs: UncertainInput[] = [];
  const rule = (what: string) =>
    `${what}; σ of ln by confidence (${ORDER.map((c) => `${c} ${SPREAD[c].sigma}`).join(', ')})`;

  // Demand: the base-year tonnes of each commodity, weighted by the tonnes of each confidence.
  const demand = baseDemand(data);
  for (const commodity of [...new Set(demand.map((row) => row.commodity))].sort()) {
    const rows = demand.filter((row) => row.commodity === commodity);
    const { sigma, confidence } = groupSpread(
      rows.map((row) => ({ confidence: fieldConfidence(row, 'mt_per_yr'), weight: row.mtPerYr })),
    );
    inputs.push({
      id: `demand:${commodity}`,
      kind: 'demand',
      label: `base-year tonnes of ${commodity}`,
      confidence,
      distribution: { type: 'lognormal', sigma: round(sigma) },
      nominal: round(rows.reduce((sum, row) => sum + row.mtPerYr, 0)),
      unit: 'Mt/yr',
      rule: rule('root mean square over the matrix rows, weighted by tonnes'),
    });
  }

  // GDP growth: one shift of every country's rate, the common shock of a regional slowdown or boom.
  if (data.growth.length > 0) {
    const levels = data.growth.map((row) => ({ confidence: fieldConfidence(row, 'gdp_growth_pct'), weight: 1 }));
    const { confidence } = groupSpread(levels);
    inputs.push({
      id: 'growth:gdp',
      kind: 'growth',
      label: 'real GDP growth of every country, shifted alike',
      confidence,
      distribution: { type: 'normal', sd: SPREAD[confidence].growthPp },
      nominal: 0,
      unit: 'percentage points a year',
      rule: `normal shift, sd by the confidence most rows of growth.csv have (${ORDER.map((c) => `${c} ${SPREAD[c].growthPp}`).join(', ')} pp)`,
    });
  }

  // The demand model's elasticities, each from its parameters.csv row.
  const parameter = (key: string) => data.parameters.find((row) => row.key === key);
  const elasticities = [
    ['income', CORRIDOR_PARAMETERS.incomeElasticity.key],
    ['cost', CORRIDOR_PARAMETERS.costElasticity.key],
    ['time', CORRIDOR_PARAMETERS.timeSemiElasticity.key],
  ] as const;
  for (const [name, key] of elasticities) {
    const row = parameter(key);
    if (row === undefined || !(row.value > 0)) continue;
    inputs.push({
      id: `elasticity:${name}`,
      kind: 'elasticity',
      label: key,
      confidence: row.confidence,
      distribution: { type: 'lognormal', sigma: SPREAD[row.confidence].sigma },
      nominal: row.value,
      unit: row.unit,
      rule: rule(`parameters.csv row ${key}`),
    });
  }

  // The logit dispersion: its estimated standard error when caravan calibrate wrote one (estimates.csv), else its
  // row's confidence.
  const theta = parameter(CORRIDOR_PARAMETERS.logitThetaPerUsd.key);
  if (theta !== undefined) {
    const se = Number(/\bSE ([0-9.]+(?:e[-+]?\d+)?)/i.exec(theta.notes ?? '')?.[1]);
    const estimated = Number.isFinite(se) && se > 0;
    inputs.push({
      id: 'choice:theta',
      kind: 'choice',
      label: 'logit dispersion θ of route choice',
      confidence: theta.confidence,
      distribution: {
        type: 'lognormal',
        sigma: round(estimated ? Math.log(1 + se / theta.value) : SPREAD[theta.confidence].sigma),
      },
      nominal: theta.value,
      unit: theta.unit,
      rule: estimated
        ? `σ of ln θ = ln(1 + SE/θ) from the standard error caravan calibrate estimated (${se})`
        : rule('no standard error estimated for the θ in use (caravan calibrate --adopt-theta writes one)'),
    });
  }

  // Tariffs, by mode: every link of the mode alike, weighted by km.
  for (const mode of [...new Set(network.links.map((link) => link.mode))].sort() as Mode[]) {
    const links = network.links.filter((link) => link.mode === mode && link.tariffUsdPerTkm > 0);
    if (links.length === 0) continue;
    const { sigma, confidence } = groupSpread(
      links.map((link) => ({ confidence: fieldConfidence(link, 'tariff_usd_per_tkm'), weight: link.km })),
    );
    inputs.push({
      id: `tariff:${mode}`,
      kind: 'tariff',
      label: `${mode} tariffs (every ${mode} link alike)`,
      confidence,
      distribution: { type: 'lognormal', sigma: round(sigma) },
      nominal: 1,
      unit: '× the dataset tariffs',
      rule: rule('root mean square over the links of the mode, weighted by km'),
    });
  }

  // Border dwell, by country: its crossings alike.
  const crossings = network.nodes.filter((node) => node.border !== undefined);
  for (const country of [...new Set(crossings.map((node) => node.country))].sort()) {
    const nodes = crossings.filter((node) => node.country === country);
    const { sigma, confidence } = groupSpread(
      nodes.map((node) => ({ confidence: fieldConfidence(node, 'dwell_median_h'), weight: 1 })),
    );
    inputs.push({
      id: `border_dwell:${country}`,
      kind: 'border_dwell',
      label: `dwell at ${country}'s border crossings (${nodes.map((node) => node.id).join(', ')})`,
      confidence,
      distribution: { type: 'lognormal', sigma: round(sigma) },
      nominal: 1,
      unit: '× the dataset dwell times',
      rule: rule('root mean square over the crossings, equal weights'),
    });
  }

  // Capacities: each link and node with one.
  for (const [kind, records] of [
    ['link', network.links],
    ['node', network.nodes],
  ] as const) {
    for (const record of records) {
      if (record.capacityMtPerYr === undefined) continue;
      const confidence = fieldConfidence(record, 'capacity_mt_per_yr');
      inputs.push({
        id: `capacity:${kind}:${record.id}`,
        kind: 'capacity',
        label: `capacity of ${kind} ${record.id}`,
        confidence,
        distribution: { type: 'lognormal', sigma: SPREAD[confidence].sigma },
        nominal: record.capacityMtPerYr,
        unit: 'Mt/yr',
        rule: rule(`${kind}s.csv row ${record.id}`),
      });
    }
  }

  // Opening years of links not yet open, as the scenario has them: late by 0 to a few whole years.
  for (const link of network.links) {
    if (link.status === 'operational' || link.openingYear === undefined) continue;
    const confidence = fieldConfidence(link, 'opening_year');
    inputs.push({
      id: `opening_year:${link.id}`,
      kind: 'opening_year',
      label: `opening of ${link.id} (${link.status.replace('_', ' ')}), years late`,
      confidence,
      distribution: { type: 'delay', max: SPREAD[confidence].delayYears },
      nominal: link.openingYear,
      unit: 'year',
      rule: `0 to ${SPREAD[confidence].delayYears} years late, uniform (${ORDER.map((c) => `${c} ${SPREAD[c].delayYears}`).join(', ')})`,
    });
  }

  return inputs.sort(
    (a, b) => INPUT_KINDS.indexOf(a.kind) - INPUT_KINDS.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The inputs a sweep file's `inputs` names: `all`, or kinds and ids. Unknown names are the caller's to report. */
export function selectInputs(all: readonly UncertainInput[], names: 'all' | readonly string[]): UncertainInput[] {
  if (names === 'all') return [...all];
  return all.filter((input) => names.includes(input.kind) || names.includes(input.id));
}
