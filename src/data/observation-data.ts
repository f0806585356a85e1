import { join } from 'node:path';
import type { z } from 'zod';
import { hasErrors, InvalidInputError, issueAt, type InputIssue } from '../model/issues.js';
import type { RecordOrigin, Source } from '../model/types.js';
import {
  checkObservations,
  OBSERVATION_COLUMNS,
  observationRow,
  OPTIONAL_OBSERVATION_COLUMNS,
  type Observation,
} from '../monitoring/observations.js';
import {
  COMMITMENT_COLUMNS,
  commitmentRow,
  PROJECT_COLUMNS,
  projectRow,
  type Commitment,
  type Project,
} from '../monitoring/projects.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';
import { readRecordFile } from './record-csv.js';
import { MONITORING_DATA_DIR, readSourcesFile } from './trade-data.js';
import { zodIssuesAt } from './zod-issues.js';

/**
 * The bundled OBSERVED monitoring data of data/monitoring: published CPMM indicators and volumes
 * (observations.csv), the corridor projects (projects.csv) and the dated commitments (commitments.csv). Their
 * sources are those of data/monitoring/sources.csv and of the network's sources.csv, so that a document already
 * listed for the network is cited, not listed twice.
 */
export interface ObservationData {
  observations: Observation[];
  projects: Project[];
  commitments: Commitment[];
  sources: Source[];
}

function readRows<T extends { origin?: RecordOrigin }>(
  path: string,
  columns: readonly string[],
  optional: readonly string[],
  schema: z.ZodType<T>,
  issues: InputIssue[],
): T[] {
  const { file, issues: fileIssues } = readRecordFile(path, path, columns, optional);
  issues.push(...fileIssues, ...(file?.brokenRows.map((broken) => broken.issue) ?? []));
  const records: T[] = [];
  for (const row of file?.rows ?? []) {
    const origin = { file: path, line: row.line };
    const parsed = schema.safeParse(row.cells);
    if (parsed.success) records.push({ ...parsed.data, origin });
    else issues.push(...zodIssuesAt(parsed.error, origin));
  }
  return records;
}

/** The ids observations may cite: data/monitoring/sources.csv and the bundled network's sources.csv. */
export function observationSourceIds(dir: string = MONITORING_DATA_DIR): Set<string> {
  const issues: InputIssue[] = [];
  const sources = [
    ...readSourcesFile(join(dir, 'sources.csv'), issues),
    ...readSourcesFile(join(BUNDLED_NETWORK_DIR, 'sources.csv'), issues),
  ];
  if (hasErrors(issues)) throw new InvalidInputError(issues, 'invalid sources');
  return new Set(sources.map((source) => source.id));
}

/** Reads and checks the bundled observations, projects and commitments; throws listing every problem. */
export function loadObservationData(dir: string = MONITORING_DATA_DIR): ObservationData {
  const issues: InputIssue[] = [];
  const sources = [
    ...readSourcesFile(join(dir, 'sources.csv'), issues),
    ...readSourcesFile(join(BUNDLED_NETWORK_DIR, 'sources.csv'), issues),
  ];
  const sourceIds = new Set(sources.map((source) => source.id));
  const parsed = readRows(
    join(dir, 'observations.csv'),
    OBSERVATION_COLUMNS,
    OPTIONAL_OBSERVATION_COLUMNS,
    observationRow,
    issues,
  );
  const checked = checkObservations(parsed, { sourceIds, existing: [] });
  issues.push(...checked.issues);
  const projects = readRows(
    join(dir, 'projects.csv'),
    PROJECT_COLUMNS,
    ['estimated_fields', 'notes'],
    projectRow,
    issues,
  );
  const commitments = readRows(
    join(dir, 'commitments.csv'),
    COMMITMENT_COLUMNS,
    ['estimated_fields', 'notes', 'evidence'],
    commitmentRow,
    issues,
  );
  const projectIds = new Set(projects.map((project) => project.id));
  for (const record of [...projects, ...commitments]) {
    for (const id of record.sources)
      if (!sourceIds.has(id)) issues.push(issueAt(record.origin, 'sources', `unknown source id "${id}"`));
  }
  for (const commitment of commitments) {
    if (commitment.project !== undefined && !projectIds.has(commitment.project))
      issues.push(issueAt(commitment.origin, 'project', `unknown project "${commitment.project}" (projects.csv)`));
  }
  if (hasErrors(issues)) throw new InvalidInputError(issues, `invalid monitoring data in ${dir}`);
  return { observations: checked.fresh, projects, commitments, sources };
}
