import type { Parameter } from '../model/types.js';
import type { CongestionParameters } from './graph.js';

/** The corridor model's constants, read from the demand folder's parameters.csv. */
export interface ModelParameters {
  outsideOptionFactor: number;
  congestion: CongestionParameters;
  logitThetaPerUsd: number;
  logitRoutes: number;
}

export const MODEL_PARAMETER_KEYS = [
  'outside_option_factor',
  'bpr_alpha_link',
  'bpr_beta_link',
  'bpr_alpha_border',
  'bpr_beta_border',
  'bpr_alpha_port',
  'bpr_beta_port',
  'logit_theta_per_usd',
  'logit_routes',
] as const;

/** Reads the model constants; throws RangeError naming the first missing key (the adapter checks them first). */
export function modelParameters(parameters: readonly Parameter[]): ModelParameters {
  const get = (key: (typeof MODEL_PARAMETER_KEYS)[number]): number => {
    const found = parameters.find((parameter) => parameter.key === key);
    if (found === undefined) throw new RangeError(`the corridor parameters lack "${key}"`);
    return found.value;
  };
  return {
    outsideOptionFactor: get('outside_option_factor'),
    congestion: {
      link: { alpha: get('bpr_alpha_link'), beta: get('bpr_beta_link') },
      border: { alpha: get('bpr_alpha_border'), beta: get('bpr_beta_border') },
      port: { alpha: get('bpr_alpha_port'), beta: get('bpr_beta_port') },
    },
    logitThetaPerUsd: get('logit_theta_per_usd'),
    logitRoutes: Math.max(1, Math.round(get('logit_routes'))),
  };
}

export function missingModelParameters(parameters: readonly Parameter[]): string[] {
  return MODEL_PARAMETER_KEYS.filter((key) => !parameters.some((parameter) => parameter.key === key));
}
