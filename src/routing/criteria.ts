import type { MultimodalGraph } from '../graph/multimodal.js';

export const CRITERIA = ['time', 'cost', 'co2', 'distance', 'generalized'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface GeneralizedCostParameters {
  /** USD per cargo unit per hour in transit (inventory, capital and shelf-life cost). */
  valueOfTimeUsdPerH: number;
  /** USD per tonne of CO2e; 0 when carbon is not priced. */
  carbonPriceUsdPerT: number;
}

/** The edge weights a criterion minimizes. Generalized cost is money plus time and carbon priced in money. */
export function criterionWeights(
  graph: MultimodalGraph,
  criterion: Criterion,
  generalized: GeneralizedCostParameters = { valueOfTimeUsdPerH: 0, carbonPriceUsdPerT: 0 },
): Float64Array {
  switch (criterion) {
    case 'time':
      return graph.hours;
    case 'cost':
      return graph.usd;
    case 'co2':
      return graph.kgCo2e;
    case 'distance':
      return graph.km;
    case 'generalized': {
      const { usd, hours, kgCo2e } = graph;
      const valueOfTime = generalized.valueOfTimeUsdPerH;
      const carbonPerKg = generalized.carbonPriceUsdPerT / 1000;
      const weights = new Float64Array(usd.length);
      for (let e = 0; e < weights.length; e++)
        weights[e] = usd[e]! + valueOfTime * hours[e]! + carbonPerKg * kgCo2e[e]!;
      return weights;
    }
  }
}
