import { z } from 'zod';
import type { Confidence, Mode } from './vocabulary.js';
import { CONFIDENCE_LEVELS, MODES } from './vocabulary.js';
import { MEASURE_DIRECTIONS, MEASURE_KINDS, type MeasureSelection } from './measure.js';
import type { RecordOrigin } from './types.js';

/**
 * Facts of a network's region that the generic code must not hard-code: the throughput targets and the measures
 * they are judged on, the routes `caravan start` compares, and where synthetic shipments start and end. Read from
 * the network folder's region.yaml (docs/data-format.md); a network without one has none of them.
 */
export interface RegionFacts {
  /** Completes "freight corridors of …" in the overview heading. */
  title?: string;
  targets: ThroughputTarget[];
  measures: ThroughputMeasure[];
  overview: OverviewRoute[];
  synthetic?: SyntheticSettings;
  origin?: RecordOrigin;
}

/** One level of a target series, e.g. 15 Mt/yr by 2027. */
export interface ThroughputTarget {
  id: string;
  year: number;
  mt: number;
  sources: string[];
  confidence: Confidence;
  notes?: string;
}

/**
 * What a scenario's throughput is measured as (which links, modes and directions: MeasureSelection), and which
 * target it is judged against. Every command that reports a measure reads this one definition.
 */
export interface ThroughputMeasure extends MeasureSelection {
  id: string;
  target: string;
  label: string;
}

export interface OverviewRoute {
  from: string;
  to: string;
  /** How the heading names the pair, e.g. "Almaty → Bandar Abbas". */
  title: string;
  /** The modes of the distinct-corridor comparison (the best-by comparison allows every mode). */
  modes: Mode[];
  alternatives: number;
}

export interface SyntheticSettings {
  origins: string[];
  destinations: string[];
  /** Corridors a synthetic route is filed under, most specific first. */
  corridorPriority: string[];
}

const id = () => z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an id of lowercase letters, digits, - and _');
const year = () => z.number().int().min(1990).max(2100);

export const regionSchema = z.strictObject({
  title: z.string().min(1).optional(),
  targets: z
    .array(
      z.strictObject({
        id: id(),
        year: year(),
        mt: z.number().positive(),
        sources: z.array(id()).min(1, 'required: name at least one source id'),
        confidence: z.enum(CONFIDENCE_LEVELS),
        notes: z.string().optional(),
      }),
    )
    .default([]),
  measures: z
    .array(
      z.strictObject({
        id: id(),
        corridor: id(),
        kind: z.enum(MEASURE_KINDS),
        links: z.array(id()).min(1, 'expected at least one link id').optional(),
        crossing: z
          .string()
          .regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code')
          .optional(),
        modes: z.array(z.enum(MODES)).min(1, 'expected at least one mode').optional(),
        direction: z.enum(MEASURE_DIRECTIONS).default('both'),
        target: id(),
        label: z.string().min(1),
      }),
    )
    .default([]),
  overview: z
    .array(
      z.strictObject({
        from: id(),
        to: id(),
        title: z.string().min(1),
        modes: z
          .array(z.enum(MODES))
          .min(1)
          .default([...MODES]),
        alternatives: z.number().int().min(1).max(10).default(4),
      }),
    )
    .default([]),
  synthetic: z
    .strictObject({
      origins: z.array(id()).min(1),
      destinations: z.array(id()).min(1),
      corridor_priority: z.array(id()).default([]),
    })
    .optional(),
});

export function regionFromParsed(parsed: z.output<typeof regionSchema>, origin: RecordOrigin): RegionFacts {
  const { synthetic, ...rest } = parsed;
  const region: RegionFacts = {
    ...(rest.title === undefined ? {} : { title: rest.title }),
    targets: rest.targets.map(({ notes, ...target }) => ({ ...target, ...(notes === undefined ? {} : { notes }) })),
    measures: rest.measures.map(({ links, crossing, modes, ...measure }) => ({
      ...measure,
      ...(links === undefined ? {} : { links }),
      ...(crossing === undefined ? {} : { crossing }),
      ...(modes === undefined ? {} : { modes }),
    })),
    overview: rest.overview,
    origin,
  };
  if (synthetic !== undefined) {
    region.synthetic = {
      origins: synthetic.origins,
      destinations: synthetic.destinations,
      corridorPriority: synthetic.corridor_priority,
    };
  }
  return region;
}

/**
 * The target a scenario year is judged against: the series' first level due in or after that year, else its last
 * (a 2035 scenario is still judged against the 2030 level).
 */
export function targetFor(
  region: RegionFacts | undefined,
  series: string,
  year: number,
): { year: number; mt: number } | undefined {
  const levels = targetLevels(region, series);
  const level = levels.find((candidate) => candidate.year >= year) ?? levels.at(-1);
  return level === undefined ? undefined : { year: level.year, mt: level.mt };
}

/** Every level of a target series, earliest first. */
export function targetLevels(region: RegionFacts | undefined, series: string): { year: number; mt: number }[] {
  return (region?.targets ?? [])
    .filter((target) => target.id === series)
    .sort((a, b) => a.year - b.year)
    .map(({ year, mt }) => ({ year, mt }));
}
