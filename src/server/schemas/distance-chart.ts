import { z } from 'zod';
import type { DistanceChart, DistanceChartPoint, DistanceChartSeries } from '../../monitoring/time-distance.js';
import type { SameKeys } from './same-keys.js';

/** The API's description of the time/cost-distance chart (src/monitoring/time-distance.ts); checked below. */

const point = z.object({
  node: z.string(),
  km: z.number().describe('from the origin along the network'),
  arrivalH: z.number().describe('mean hours since the departure from the origin, on arrival here'),
  departureH: z.number().describe('the same on departure from here (at the destination: on arrival)'),
  arrivalUsdPerT: z.number().describe('USD per tonne paid before this checkpoint'),
  departureUsdPerT: z.number().describe('USD per tonne paid up to and including this checkpoint'),
});

const series = z.object({
  corridor: z.string(),
  label: z.enum(['OBSERVED', 'SYNTHETIC']).describe('observed and synthetic trips never share a line'),
  trips: z.number(),
  tonnes: z.number(),
  points: z.array(point).describe('one per checkpoint of the way, origin first'),
});

export const distanceChartSchema = z.object({
  series: z.array(series).describe('one line per corridor, way through the checkpoints and label; most trips first'),
  unmeasured: z.array(z.string()).describe('ways with a section the network gives no length for: left out'),
});

const _inStep: [
  SameKeys<DistanceChart, typeof distanceChartSchema>,
  SameKeys<DistanceChartSeries, typeof series>,
  SameKeys<DistanceChartPoint, typeof point>,
] = [true, true, true];
/** Compile-time: the core's chart fits the schema. */
const _fits = (chart: DistanceChart) => chart satisfies z.output<typeof distanceChartSchema>;
