import { describe, expect, it } from 'vitest';
import { networkIndex } from './network-index.js';
import { checkParameters, NETWORK_PARAMETERS, type ParameterSpec } from './parameters.js';
import { emptyNetwork, type Parameter } from './types.js';

const row = (key: string, value: number, line: number): Parameter => ({
  key,
  value,
  unit: 'x',
  sources: ['s'],
  confidence: 'estimate',
  origin: { file: 'parameters.csv', line },
});

const SPECS = {
  routes: { key: 'routes', unit: 'routes', required: true, min: 1, max: 10, integer: true },
  ratio: { key: 'ratio', unit: 'p90 / median', default: 1, required: false, min: 1, max: 5 },
} satisfies Record<string, ParameterSpec>;

describe('model parameters', () => {
  it('reports a missing required row by key, and a value out of range or not whole by line', () => {
    expect(checkParameters([], SPECS, 'parameters.csv')).toEqual([
      {
        severity: 'error',
        file: 'parameters.csv',
        field: 'routes',
        message: 'expected a whole number from 1 to 10 (routes): the row is missing',
      },
    ]);
    const issues = checkParameters([row('routes', 2.5, 2), row('ratio', 0.5, 3)], SPECS, 'parameters.csv');
    expect(issues.map((issue) => [issue.line, issue.field, issue.message])).toEqual([
      [2, 'routes', 'expected a whole number from 1 to 10 (routes), got 2.5'],
      [3, 'ratio', 'expected a number from 1 to 5 (p90 / median), got 0.5'],
    ]);
    expect(checkParameters([row('routes', 3, 2), row('unread', -1, 3)], SPECS, 'parameters.csv')).toEqual([]);
  });

  it('gives a derived network its own index, with defaults for the rows it lacks', () => {
    const network = { ...emptyNetwork(), parameters: [row(NETWORK_PARAMETERS.tPerTeu.key, 12, 2)] };
    expect(networkIndex(network).parameters).toEqual({ tPerTeu: 12, handlingP90Ratio: 1, runningP90Ratio: 1 });
    expect(networkIndex(network)).toBe(networkIndex(network));
    const derived = { ...network, parameters: [row(NETWORK_PARAMETERS.handlingP90Ratio.key, 2, 2)] };
    expect(networkIndex(derived).parameters).toEqual({ handlingP90Ratio: 2, runningP90Ratio: 1 });
  });
});
