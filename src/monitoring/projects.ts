import { z } from 'zod';
import { enumCell, optionalNumberCell, optionalTextCell, parsedCell, slugCell, textCell } from '../model/cells.js';
import { checkEstimatedFields, provenance, provenanceColumns } from '../model/schemas.js';
import type { RecordOrigin } from '../model/types.js';
import type { Confidence } from '../model/vocabulary.js';

/**
 * The corridor projects and the dated commitments made about them (data/monitoring/projects.csv and
 * commitments.csv): what the scorecard's "do projects receive funding" test reads. Amounts stay in the currency
 * the source gives; nothing here converts euros to dollars at an assumed rate.
 */

export const PROJECT_STATUSES = [
  'proposed',
  'design',
  'contracted',
  'under-construction',
  'stalled',
  'operational',
] as const;
export const CURRENCIES = ['usd', 'eur'] as const;
export const COMMITMENT_STATUSES = ['met', 'missed', 'pending'] as const;

/** A month as `YYYY-MM`, compared as text. */
export interface Month {
  text: string;
  year: number;
  month: number;
}

export function parseMonth(text: string): Month | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { text, year: Number(match[1]), month } : undefined;
}

const monthCell = () => parsedCell('a month as YYYY-MM (2025-03)', parseMonth);
const optionalYearCell = () => optionalNumberCell({ min: 1990, max: 2100, integer: true });
const listCell = () =>
  optionalTextCell().transform((text) =>
    text === undefined
      ? []
      : text
          .split(';')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
  );

export const PROJECT_COLUMNS = [
  'id',
  'name',
  'corridor',
  'status',
  'status_as_of',
  'cost',
  'funding_secured',
  'currency',
  'financiers',
  'planned_year',
  'expected_year',
  'sources',
  'confidence',
  'estimated_fields',
  'notes',
] as const;

export interface Project {
  id: string;
  name: string;
  corridor?: string;
  status: (typeof PROJECT_STATUSES)[number];
  statusAsOf: Month;
  cost?: number;
  fundingSecured?: number;
  currency: (typeof CURRENCIES)[number];
  financiers: string[];
  /** The completion year first announced, and the latest one announced. */
  plannedYear?: number;
  expectedYear?: number;
  sources: string[];
  confidence: Confidence;
  estimatedFields: string[];
  notes?: string;
  origin?: RecordOrigin;
}

export const projectRow = z
  .object({
    id: slugCell(),
    name: textCell(),
    corridor: optionalTextCell(),
    status: enumCell(PROJECT_STATUSES),
    status_as_of: monthCell(),
    cost: optionalNumberCell({ above: 0 }),
    funding_secured: optionalNumberCell({ min: 0 }),
    currency: enumCell(CURRENCIES),
    financiers: listCell(),
    planned_year: optionalYearCell(),
    expected_year: optionalYearCell(),
    ...provenanceColumns,
  })
  .superRefine(checkEstimatedFields(PROJECT_COLUMNS))
  .transform((row): Project => ({
    id: row.id,
    name: row.name,
    ...(row.corridor === undefined ? {} : { corridor: row.corridor }),
    status: row.status,
    statusAsOf: row.status_as_of,
    ...(row.cost === undefined ? {} : { cost: row.cost }),
    ...(row.funding_secured === undefined ? {} : { fundingSecured: row.funding_secured }),
    currency: row.currency,
    financiers: row.financiers,
    ...(row.planned_year === undefined ? {} : { plannedYear: row.planned_year }),
    ...(row.expected_year === undefined ? {} : { expectedYear: row.expected_year }),
    ...provenance(row),
  }));

export const COMMITMENT_COLUMNS = [
  'id',
  'commitment',
  'project',
  'parties',
  'made',
  'deadline',
  'status',
  'status_as_of',
  'evidence',
  'sources',
  'confidence',
  'estimated_fields',
  'notes',
] as const;

export interface Commitment {
  id: string;
  commitment: string;
  project?: string;
  parties: string[];
  made: Month;
  deadline: Month;
  status: (typeof COMMITMENT_STATUSES)[number];
  statusAsOf: Month;
  evidence?: string;
  sources: string[];
  confidence: Confidence;
  estimatedFields: string[];
  notes?: string;
  origin?: RecordOrigin;
}

export const commitmentRow = z
  .object({
    id: slugCell(),
    commitment: textCell(),
    project: optionalTextCell(),
    parties: listCell(),
    made: monthCell(),
    deadline: monthCell(),
    status: enumCell(COMMITMENT_STATUSES),
    status_as_of: monthCell(),
    evidence: optionalTextCell(),
    ...provenanceColumns,
  })
  .superRefine(checkEstimatedFields(COMMITMENT_COLUMNS))
  .transform((row): Commitment => ({
    id: row.id,
    commitment: row.commitment,
    ...(row.project === undefined ? {} : { project: row.project }),
    parties: row.parties,
    made: row.made,
    deadline: row.deadline,
    status: row.status,
    statusAsOf: row.status_as_of,
    ...(row.evidence === undefined ? {} : { evidence: row.evidence }),
    ...provenance(row),
  }));

const monthNumber = (m: Month): number => m.year * 12 + m.month - 1;

export interface ProjectStatus {
  project: Project;
  /** Share of the cost secured, when both are known. */
  fundedShare?: number;
  /** Cost not yet secured, in the project's currency. */
  fundingGap?: number;
  /** Years the announced completion moved back (0 when it did not), when both years are known. */
  slippedYears?: number;
  /** The latest announced completion has passed and the project is not operational. */
  overdue: boolean;
}

export function projectStatus(project: Project, today: Month): ProjectStatus {
  const status: ProjectStatus = { project, overdue: false };
  if (project.cost !== undefined && project.fundingSecured !== undefined) {
    status.fundedShare = project.fundingSecured / project.cost;
    status.fundingGap = Math.max(0, project.cost - project.fundingSecured);
  }
  if (project.plannedYear !== undefined && project.expectedYear !== undefined)
    status.slippedYears = Math.max(0, project.expectedYear - project.plannedYear);
  const due = project.expectedYear ?? project.plannedYear;
  status.overdue = project.status !== 'operational' && due !== undefined && today.year > due;
  return status;
}

export type CommitmentVerdict = 'met' | 'missed' | 'pending' | 'overdue';

export interface CommitmentStatus {
  commitment: Commitment;
  /** As recorded, except that a pending commitment whose deadline has passed is `overdue`: no evidence either way. */
  verdict: CommitmentVerdict;
  /** Whole months from `today` to the deadline (negative once passed). */
  monthsLeft: number;
}

export function commitmentStatus(commitment: Commitment, today: Month): CommitmentStatus {
  const monthsLeft = monthNumber(commitment.deadline) - monthNumber(today);
  const verdict: CommitmentVerdict = commitment.status === 'pending' && monthsLeft < 0 ? 'overdue' : commitment.status;
  return { commitment, verdict, monthsLeft };
}
