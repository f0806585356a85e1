import { describe, expect, it } from 'vitest';
import { InvalidInputError, formatIssue } from '../../model/issues.js';
import { parseLinkFlows } from './read-flow.js';
import { parseTntpNodes } from './read-node.js';
import { formatFlowsCsv, formatTntpFlows } from './write-flows.js';

function issuesOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).issues.map(formatIssue);
  }
  throw new Error('expected the file to be rejected');
}

describe('link flow files', () => {
  it('reads the TNTP best-known flow layout', () => {
    const flows = parseLinkFlows('From \tTo \tVolume \tCost \n1 \t2 \t4494.65 \t6.0008 \n2 \t1 \t0 \t6\n', 'f');
    expect(flows.count).toBe(2);
    expect(Array.from(flows.from)).toEqual([0, 1]);
    expect(Array.from(flows.to)).toEqual([1, 0]);
    expect(Array.from(flows.volume)).toEqual([4494.65, 0]);
    expect(Array.from(flows.cost)).toEqual([6.0008, 6]);
    expect(Array.from(flows.line)).toEqual([2, 3]);
  });

  it('round-trips what the writers produce, as CSV and as TNTP, at full precision', () => {
    const links = { tail: [0, 1, 0], head: [1, 0, 1] };
    const volume = [1 / 3, 2e-17, 12345.678901234567];
    const cost = [Math.PI, 6, 1e10 / 7];
    for (const text of [formatFlowsCsv(links, volume, cost), formatTntpFlows(links, volume, cost)]) {
      const flows = parseLinkFlows(text, 'f');
      expect(Array.from(flows.from)).toEqual([0, 1, 0]);
      expect(Array.from(flows.volume)).toEqual(volume);
      expect(Array.from(flows.cost)).toEqual(cost);
    }
    expect(formatFlowsCsv(links, volume, cost).split('\n')[0]).toBe('from,to,volume,cost');
  });

  it('reports a bad header, short rows and bad numbers with file:line', () => {
    expect(issuesOf(() => parseLinkFlows('Tail Head Flow\n1 2 3 4\n', 'x.tntp'))).toEqual([
      'x.tntp:1: expected a header "From To Volume Cost" (TNTP) or "from,to,volume,cost" (CSV), got "Tail Head Flow"',
    ]);
    expect(issuesOf(() => parseLinkFlows('from,to,volume,cost\n1,2,3\n0,2,3,4\n1,2,abc,4\n', 'x.csv'))).toEqual([
      'x.csv:2: expected 4 columns (from to volume cost), got 3',
      'x.csv:3: from: expected a node id ≥ 1, got "0"',
      'x.csv:4: volume: expected a number, got "abc"',
    ]);
    expect(issuesOf(() => parseLinkFlows('\n\n', 'e.csv'))).toEqual([
      'e.csv: empty file: expected a header and link rows',
    ]);
  });
});

describe('TNTP node files', () => {
  it('reads coordinates and reports bad rows with file:line', () => {
    const nodes = parseTntpNodes('Node\tX\tY\t;\n1\t-96.77\t43.61\t;\n2\t-96.71\t43.60\t;\n', 'n');
    expect(Array.from(nodes.id)).toEqual([0, 1]);
    expect(Array.from(nodes.x)).toEqual([-96.77, -96.71]);
    expect(issuesOf(() => parseTntpNodes('Node X Y ;\n1 2 ;\n2 a 3 ;\n1 5 5 ;\n1 6 6 ;\n', 'n.tntp'))).toEqual([
      'n.tntp:2: expected 3 columns (node x y), got 2',
      'n.tntp:3: x: expected a number, got "a"',
      'n.tntp:5: node: node 1 again (first at line 4)',
    ]);
  });
});
