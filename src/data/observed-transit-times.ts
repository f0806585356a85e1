import { join } from 'node:path';
import { z } from 'zod';
import { enumCell, numberCell, optionalEnumCell, optionalTextCell, slugCell, slugListCell } from '../model/cells.js';
import { hasErrors, InvalidInputError, type InputIssue } from '../model/issues.js';
import type { RecordOrigin } from '../model/types.js';
import type { Mode } from '../model/vocabulary.js';
import { CONFIDENCE_LEVELS, MODES } from '../model/vocabulary.js';
import { OBSERVED_TIME_SCOPES, type ObservedTimeScope } from '../reliability/observed-times.js';
import { readRecordFile } from './record-csv.js';
import { zodIssuesAt } from './zod-issues.js';

/** Where a network keeps its published end-to-end times (docs/data-format.md, docs/validation.md). */
export const OBSERVED_TIMES_FILE = 'observed-transit-times.csv';

export const OBSERVED_TIME_KINDS = ['observed', 'scheduled', 'operator-stated'] as const;
/** A row either sets dwell or waiting figures (calibration) or checks them afterwards (validation). */
export const OBSERVED_TIME_USES = ['calibration', 'validation'] as const;
/** `disagree` marks a known gap the model does not close yet: the test checks that it is still there, and says so. */
export const OBSERVED_TIME_EXPECTATIONS = ['agree', 'disagree'] as const;

const COLUMNS = [
  'id',
  'from',
  'to',
  'modes',
  'via',
  'days_low',
  'days_high',
  'kind',
  'use',
  'scope',
  'expect',
  'sources',
  'confidence',
  'notes',
] as const;
const OPTIONAL_COLUMNS = ['modes', 'via', 'scope', 'expect', 'notes'] as const;

export interface ObservedTransitTime {
  id: string;
  from: string;
  to: string;
  /** The modes the published service uses; empty means any. */
  modes: Mode[];
  /** Places the service passes, in order, to pick the matching route. */
  via: string[];
  daysLow: number;
  daysHigh: number;
  kind: (typeof OBSERVED_TIME_KINDS)[number];
  use: (typeof OBSERVED_TIME_USES)[number];
  scope: ObservedTimeScope;
  expect: (typeof OBSERVED_TIME_EXPECTATIONS)[number];
  sources: string[];
  confidence: (typeof CONFIDENCE_LEVELS)[number];
  notes?: string;
  origin: RecordOrigin;
}

const modeListCell = () =>
  slugListCell().superRefine((modes, ctx) => {
    const unknown = modes.find((mode) => !(MODES as readonly string[]).includes(mode));
    if (unknown !== undefined)
      ctx.addIssue({ code: 'custom', message: `expected modes among ${MODES.join(', ')}, got "${unknown}"` });
  });

const observedTimeRow = z.object({
  id: slugCell(),
  from: slugCell(),
  to: slugCell(),
  modes: modeListCell(),
  via: slugListCell(),
  days_low: numberCell({ min: 0, unit: 'days' }),
  days_high: numberCell({ min: 0, unit: 'days' }),
  kind: enumCell(OBSERVED_TIME_KINDS),
  use: enumCell(OBSERVED_TIME_USES),
  scope: optionalEnumCell(OBSERVED_TIME_SCOPES),
  expect: optionalEnumCell(OBSERVED_TIME_EXPECTATIONS),
  sources: slugListCell().refine((list) => list.length > 0, { error: 'required: name at least one source id' }),
  confidence: enumCell(CONFIDENCE_LEVELS),
  notes: optionalTextCell(),
});

/**
 * Reads a network's published transit times; every problem (bad cell, unknown source id, repeated id) is reported
 * at once as file:line, and the whole file is refused if there is any.
 */
export function loadObservedTransitTimes(
  networkDir: string,
  sourceIds: ReadonlySet<string>,
  path: string = join(networkDir, OBSERVED_TIMES_FILE),
): ObservedTransitTime[] {
  const { file, issues: fileIssues } = readRecordFile(path, path, COLUMNS, OPTIONAL_COLUMNS);
  const issues: InputIssue[] = [...fileIssues, ...(file?.brokenRows.map((broken) => broken.issue) ?? [])];
  const rows: ObservedTransitTime[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of file?.rows ?? []) {
    const origin = { file: path, line };
    const id = cells['id']?.trim() ?? '';
    if (id !== '' && seen.has(id))
      issues.push({ severity: 'error', file: path, line, field: 'id', message: `repeats "${id}"` });
    seen.add(id);
    const parsed = observedTimeRow.safeParse(cells);
    if (!parsed.success) {
      issues.push(...zodIssuesAt(parsed.error, origin));
      continue;
    }
    const row = parsed.data;
    if (row.days_high < row.days_low)
      issues.push({
        severity: 'error',
        file: path,
        line,
        field: 'days_high',
        message: `must be at least days_low (${row.days_low}), got ${row.days_high}`,
      });
    for (const source of row.sources.filter((source) => !sourceIds.has(source)))
      issues.push({ severity: 'error', file: path, line, field: 'sources', message: `unknown source id "${source}"` });
    rows.push({
      id: row.id,
      from: row.from,
      to: row.to,
      modes: row.modes as Mode[],
      via: row.via,
      daysLow: row.days_low,
      daysHigh: row.days_high,
      kind: row.kind,
      use: row.use,
      scope: row.scope ?? 'end-to-end',
      expect: row.expect ?? 'agree',
      sources: row.sources,
      confidence: row.confidence,
      ...(row.notes === undefined ? {} : { notes: row.notes }),
      origin,
    });
  }
  if (hasErrors(issues)) throw new InvalidInputError(issues, `invalid observed transit times in ${path}`);
  return rows;
}
