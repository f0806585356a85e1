import { normalQuantile } from '../../numeric/sampling.js';
import type { ModelParameters } from '../parameters.js';
import type { Commodity, GrowthRate, Lever } from '../types.js';
import type { Distribution, UncertainInput } from './inputs.js';

/**
 * The value of an input at a design coordinate u in (0, 1), by inverse transform: multiplier, shift or years late.
 * Rounded to 12 significant digits so the value is the same text in JSON wherever it was computed.
 */
export function drawValue(distribution: Distribution, u: number): number {
  // A design coordinate may be 0 exactly (a Sobol point); keep it inside the open interval.
  const p = Math.min(1 - 2 ** -40, Math.max(2 ** -40, u));
  switch (distribution.type) {
    case 'lognormal':
      return Number(Math.exp(distribution.sigma * normalQuantile(p)).toPrecision(12));
    case 'normal':
      return Number((distribution.sd * normalQuantile(p)).toPrecision(12));
    case 'delay':
      return Math.min(distribution.max, Math.floor(p * (distribution.max + 1)));
  }
}

/** What one sample changes: levers on the scenario's state, the model constants and the growth rates. */
export interface SampleChanges {
  levers: Lever[];
  parameters: ModelParameters;
  growth: GrowthRate[];
}

/**
 * Turns a sample's values (one per input, in the inputs' order) into changes of the base scenario: levers for the
 * network and the demand, multipliers of the constants, a shift of the growth rates. Opening years are delayed from
 * the scenario's own.
 */
export function sampleChanges(
  inputs: readonly UncertainInput[],
  values: ArrayLike<number>,
  parameters: ModelParameters,
  growth: readonly GrowthRate[],
): SampleChanges {
  const levers: Lever[] = [];
  let next: ModelParameters = parameters;
  let shiftPp = 0;
  inputs.forEach((input, k) => {
    const value = values[k]!;
    const [, a, b] = input.id.split(':') as [string, string, string | undefined];
    switch (input.kind) {
      case 'demand':
        levers.push({ type: 'demand_growth', multiplier: value, commodities: [a as Commodity], pairs: [] });
        break;
      case 'growth':
        shiftPp += value;
        break;
      case 'elasticity': {
        const response = { ...next.response };
        if (a === 'income') response.incomeElasticity *= value;
        else if (a === 'cost') response.costElasticity *= value;
        else response.timeSemiElasticityPerDay *= value;
        next = { ...next, response };
        break;
      }
      case 'choice':
        next = { ...next, logitThetaPerUsd: next.logitThetaPerUsd * value };
        break;
      case 'tariff':
        levers.push({
          type: 'tariff',
          multiplier: value,
          modes: [a as Extract<Lever, { type: 'tariff' }>['modes'][number]],
          countries: [],
          links: [],
          corridors: [],
        });
        break;
      case 'border_dwell':
        levers.push({ type: 'border_dwell', nodes: [], countries: [a], multiplier: value });
        break;
      case 'capacity':
        levers.push({ type: 'capacity', ...(a === 'link' ? { link: b! } : { node: b! }), multiplier: value });
        break;
      case 'opening_year':
        if (value > 0) levers.push({ type: 'open_link', link: a, openingYear: input.nominal + value });
        break;
    }
  });
  return {
    levers,
    parameters: next,
    growth: shiftPp === 0 ? [...growth] : growth.map((row) => ({ ...row, gdpGrowthPct: row.gdpGrowthPct + shiftPp })),
  };
}
