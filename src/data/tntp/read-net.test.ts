import { describe, expect, it } from 'vitest';
import { formatIssue, InvalidInputError } from '../../model/issues.js';
import { parseTntpNetwork } from './read-net.js';

const ROWS =
  '~ init term cap len fft b power speed toll type ;\n1 2 100 1 1 0.15 4 0 0 1 ;\n2 3 100 1 1 0.15 4 0 0 1 ;\n';
const net = (metadata: string, rows = ROWS) => `${metadata}<END OF METADATA>\n\n${rows}`;

function problems(text: string): string[] {
  try {
    parseTntpNetwork(text, 'x_net.tntp');
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return error.issues.map(formatIssue);
  }
  return [];
}

describe('TNTP network metadata', () => {
  it('refuses absurd sizes before allocating anything, and non-decimal numbers', () => {
    const found = problems(
      net('<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 1e12\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 4000000000\n'),
    );
    expect(found).toEqual([
      'x_net.tntp:2: NUMBER OF NODES: expected a whole number from 0 to 2,000,000 (decimal digits), got "1e12"',
      'x_net.tntp:4: NUMBER OF LINKS: expected a whole number from 0 to 5,000,000 (decimal digits), got "4000000000"',
    ]);
    expect(
      problems(net('<NUMBER OF ZONES> 0x10\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n')),
    ).toEqual(['x_net.tntp:1: NUMBER OF ZONES: expected a whole number from 0 to 10,000 (decimal digits), got "0x10"']);
    const hex = net(
      '<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n',
      ROWS.replace('100 1 1', '0x64 1 1'),
    );
    expect(problems(hex)).toEqual(['x_net.tntp:8: capacity: expected a number, got "0x64"']);
  });

  it('reports the metadata and the rows at once, each at its line', () => {
    const rows = ROWS.replace('2 3 100', '2 3 0');
    const found = problems(net('<NUMBER OF ZONES> 2\n<NUMBER OF NODES> many\n<NUMBER OF LINKS> 2\n', rows));
    expect(found).toEqual([
      'x_net.tntp:2: NUMBER OF NODES: expected a whole number from 0 to 2,000,000 (decimal digits), got "many"',
      "x_net.tntp:8: capacity: capacity 0 with b 0.15 > 0: the link's delay would be infinite (give a capacity, or b 0)",
    ]);
  });

  it('takes a missing <FIRST THRU NODE> as 1, with a warning', () => {
    const parsed = parseTntpNetwork(
      net('<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<NUMBER OF LINKS> 2\n'),
      'x_net.tntp',
    );
    expect(parsed.firstThruNode).toBe(1);
    expect(parsed.warnings.map(formatIssue)).toEqual([
      "x_net.tntp: warning: FIRST THRU NODE: missing from the metadata: taken as 1 (the format's default: every node may be passed through)",
    ]);
  });
});
