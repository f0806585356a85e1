import { readFileSync } from 'node:fs';
import { InvalidInputError, type InputIssue } from '../../model/issues.js';
import { parseNumberCell } from './read-text.js';

/**
 * A road network in the TNTP format (Transportation Networks for Research): links as struct-of-arrays, node ids
 * turned 0-based. Columns follow the format's fixed order: init_node term_node capacity length free_flow_time b
 * power speed toll link_type, each row ending with ';'.
 */
export interface TntpNetwork {
  zones: number;
  nodes: number;
  /** 1-based id of the first node through which paths may pass; lower ids are zones that only start or end trips. */
  firstThruNode: number;
  linkCount: number;
  tail: Uint32Array;
  head: Uint32Array;
  capacity: Float64Array;
  length: Float64Array;
  freeFlowTime: Float64Array;
  b: Float64Array;
  power: Float64Array;
  speed: Float64Array;
  toll: Float64Array;
  linkType: Int32Array;
  /** What was assumed, e.g. a missing <FIRST THRU NODE> taken as 1, the format's default. */
  warnings: InputIssue[];
}

/**
 * Upper bounds on the metadata, checked before anything is allocated: above the largest published TNTP networks
 * (Chicago regional: 12,982 nodes, 39,018 links, 1,790 zones) and low enough that the arrays fit in memory
 * (the zone bound keeps an OD matrix under a gigabyte).
 */
export const TNTP_LIMITS: Record<string, number> = {
  'NUMBER OF ZONES': 10_000,
  'NUMBER OF NODES': 2_000_000,
  'NUMBER OF LINKS': 5_000_000,
  'FIRST THRU NODE': 2_000_000,
};

export const TNTP_LINK_COLUMNS = [
  'init_node',
  'term_node',
  'capacity',
  'length',
  'free_flow_time',
  'b',
  'power',
  'speed',
  'toll',
  'link_type',
];

/** The `<KEY> value` lines before `<END OF METADATA>`, keyed in upper case, with the line each came from. */
export function readTntpMetadata(
  lines: readonly string[],
  file: string,
): { metadata: Map<string, { value: string; line: number }>; bodyStart: number } {
  const metadata = new Map<string, { value: string; line: number }>();
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!.trim();
    const match = /^<([^>]+)>\s*(.*)$/.exec(text);
    if (match === null) continue;
    const key = match[1]!.trim().toUpperCase();
    if (key === 'END OF METADATA') return { metadata, bodyStart: index + 1 };
    metadata.set(key, { value: match[2]!.trim(), line: index + 1 });
  }
  throw new InvalidInputError(
    [{ severity: 'error', file, message: 'no <END OF METADATA> line: expected a TNTP file' }],
    `invalid TNTP file ${file}`,
  );
}

export function metadataInteger(
  metadata: Map<string, { value: string; line: number }>,
  key: string,
  file: string,
  issues: InputIssue[],
): number {
  const entry = metadata.get(key);
  if (entry === undefined) {
    issues.push({ severity: 'error', file, message: `missing <${key}> in the metadata` });
    return 0;
  }
  const max = TNTP_LIMITS[key] ?? Number.MAX_SAFE_INTEGER;
  const digits = entry.value.replace(/\s+/g, '');
  const value = /^\d{1,16}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isInteger(value) || value > max) {
    issues.push({
      severity: 'error',
      file,
      line: entry.line,
      field: key,
      message: `expected a whole number from 0 to ${max.toLocaleString('en-US')} (decimal digits), got "${entry.value.slice(0, 40)}"`,
    });
    return 0;
  }
  return value;
}

export function readTntpNetworkFile(path: string): TntpNetwork {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(
      [{ severity: 'error', file: path, message: (error as Error).message }],
      `cannot read ${path}`,
    );
  }
  return parseTntpNetwork(text, path);
}

export function parseTntpNetwork(text: string, file: string): TntpNetwork {
  const lines = text.split(/\r?\n/);
  const { metadata, bodyStart } = readTntpMetadata(lines, file);
  const issues: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  const zones = metadataInteger(metadata, 'NUMBER OF ZONES', file, issues);
  const nodes = metadataInteger(metadata, 'NUMBER OF NODES', file, issues);
  let firstThruNode = 1;
  if (metadata.has('FIRST THRU NODE')) firstThruNode = metadataInteger(metadata, 'FIRST THRU NODE', file, issues);
  else
    warnings.push({
      severity: 'warning',
      file,
      field: 'FIRST THRU NODE',
      message: "missing from the metadata: taken as 1 (the format's default: every node may be passed through)",
    });
  const linksValid = issues.length;
  const declaredLinks = metadataInteger(metadata, 'NUMBER OF LINKS', file, issues);
  // The rows are still checked when the metadata is wrong, so that every problem is reported at once.
  const storeRows = issues.length === linksValid;

  const columns = TNTP_LINK_COLUMNS.map(() => new Float64Array(storeRows ? declaredLinks : 0));
  let count = 0;
  for (let index = bodyStart; index < lines.length; index++) {
    const text = lines[index]!.trim();
    if (text === '' || text.startsWith('~')) continue;
    const line = index + 1;
    const cells = text.replace(/;\s*$/, '').trim().split(/\s+/);
    if (cells.length < TNTP_LINK_COLUMNS.length) {
      issues.push({
        severity: 'error',
        file,
        line,
        message: `expected ${TNTP_LINK_COLUMNS.length} columns (${TNTP_LINK_COLUMNS.join(' ')}), got ${cells.length}`,
      });
      continue;
    }
    if (storeRows && count >= declaredLinks) {
      issues.push({ severity: 'error', file, line, message: `more links than <NUMBER OF LINKS> ${declaredLinks}` });
      break;
    }
    for (let column = 0; column < TNTP_LINK_COLUMNS.length; column++) {
      const value = parseNumberCell(cells[column]!);
      const name = TNTP_LINK_COLUMNS[column]!;
      if (!Number.isFinite(value)) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: name,
          message: `expected a number, got "${cells[column]}"`,
        });
      } else if (column < 2 && (!Number.isInteger(value) || value < 1 || (nodes > 0 && value > nodes))) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: name,
          message: `expected a node id 1…${nodes}, got "${cells[column]}"`,
        });
      } else if (column >= 2 && column <= 6 && value < 0) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: name,
          message: `expected a number ≥ 0, got "${cells[column]}"`,
        });
      }
      if (storeRows) columns[column]![count] = value;
    }
    const capacity = parseNumberCell(cells[2]!);
    const b = parseNumberCell(cells[5]!);
    if (capacity === 0 && b > 0)
      issues.push({
        severity: 'error',
        file,
        line,
        field: 'capacity',
        message: `capacity 0 with b ${cells[5]} > 0: the link's delay would be infinite (give a capacity, or b 0)`,
      });
    count++;
    if (issues.length >= 200) break;
  }
  if (issues.length === 0 && count !== declaredLinks) {
    issues.push({
      severity: 'error',
      file,
      message: `<NUMBER OF LINKS> says ${declaredLinks}, but the file has ${count}`,
    });
  }
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid TNTP network ${file}`);
  const [tail, head, capacity, length, freeFlowTime, b, power, speed, toll, linkType] = columns as [
    Float64Array,
    ...Float64Array[],
  ];
  return {
    zones,
    nodes,
    firstThruNode,
    linkCount: count,
    tail: Uint32Array.from(tail, (id) => id - 1),
    head: Uint32Array.from(head!, (id) => id - 1),
    capacity: capacity!,
    length: length!,
    freeFlowTime: freeFlowTime!,
    b: b!,
    power: power!,
    speed: speed!,
    toll: toll!,
    linkType: Int32Array.from(linkType!),
    warnings,
  };
}
