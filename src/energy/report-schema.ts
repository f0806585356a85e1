import { z } from 'zod';
import type { EnergyReport } from './analysis.js';
import type { EnergyComparison } from './diff.js';
import type { EnergySummary } from './summary.js';
import { ENERGY_COMMODITIES, SWAP_STATUSES } from './types.js';

/**
 * The JSON of `caravan energy summary | swaps | scenario --json`, which the API returns as they are: one schema per
 * command, shared by CLI and API.
 */

const commodity = z.enum(ENERGY_COMMODITIES);
const volume = (what: string) => z.number().nullable().describe(what);

export const energySummarySchema = z.object({
  points: z.number(),
  layers: z.array(
    z.object({
      commodity,
      unit: z.string(),
      links: z.number(),
      operational: z.number(),
      withCapacity: z.number().describe('operational links with a published capacity; the others never bind'),
    }),
  ),
  swaps: z.array(z.object({ status: z.enum(SWAP_STATUSES), count: z.number() })),
}) satisfies z.ZodType<EnergySummary>;

export const swapReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(SWAP_STATUSES),
  supplier: z.string(),
  host: z.string(),
  recipient: z.string(),
  intakeCommodity: commodity,
  deliveryCommodity: commodity,
  unit: z.string().describe('unit of the volumes: bcm/yr (gas), Mt/yr (oil), MW (power)'),
  deliveryUnit: z.string(),
  contracted: volume('the published volume (upper figure of a range)'),
  contractedLow: volume('the lower figure of a published range'),
  possible: volume('the most this swap alone can move on the operational links; null: no link with a figure limits it'),
  limit: z.enum(['capacity', 'unlimited', 'no_path']),
  noPathLeg: z.enum(['intake', 'delivery']).nullable(),
  binding: z.array(
    z.object({
      link: z.string(),
      name: z.string(),
      leg: z.enum(['intake', 'delivery']),
      shadowPrice: z.number().describe('swap volume gained per unit of capacity added (LP dual)'),
    }),
  ),
  feasible: volume('the volume carried when all operating and agreed swaps run at their published volume together'),
  headroom: volume(
    'the most this swap can move while the other active swaps keep their feasible volumes; null: no limit',
  ),
  delivered: volume('delivery at the feasible volume, in deliveryUnit'),
  feePct: z.number().nullable(),
  feeInKind: volume('intake kept by the host as its fee at the feasible volume'),
  feeRevenueMusd: volume('cash fee at the feasible volume, million USD per year'),
  links: z.array(z.string()).describe('links either leg can route over'),
});

export const linkReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  commodity,
  unit: z.string(),
  status: z.enum(['operational', 'under_construction', 'planned']),
  capacity: z.number().nullable(),
  reserved: z.number().describe('capacity held by flows that are not swaps'),
  flow: z.number().describe('net swap flow from → to in the joint run'),
  utilization: z.number().nullable().describe('(|flow| + reserved) / capacity'),
  swaps: z.array(z.string()),
});

export const energyReportSchema = z.object({
  swaps: z.array(swapReportSchema),
  links: z.array(linkReportSchema),
  jointStatus: z.string(),
}) satisfies z.ZodType<EnergyReport>;

export const energyComparisonSchema = z.object({
  swaps: z.array(
    z.object({
      id: z.string(),
      unit: z.string(),
      possibleBefore: z.number().nullable(),
      possible: z.number().nullable(),
      feasibleBefore: z.number().nullable(),
      feasible: z.number().nullable(),
      bindingBefore: z.array(z.string()),
      binding: z.array(z.string()),
      changed: z.boolean(),
    }),
  ),
  links: z.array(
    z.object({
      id: z.string(),
      unit: z.string(),
      capacityBefore: z.number().nullable(),
      capacity: z.number().nullable(),
      utilizationBefore: z.number().nullable(),
      utilization: z.number().nullable(),
      added: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<EnergyComparison>;
