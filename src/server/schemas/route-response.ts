import { z } from 'zod';
import { CARGO_UNITS } from '../../graph/costs.js';
import { GAUGES_MM, MODES, TRANSFER_KINDS } from '../../model/vocabulary.js';
import type { ReliabilitySummary } from '../../reliability/route-reliability.js';
import { CRITERIA } from '../../routing/criteria.js';
import type { BorderStep, HandlingStep, LegStep, TransferStep } from '../../routing/report.js';
import { ALTERNATIVE_METHODS, type RankedRoute, type RouteRequest } from '../../routing/router.js';
import { featureCollectionSchema } from './geojson.js';
import type { SameKeys } from './same-keys.js';

/** The API's description of what the routing core returns; the checks at the end keep the two in step. */

const costShape = {
  hours: z.number(),
  usd: z.number().describe('USD per cargo unit'),
  kgCo2e: z.number().describe('kg CO2e per cargo unit'),
  km: z.number(),
};
const stepBase = {
  ...costShape,
  cumulative: z.object(costShape).describe('totals from the start to the end of this step'),
};

const legStep = z.object({
  kind: z.literal('leg'),
  ...stepBase,
  link: z.string(),
  mode: z.enum(MODES),
  gaugeMm: z.union(GAUGES_MM.map((gauge) => z.literal(gauge))).optional(),
  from: z.string(),
  to: z.string(),
  corridors: z.array(z.string()),
});
const borderStep = z.object({
  kind: z.literal('border'),
  ...stepBase,
  node: z.string(),
  fromCountry: z.string(),
  toCountry: z.string(),
  dwellP90H: z.number(),
});
const transferStep = z.object({
  kind: z.literal('transfer'),
  ...stepBase,
  node: z.string(),
  transfer: z.enum(TRANSFER_KINDS),
  fromLayer: z.string(),
  toLayer: z.string(),
  basis: z.string(),
});
const handlingStep = z.object({
  kind: z.literal('handling'),
  ...stepBase,
  node: z.string(),
  operation: z.enum(['load', 'unload']),
});
const routeStep = z.discriminatedUnion('kind', [legStep, borderStep, transferStep, handlingStep]);

export const reliabilitySummarySchema = z.object({
  samples: z.number(),
  deterministicH: z.number().describe('planned hours, as the route planner counts them'),
  meanH: z.number(),
  stdevH: z.number(),
  p50H: z.number(),
  p90H: z.number(),
  p95H: z.number(),
  minH: z.number(),
  maxH: z.number(),
  contributions: z
    .array(z.object({ label: z.string(), deterministicH: z.number(), meanH: z.number(), atP90H: z.number() }))
    .describe('steps by how much they push the P90 above their planned time, largest first'),
  onTimeProbability: z.number().optional(),
  deadlineH: z.number().optional(),
});

export const rankedRouteSchema = z.object({
  rank: z.number(),
  criterion: z.enum(CRITERIA),
  score: z.number().describe('the minimized quantity: hours, USD, kg CO2e, km or generalized USD'),
  from: z.string(),
  to: z.string(),
  unit: z.enum(CARGO_UNITS),
  steps: z.array(routeStep),
  totals: z.object(costShape),
  nodes: z.array(z.string()),
  modes: z.array(z.enum(MODES)),
  corridors: z.array(z.string()),
  borderCrossings: z.array(z.string()),
  countries: z.array(z.string()),
});

export const routeRequestSchema = z.object({
  from: z.string(),
  to: z.string(),
  via: z.array(z.string()).readonly().optional(),
  criterion: z.enum(CRITERIA),
  generalized: z.object({ valueOfTimeUsdPerH: z.number(), carbonPriceUsdPerT: z.number() }).optional(),
  alternatives: z.number().optional(),
  method: z.enum(ALTERNATIVE_METHODS).optional(),
  year: z.number().optional(),
  modes: z.array(z.enum(MODES)).readonly().optional(),
  avoidCountries: z.array(z.string()).readonly().optional(),
  avoidNodes: z.array(z.string()).readonly().optional(),
  avoidLinks: z.array(z.string()).readonly().optional(),
});

export const routeResponseSchema = z.object({
  description: z.string().describe('the request in words'),
  request: routeRequestSchema.describe('the request as resolved: node ids, defaults filled in'),
  routes: z.array(rankedRouteSchema.extend({ reliability: reliabilitySummarySchema.optional() })),
  geojson: featureCollectionSchema
    .optional()
    .describe('only with geojson=true: each leg as a LineString and each stop as a Point, by route rank'),
});

/** Compile-time: a core field the schema lacks, or a schema field the core lacks, fails type-checking here. */
const _inStep: [
  SameKeys<RankedRoute, typeof rankedRouteSchema>,
  SameKeys<RouteRequest, typeof routeRequestSchema>,
  SameKeys<ReliabilitySummary, typeof reliabilitySummarySchema>,
  SameKeys<LegStep, typeof legStep>,
  SameKeys<BorderStep, typeof borderStep>,
  SameKeys<TransferStep, typeof transferStep>,
  SameKeys<HandlingStep, typeof handlingStep>,
] = [true, true, true, true, true, true, true];
/** Compile-time: every core route fits the schema. */
const _fits = (
  route: RankedRoute,
  request: RouteRequest,
): [z.output<typeof rankedRouteSchema>, z.output<typeof routeRequestSchema>] => [route, request];
