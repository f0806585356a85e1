import { InvalidInputError, type InputIssue } from '../../model/issues.js';
import { parseNumberCell } from './read-text.js';

/** Node coordinates from a TNTP `*_node.tntp` file (`Node X Y ;` header, then rows); ids 0-based. */
export interface TntpNodes {
  count: number;
  id: Uint32Array;
  x: Float64Array;
  y: Float64Array;
}

export function parseTntpNodes(text: string, file: string): TntpNodes {
  const lines = text.split(/\r?\n/);
  const issues: InputIssue[] = [];
  const ids: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Map<number, number>();
  let headerSeen = false;
  for (let index = 0; index < lines.length && issues.length < 50; index++) {
    const text = lines[index]!.replace(/;\s*$/, '').trim();
    if (text === '' || text.startsWith('~')) continue;
    const line = index + 1;
    const cells = text.split(/\s+/);
    if (!headerSeen) {
      headerSeen = true;
      if (cells[0]!.toLowerCase() === 'node') continue;
    }
    if (cells.length < 3) {
      issues.push({ severity: 'error', file, line, message: `expected 3 columns (node x y), got ${cells.length}` });
      continue;
    }
    const [id, x, y] = cells.slice(0, 3).map(parseNumberCell) as [number, number, number];
    if (!Number.isInteger(id) || id < 1) {
      issues.push({
        severity: 'error',
        file,
        line,
        field: 'node',
        message: `expected a node id ≥ 1, got "${cells[0]}"`,
      });
      continue;
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      const field = Number.isFinite(x) ? 'y' : 'x';
      const cell = Number.isFinite(x) ? cells[2] : cells[1];
      issues.push({ severity: 'error', file, line, field, message: `expected a number, got "${cell}"` });
      continue;
    }
    const previous = seen.get(id);
    if (previous !== undefined) {
      issues.push({
        severity: 'error',
        file,
        line,
        field: 'node',
        message: `node ${id} again (first at line ${previous})`,
      });
      continue;
    }
    seen.set(id, line);
    ids.push(id - 1);
    xs.push(x);
    ys.push(y);
  }
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid TNTP node file ${file}`);
  return { count: ids.length, id: Uint32Array.from(ids), x: Float64Array.from(xs), y: Float64Array.from(ys) };
}
