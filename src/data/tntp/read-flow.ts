import { InvalidInputError, type InputIssue } from '../../model/issues.js';
import { parseNumberCell, readTextFile } from './read-text.js';

/**
 * Link volumes and costs, one row per link: TNTP's best-known solutions (`*_flow.tntp`: a `From To Volume Cost`
 * header, then whitespace-separated rows) or the CSV that `caravan assign --out` writes (`from,to,volume,cost`).
 * Node ids are 0-based here, as in the network reader.
 */
export interface LinkFlows {
  count: number;
  from: Uint32Array;
  to: Uint32Array;
  volume: Float64Array;
  cost: Float64Array;
  /** The line each row came from, for error messages. */
  line: Uint32Array;
}

export function readLinkFlowsFile(path: string): LinkFlows {
  return parseLinkFlows(readTextFile(path), path);
}

export function parseLinkFlows(text: string, file: string): LinkFlows {
  const lines = text.split(/\r?\n/);
  const issues: InputIssue[] = [];
  let headerSeen = false;
  let csv = false;
  const rows: number[][] = [];
  const rowLines: number[] = [];
  const columns = ['from', 'to', 'volume', 'cost'];
  for (let index = 0; index < lines.length && issues.length < 50; index++) {
    const raw = lines[index]!;
    const commentAt = raw.indexOf('~');
    const text = (commentAt >= 0 ? raw.slice(0, commentAt) : raw).replace(/;\s*$/, '').trim();
    if (text === '') continue;
    const line = index + 1;
    if (!headerSeen) {
      headerSeen = true;
      csv = text.includes(',');
      const names = (csv ? text.split(',') : text.split(/\s+/)).map((name) => name.trim().toLowerCase());
      if (
        names.length < 4 ||
        names[0] !== 'from' ||
        names[1] !== 'to' ||
        names[2] !== 'volume' ||
        names[3] !== 'cost'
      ) {
        issues.push({
          severity: 'error',
          file,
          line,
          message: `expected a header "From To Volume Cost" (TNTP) or "from,to,volume,cost" (CSV), got "${text}"`,
        });
        break;
      }
      continue;
    }
    const cells = csv ? text.split(',').map((cell) => cell.trim()) : text.split(/\s+/);
    if (cells.length < 4) {
      issues.push({
        severity: 'error',
        file,
        line,
        message: `expected 4 columns (from to volume cost), got ${cells.length}`,
      });
      continue;
    }
    const values = cells.slice(0, 4).map(parseNumberCell);
    let ok = true;
    for (let column = 0; column < 4; column++) {
      const value = values[column]!;
      if (!Number.isFinite(value) || (column < 2 && (!Number.isInteger(value) || value < 1))) {
        issues.push({
          severity: 'error',
          file,
          line,
          field: columns[column]!,
          message:
            column < 2 ? `expected a node id ≥ 1, got "${cells[column]}"` : `expected a number, got "${cells[column]}"`,
        });
        ok = false;
      }
    }
    if (!ok) continue;
    rows.push(values);
    rowLines.push(line);
  }
  if (!headerSeen && issues.length === 0)
    issues.push({ severity: 'error', file, message: 'empty file: expected a header and link rows' });
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid link flow file ${file}`);
  const count = rows.length;
  const flows: LinkFlows = {
    count,
    from: new Uint32Array(count),
    to: new Uint32Array(count),
    volume: new Float64Array(count),
    cost: new Float64Array(count),
    line: Uint32Array.from(rowLines),
  };
  for (let k = 0; k < count; k++) {
    const row = rows[k]!;
    flows.from[k] = row[0]! - 1;
    flows.to[k] = row[1]! - 1;
    flows.volume[k] = row[2]!;
    flows.cost[k] = row[3]!;
  }
  return flows;
}
