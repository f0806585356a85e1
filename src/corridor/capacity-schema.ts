import { z } from 'zod';
import { MEASURE_KINDS } from '../model/measure.js';
import { CAPACITY_KINDS } from './capacity-kinds.js';

const mt = () => z.number().describe('Mt/yr');
const optionalMt = () => z.number().nullable().describe('Mt/yr; null when no counted link has a limit on its paths');

/** One measure's capacity (MeasureCapacity), as `caravan capacity --json` prints it and the API returns it. */
export const measureCapacitySchema = z.object({
  measure: z.string().describe("the measure's id in region.yaml"),
  label: z.string(),
  corridor: z.string(),
  kind: z.enum(MEASURE_KINDS),
  year: z.number(),
  capacityMt: optionalMt().describe(
    'the most the counted links with a limit can carry, every counted direction at once (unlimitedLinks left out)',
  ),
  directions: z.array(z.object({ direction: z.string(), capacityMt: optionalMt() })),
  section: z.string().optional().describe('busiest_section: the section whose capacity is the figure'),
  binding: z
    .array(
      z.object({
        element: z.string(),
        kind: z.enum(CAPACITY_KINDS),
        id: z.string(),
        capacityMt: mt(),
        flowMt: mt(),
        shadowPrice: z.number().describe('Mt/yr of capacity gained per Mt/yr added to the element (LP dual)'),
      }),
    )
    .describe('the capacity rows that limit the figure'),
  unlimitedLinks: z.array(z.string()).describe('counted links a path of which has no capacity anywhere'),
  blank: z.array(z.string()).describe("the measure's own elements with no capacity in the data (unlimited)"),
  target: z.object({ year: z.number(), mt: z.number() }).optional(),
  flowMt: z.number().optional().describe("the scenario's forecast flow on the measure (the CLI, which runs it)"),
});

export const scenarioCapacitySchema = z.object({
  scenario: z.string(),
  year: z.number(),
  measures: z.array(measureCapacitySchema),
});
