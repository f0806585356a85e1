import { volumeDelay } from '../numeric/volume-delay.js';
import type { AssignmentNetwork } from './network.js';

/**
 * The BPR volume-delay function t(v) = fftt · (1 + b · (v / c)^power), its derivative and its integral (the link's
 * term of the Beckmann objective), on the shared volume-delay term. Power 4, the common case, avoids Math.pow.
 */
export function bprCost(fftt: number, b: number, capacity: number, power: number, volume: number): number {
  if (b === 0 || volume <= 0) return power === 0 ? fftt * (1 + b) : fftt;
  return fftt * (1 + volumeDelay(b, volume, capacity, power));
}

export function bprDerivative(fftt: number, b: number, capacity: number, power: number, volume: number): number {
  if (b === 0 || power === 0) return 0;
  if (volume <= 0) return power === 1 ? (fftt * b) / capacity : 0;
  const x = volume / capacity;
  if (power === 4) return (fftt * b * 4 * x * x * x) / capacity;
  return (fftt * b * power * Math.pow(x, power - 1)) / capacity;
}

/** ∫₀^v t(w) dw. */
export function bprIntegral(fftt: number, b: number, capacity: number, power: number, volume: number): number {
  if (volume <= 0) return 0;
  if (b === 0) return fftt * volume;
  const x = volume / capacity;
  const xp1 = power === 4 ? x * x * x * x * x : Math.pow(x, power + 1);
  return fftt * (volume + (b * capacity * xp1) / (power + 1));
}

export function updateCosts(network: AssignmentNetwork, volume: Float64Array, cost: Float64Array): void {
  const { freeFlowTime, b, capacity, power, linkCount } = network;
  for (let e = 0; e < linkCount; e++) {
    cost[e] = bprCost(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, volume[e]!);
  }
}

export function updateDerivatives(network: AssignmentNetwork, volume: Float64Array, derivative: Float64Array): void {
  const { freeFlowTime, b, capacity, power, linkCount } = network;
  for (let e = 0; e < linkCount; e++) {
    derivative[e] = bprDerivative(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, volume[e]!);
  }
}

/** The Beckmann objective Σ_a ∫₀^{v_a} t_a(w) dw, which user equilibrium minimizes. */
export function beckmann(network: AssignmentNetwork, volume: Float64Array): number {
  const { freeFlowTime, b, capacity, power, linkCount } = network;
  let sum = 0;
  for (let e = 0; e < linkCount; e++) sum += bprIntegral(freeFlowTime[e]!, b[e]!, capacity[e]!, power[e]!, volume[e]!);
  return sum;
}

/** Total system travel time Σ_a v_a t_a. */
export function totalTravelTime(volume: Float64Array, cost: Float64Array): number {
  let sum = 0;
  for (let e = 0; e < volume.length; e++) sum += volume[e]! * cost[e]!;
  return sum;
}
