import { checkParameters, requiredParameter, type ParameterSpec } from '../model/parameters.js';
import type { InputIssue } from '../model/issues.js';
import type { Parameter } from '../model/types.js';
import type { DemandResponse } from './demand-response.js';
import type { CongestionParameters } from './graph.js';

/** The corridor model's constants, read from the demand folder's parameters.csv. */
export interface ModelParameters {
  outsideOptionFactor: number;
  congestion: CongestionParameters;
  logitThetaPerUsd: number;
  logitPathSize: number;
  logitRoutes: number;
  response: DemandResponse;
  /** λ of the calibration: weight of the prior matrix against the counts (see docs/demand.md). */
  calibrationPriorWeight: number;
}

const bprAlpha = (key: string): ParameterSpec => ({
  key,
  unit: 'delay scale multiplier',
  required: true,
  min: 0,
  max: 100,
});
const bprBeta = (key: string): ParameterSpec => ({ key, unit: 'power', required: true, min: 0, max: 20 });

/** Every parameter of the demand folder's parameters.csv the corridor model reads (docs/data-format.md). */
export const CORRIDOR_PARAMETERS = {
  outsideOptionFactor: {
    key: 'outside_option_factor',
    unit: '× base-year best route cost',
    required: true,
    min: 1,
    max: 100,
  },
  bprAlphaLink: bprAlpha('bpr_alpha_link'),
  bprBetaLink: bprBeta('bpr_beta_link'),
  bprAlphaBorder: bprAlpha('bpr_alpha_border'),
  bprBetaBorder: bprBeta('bpr_beta_border'),
  bprAlphaPort: bprAlpha('bpr_alpha_port'),
  bprBetaPort: bprBeta('bpr_beta_port'),
  logitThetaPerUsd: { key: 'logit_theta_per_usd', unit: 'per USD per tonne', required: true, min: 0.0001, max: 100 },
  logitPathSize: {
    key: 'logit_path_size',
    unit: 'weight of ln(path size)',
    default: 1,
    required: false,
    min: 0,
    max: 10,
  },
  incomeElasticity: {
    key: 'trade_income_elasticity',
    unit: '% trade per % GDP',
    default: 1,
    required: false,
    min: 0,
    max: 5,
  },
  costElasticity: {
    key: 'trade_cost_elasticity',
    unit: '−dln(t) per USD/t ÷ value',
    default: 0,
    required: false,
    min: 0,
    max: 20,
  },
  timeSemiElasticity: {
    key: 'trade_time_semi_elasticity',
    unit: '−dln(t) per day',
    default: 0,
    required: false,
    min: 0,
    max: 1,
  },
  calibrationPriorWeight: {
    key: 'calibration_prior_weight',
    unit: 'weight of the prior',
    default: 0.01,
    required: false,
    min: 0,
    max: 1000,
  },
  logitRoutes: { key: 'logit_routes', unit: 'routes per pair', required: true, min: 1, max: 50, integer: true },
  // 8% a year over 30 years, the optimizer's default when a dataset gives none.
  capitalRecoveryFactor: {
    key: 'capital_recovery_factor',
    unit: 'per year',
    default: 0.0888,
    required: false,
    min: 0.0001,
    max: 1,
  },
} as const satisfies Record<string, ParameterSpec>;

/** Missing or out-of-range rows as issues against the demand folder's parameters.csv. */
export function checkModelParameters(parameters: readonly Parameter[], file = 'parameters.csv'): InputIssue[] {
  return checkParameters(parameters, CORRIDOR_PARAMETERS, parameters[0]?.origin?.file ?? file);
}

/** Reads the model constants; the loader has checked them (checkModelParameters), so a missing one is a bug. */
export function modelParameters(parameters: readonly Parameter[]): ModelParameters {
  const get = (spec: ParameterSpec): number => requiredParameter(parameters, spec);
  const p = CORRIDOR_PARAMETERS;
  return {
    outsideOptionFactor: get(p.outsideOptionFactor),
    congestion: {
      link: { alpha: get(p.bprAlphaLink), beta: get(p.bprBetaLink) },
      border: { alpha: get(p.bprAlphaBorder), beta: get(p.bprBetaBorder) },
      port: { alpha: get(p.bprAlphaPort), beta: get(p.bprBetaPort) },
    },
    logitThetaPerUsd: get(p.logitThetaPerUsd),
    logitPathSize: get(p.logitPathSize),
    logitRoutes: Math.max(1, Math.round(get(p.logitRoutes))),
    response: {
      incomeElasticity: get(p.incomeElasticity),
      costElasticity: get(p.costElasticity),
      timeSemiElasticityPerDay: get(p.timeSemiElasticity),
    },
    calibrationPriorWeight: get(p.calibrationPriorWeight),
  };
}
