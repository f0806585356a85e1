import { z } from 'zod';
import { ALGORITHMS } from '../../assign/assign.js';
import type { ScenarioDiff } from '../../corridor/diff.js';
import { CAPACITY_KINDS } from '../../corridor/capacity-kinds.js';
import type { LinkFlow } from '../../corridor/link-flows.js';
import type {
  CalibrationRow,
  CommodityResult,
  CorridorFlow,
  ElementFlow,
  FlowReport,
  PairResult,
  TargetAttainment,
} from '../../corridor/report.js';
import { ASSIGNMENT_METHODS, type AssignmentSettings } from '../../corridor/types.js';
import type { SameKeys } from './same-keys.js';

/** The API's description of what the corridor model returns (src/corridor/report.ts, diff.ts); checked below. */

export const assignmentSettingsSchema = z.object({
  method: z.enum(ASSIGNMENT_METHODS),
  classes: z.enum(['commodity', 'single']),
  algorithm: z.enum(ALGORITHMS),
  gap: z.number(),
  maxIterations: z.number(),
});

const elementFlow = z.object({
  kind: z.enum(CAPACITY_KINDS),
  id: z.string().describe("link id, the node id of a border crossing or port, or a link's service ids joined by '+'"),
  link: z.string().optional().describe('the link a service element runs on'),
  direction: z.string(),
  layer: z.string().optional(),
  flowMt: z.number().describe('Mt/yr'),
  capacityMt: z.number().describe('Mt/yr'),
  vc: z.number().describe('volume / capacity'),
  delayH: z.number().describe('volume-delay added at this flow, hours per tonne'),
});
const corridorFlow = z.object({
  id: z.string(),
  name: z.string(),
  mtKm: z.number().describe("million tonne-km per year on the corridor's links"),
  share: z.number(),
  busiestLink: z.string().nullable(),
  busiestSectionMt: z.number(),
});
const targetAttainment = z.object({
  corridor: z.string(),
  measure: z.string(),
  throughputMt: z.number(),
  targetYear: z.number(),
  targetMt: z.number(),
  gapMt: z.number(),
  attained: z.boolean(),
});
const pairResult = z.object({
  from: z.string(),
  to: z.string(),
  class: z.string(),
  commodities: z.record(z.string(), z.number()),
  demandMt: z.number(),
  unservedMt: z.number(),
  route: z.object({
    generalizedUsd: z.number(),
    usd: z.number(),
    hours: z.number(),
    km: z.number(),
    via: z.array(z.string()),
    outside: z.boolean().describe('true when the cheapest option is not to ship on these corridors'),
  }),
  outsideUsd: z.number(),
  measureMt: z
    .array(z.number().nullable())
    .optional()
    .describe('tonnes of the pair on each gateway measure (null for a busiest section); logit runs'),
});
const commodityResult = z.object({
  commodity: z.string(),
  demandMt: z.number(),
  servedMt: z.number(),
  unservedMt: z.number(),
  avgHours: z.number(),
  avgUsd: z.number(),
});
const calibrationRow = z.object({
  id: z.string(),
  element: z.string(),
  observedMt: z.number(),
  modeledMt: z.number(),
  deviationPct: z.number(),
  tolerancePct: z.number(),
  within: z.boolean(),
  use: z.enum(['fit', 'validation']).describe('fit: the calibration fitted the matrix to it; validation: held back'),
  sources: z.array(z.string()),
});

export const flowReportSchema = z.object({
  year: z.number(),
  assignment: z.object({
    method: z.string(),
    solver: z.string(),
    algorithm: z.string(),
    iterations: z.number(),
    gap: z.number(),
    classGaps: z.array(z.object({ class: z.string(), gap: z.number() })),
    converged: z.boolean(),
  }),
  totals: z.object({
    demandMt: z.number(),
    servedMt: z.number(),
    unservedMt: z.number(),
    avgHoursPerT: z.number(),
    avgUsdPerT: z.number(),
    generalizedCostMusd: z.number(),
  }),
  commodities: z.array(commodityResult),
  targets: z
    .array(targetAttainment)
    .describe("throughput of each measure of the network's region.yaml against its target"),
  corridors: z.array(corridorFlow),
  elements: z.array(elementFlow).describe('every capacity-limited link, border crossing and port berth'),
  bottlenecks: z.array(elementFlow).describe('elements at v/c ≥ 0.9, highest first'),
  ports: z.array(z.object({ id: z.string(), handledMt: z.number(), capacityMt: z.number().nullable() })),
  pairs: z.array(pairResult),
  calibration: z.array(calibrationRow),
});

export const linkFlowSchema = z.object({
  link: z.string(),
  forwardMt: z.number(),
  backwardMt: z.number(),
  totalMt: z.number(),
  vc: z.number().optional().describe('highest v/c of the capacity limits on the link; absent when it has none'),
});

const side = z.object({ base: z.number(), other: z.number(), change: z.number() });
const pairOf = <T extends z.ZodType>(value: T) => z.object({ base: value, other: value });

export const scenarioDiffSchema = z.object({
  base: z.object({ name: z.string(), year: z.number() }),
  other: z.object({ name: z.string(), year: z.number() }),
  totals: z.object({
    demandMt: side,
    servedMt: side,
    unservedMt: side,
    avgHoursPerT: side,
    avgUsdPerT: side,
    generalizedCostMusd: side,
  }),
  targets: z.array(
    z.object({
      corridor: z.string(),
      measure: z.string(),
      throughputMt: side,
      inducedMt: z.number().optional().describe('the part of the change from pairs gaining or losing tonnes'),
      divertedMt: z.number().optional().describe('the part of the change from tonnes changing route'),
      targetMt: pairOf(z.number()),
      attained: pairOf(z.boolean()),
    }),
  ),
  commodities: z.array(z.object({ commodity: z.string(), avgHours: side, avgUsd: side, servedMt: side })),
  corridors: z.array(z.object({ id: z.string(), mtKm: side, share: side })),
  elements: z.array(z.object({ element: z.string(), flowMt: side, vc: side })),
  pairs: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      class: z.string(),
      hours: side,
      generalizedUsd: side,
      unservedMt: side,
      via: pairOf(z.array(z.string())),
    }),
  ),
});

const _inStep: [
  SameKeys<FlowReport, typeof flowReportSchema>,
  SameKeys<ElementFlow, typeof elementFlow>,
  SameKeys<CorridorFlow, typeof corridorFlow>,
  SameKeys<TargetAttainment, typeof targetAttainment>,
  SameKeys<PairResult, typeof pairResult>,
  SameKeys<CommodityResult, typeof commodityResult>,
  SameKeys<CalibrationRow, typeof calibrationRow>,
  SameKeys<LinkFlow, typeof linkFlowSchema>,
  SameKeys<ScenarioDiff, typeof scenarioDiffSchema>,
  SameKeys<AssignmentSettings, typeof assignmentSettingsSchema>,
] = [true, true, true, true, true, true, true, true, true, true];
/** Compile-time: every core report fits the schema. */
const _fits = (report: FlowReport, diff: ScenarioDiff, settings: AssignmentSettings) =>
  [report, diff, settings] satisfies [
    z.output<typeof flowReportSchema>,
    z.output<typeof scenarioDiffSchema>,
    z.output<typeof assignmentSettingsSchema>,
  ];
