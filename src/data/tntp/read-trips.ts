import { InvalidInputError, type InputIssue } from '../../model/issues.js';
import { metadataInteger, readTntpMetadata } from './read-net.js';
import { parseNumberCell, readTextFile } from './read-text.js';

/**
 * An origin–destination trip table in the TNTP format: blocks `Origin r` followed by `s : volume;` pairs. Entries
 * are kept in file order with 0-based zone indices; zero volumes and intrazonal trips are kept as written.
 */
export interface TntpTrips {
  zones: number;
  /** The <TOTAL OD FLOW> the file declares, when it does. */
  declaredTotal?: number;
  /** The sum of every volume read. */
  total: number;
  origin: Uint32Array;
  destination: Uint32Array;
  volume: Float64Array;
}

/** Relative tolerance between <TOTAL OD FLOW> and the sum of the volumes (the published files round to ~1e-7). */
const TOTAL_TOLERANCE = 1e-6;

export function readTntpTripsFile(path: string): TntpTrips {
  return parseTntpTrips(readTextFile(path), path);
}

export function parseTntpTrips(text: string, file: string): TntpTrips {
  const lines = text.split(/\r?\n/);
  const { metadata, bodyStart } = readTntpMetadata(lines, file);
  const issues: InputIssue[] = [];
  const zones = metadataInteger(metadata, 'NUMBER OF ZONES', file, issues);
  let declaredTotal: number | undefined;
  const totalEntry = metadata.get('TOTAL OD FLOW');
  if (totalEntry !== undefined) {
    declaredTotal = parseNumberCell(totalEntry.value.replace(/\s+/g, ''));
    if (!Number.isFinite(declaredTotal) || declaredTotal < 0) {
      issues.push({
        severity: 'error',
        file,
        line: totalEntry.line,
        field: 'TOTAL OD FLOW',
        message: `expected a number ≥ 0, got "${totalEntry.value}"`,
      });
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid TNTP trip table ${file}`);

  const origins: number[] = [];
  const destinations: number[] = [];
  const volumes: number[] = [];
  const originLine = new Map<number, number>();
  /** Line of each destination already seen in the current origin block, to report duplicates. */
  let seen = new Map<number, number>();
  let current = -1;
  let total = 0;
  const zoneCheck = (value: number) => Number.isInteger(value) && value >= 1 && value <= zones;
  for (let index = bodyStart; index < lines.length && issues.length < 50; index++) {
    const raw = lines[index]!;
    const commentAt = raw.indexOf('~');
    const text = (commentAt >= 0 ? raw.slice(0, commentAt) : raw).trim();
    if (text === '') continue;
    const line = index + 1;
    const originMatch = /^origin\b\s*(.*)$/i.exec(text);
    if (originMatch !== null) {
      const cell = originMatch[1]!.trim();
      const id = parseNumberCell(cell);
      if (!zoneCheck(id)) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: 'Origin',
          message: `expected a zone 1…${zones}, got "${cell}"`,
        });
        current = -1;
        continue;
      }
      const previous = originLine.get(id);
      if (previous !== undefined) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: 'Origin',
          message: `origin ${id} again (first at line ${previous})`,
        });
      }
      originLine.set(id, line);
      current = id - 1;
      seen = new Map();
      continue;
    }
    if (current < 0) {
      if (origins.length === 0 && originLine.size === 0) {
        issues.push({
          severity: 'error',
          file,
          line,
          message: `expected "Origin <zone>" before any "destination : volume;" pair`,
        });
      }
      continue;
    }
    for (const chunk of text.split(';')) {
      const pair = chunk.trim();
      if (pair === '') continue;
      const match = /^(\S+)\s*:\s*(\S+)$/.exec(pair);
      if (match === null) {
        issues.push({ severity: 'error', file, line, message: `expected "destination : volume;", got "${pair}"` });
        continue;
      }
      const destination = parseNumberCell(match[1]!);
      const volume = parseNumberCell(match[2]!);
      if (!zoneCheck(destination)) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: 'destination',
          message: `expected a zone 1…${zones}, got "${match[1]}"`,
        });
        continue;
      }
      if (!Number.isFinite(volume) || volume < 0) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: 'volume',
          message: `expected a number ≥ 0, got "${match[2]}"`,
        });
        continue;
      }
      const duplicate = seen.get(destination);
      if (duplicate !== undefined) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: 'destination',
          message: `destination ${destination} twice for origin ${current + 1} (first at line ${duplicate})`,
        });
        continue;
      }
      seen.set(destination, line);
      origins.push(current);
      destinations.push(destination - 1);
      volumes.push(volume);
      total += volume;
    }
  }
  if (issues.length === 0 && declaredTotal !== undefined) {
    if (Math.abs(total - declaredTotal) > TOTAL_TOLERANCE * Math.max(1, declaredTotal)) {
      issues.push({
        severity: 'error',
        file,
        line: totalEntry!.line,
        field: 'TOTAL OD FLOW',
        message: `declares ${declaredTotal}, but the volumes add up to ${total}: is the file truncated?`,
      });
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid TNTP trip table ${file}`);
  const result: TntpTrips = {
    zones,
    total,
    origin: Uint32Array.from(origins),
    destination: Uint32Array.from(destinations),
    volume: Float64Array.from(volumes),
  };
  if (declaredTotal !== undefined) result.declaredTotal = declaredTotal;
  return result;
}
