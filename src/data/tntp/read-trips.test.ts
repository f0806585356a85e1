import { describe, expect, it } from 'vitest';
import { InvalidInputError, formatIssue } from '../../model/issues.js';
import { parseTntpTrips } from './read-trips.js';

const HEADER = '<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 60\n<END OF METADATA>\n\n';

function issuesOf(text: string): string[] {
  try {
    parseTntpTrips(text, 't_trips.tntp');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).issues.map(formatIssue);
  }
  throw new Error('expected the trip table to be rejected');
}

describe('parseTntpTrips', () => {
  it('reads origin blocks of "destination : volume;" pairs, several per line, 0-based', () => {
    const trips = parseTntpTrips(
      `${HEADER}~ a comment\nOrigin 1\n    1 :  0.0;  2 : 10.5;\n  3 : 9.5;\n\nOrigin \t3 \n 1 : 40;\n`,
      'f',
    );
    expect(trips.zones).toBe(3);
    expect(trips.declaredTotal).toBe(60);
    expect(trips.total).toBe(60);
    expect(Array.from(trips.origin)).toEqual([0, 0, 0, 2]);
    expect(Array.from(trips.destination)).toEqual([0, 1, 2, 0]);
    expect(Array.from(trips.volume)).toEqual([0, 10.5, 9.5, 40]);
  });

  it('reports malformed pairs, unknown zones and bad volumes as file:line errors', () => {
    const issues = issuesOf(`${HEADER}Origin 1\n 2 : 10; 4 : 5;\n 3 - 5;\n 2 : x;\nOrigin 9\n 1 : 1;\n`);
    expect(issues).toEqual([
      't_trips.tntp:6: destination: expected a zone 1…3, got "4"',
      't_trips.tntp:7: expected "destination : volume;", got "3 - 5"',
      't_trips.tntp:8: volume: expected a number ≥ 0, got "x"',
      't_trips.tntp:9: Origin: expected a zone 1…3, got "9"',
    ]);
  });

  it('rejects pairs before any origin, repeated origins and repeated destinations', () => {
    expect(issuesOf(`${HEADER} 2 : 10;\nOrigin 1\n 2 : 50;\n`)).toEqual([
      't_trips.tntp:5: expected "Origin <zone>" before any "destination : volume;" pair',
    ]);
    expect(issuesOf(`${HEADER}Origin 1\n 2 : 10; 2 : 20;\nOrigin 1\n 3 : 30;\n`)).toEqual([
      't_trips.tntp:6: destination: destination 2 twice for origin 1 (first at line 6)',
      't_trips.tntp:7: Origin: origin 1 again (first at line 5)',
    ]);
  });

  it('checks the volumes against <TOTAL OD FLOW>, which catches truncated files', () => {
    expect(issuesOf(`${HEADER}Origin 1\n 2 : 10;\n`)).toEqual([
      't_trips.tntp:2: TOTAL OD FLOW: declares 60, but the volumes add up to 10: is the file truncated?',
    ]);
  });

  it('requires the metadata block and the number of zones', () => {
    expect(issuesOf('Origin 1\n 2 : 10;\n')).toEqual(['t_trips.tntp: no <END OF METADATA> line: expected a TNTP file']);
    expect(issuesOf('<TOTAL OD FLOW> 1\n<END OF METADATA>\n')).toEqual([
      't_trips.tntp: missing <NUMBER OF ZONES> in the metadata',
    ]);
  });
});
