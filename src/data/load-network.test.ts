import { rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, type InputIssue } from '../model/issues.js';
import {
  copyFixture,
  editText,
  readRows,
  setCell,
  TINY_NETWORK_DIR,
  writeRows,
} from '../test-support/fixture-network.js';
import { readNetwork } from './load-network.js';

/** Where an issue should be reported and a fragment of what it should say. */
interface Expected {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

const located = (issue: InputIssue) => ({
  file: basename(issue.file),
  line: issue.line,
  field: issue.field,
  message: issue.message,
});

function expectIssue(issues: readonly InputIssue[], expected: Expected): void {
  expect(issues.map(located)).toContainEqual({
    file: expected.file,
    line: expected.line,
    field: expected.field,
    message: expect.stringContaining(expected.message),
  });
}

function errorsOf(dir: string): InputIssue[] {
  const result = readNetwork(dir);
  expect(result.network, 'an invalid network must not load').toBeUndefined();
  return result.issues.filter((issue) => issue.severity === 'error');
}

describe('readNetwork on the tiny fixture', () => {
  it('loads it with no issue at all', () => {
    const result = readNetwork(TINY_NETWORK_DIR);
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.network?.nodes).toHaveLength(7);
    expect(result.network?.links).toHaveLength(8);
  });
});

interface InvalidCase extends Expected {
  name: string;
  breakIt: (dir: string) => void;
}

const INVALID_CASES: InvalidCase[] = [
  {
    name: 'unknown node id in a link, with a suggestion',
    breakIt: (dir) => setCell(dir, 'links.csv', 3, 'to', 'bolashk'),
    file: 'links.csv',
    line: 3,
    field: 'to',
    message: 'unknown node id "bolashk" (did you mean "bolashak"?)',
  },
  {
    name: 'duplicate id',
    breakIt: (dir) => {
      const rows = readRows(dir, 'nodes.csv');
      writeRows(dir, 'nodes.csv', [...rows, rows[2] ?? []]);
    },
    file: 'nodes.csv',
    line: 9,
    field: 'id',
    message: 'duplicate id "uzen" (first defined at line 3)',
  },
  {
    name: 'negative length',
    breakIt: (dir) => setCell(dir, 'links.csv', 2, 'km', '-150'),
    file: 'links.csv',
    line: 2,
    field: 'km',
    message: 'expected a number > 0 (km), got -150',
  },
  {
    name: 'zero length',
    breakIt: (dir) => setCell(dir, 'links.csv', 4, 'km', '0'),
    file: 'links.csv',
    line: 4,
    field: 'km',
    message: 'expected a number > 0 (km), got 0',
  },
  {
    name: 'missing source (empty sources cell)',
    breakIt: (dir) => setCell(dir, 'nodes.csv', 3, 'sources', ''),
    file: 'nodes.csv',
    line: 3,
    field: 'sources',
    message: 'required: name at least one source id',
  },
  {
    name: 'unknown source id',
    breakIt: (dir) => setCell(dir, 'links.csv', 5, 'sources', 'kti-fixture;glec-fixtur'),
    file: 'links.csv',
    line: 5,
    field: 'sources[1]',
    message: 'unknown source id "glec-fixtur" (did you mean "glec-fixture"?)',
  },
  {
    name: 'unknown mode',
    breakIt: (dir) => setCell(dir, 'links.csv', 8, 'mode', 'truck'),
    file: 'links.csv',
    line: 8,
    field: 'mode',
    message: 'expected one of rail, road, sea, ferry, got "truck"',
  },
  {
    name: 'latitude out of range',
    breakIt: (dir) => setCell(dir, 'nodes.csv', 2, 'lat', '95'),
    file: 'nodes.csv',
    line: 2,
    field: 'lat',
    message: 'expected a number ≥ -90 and ≤ 90 (degrees latitude), got 95',
  },
  {
    name: 'longitude that is not a number',
    breakIt: (dir) => setCell(dir, 'nodes.csv', 8, 'lon', '51,39'),
    file: 'nodes.csv',
    line: 8,
    field: 'lon',
    message: 'got "51,39"',
  },
  {
    name: 'bad country code',
    breakIt: (dir) => setCell(dir, 'nodes.csv', 3, 'country', 'KAZ'),
    file: 'nodes.csv',
    line: 3,
    field: 'country',
    message: 'expected an ISO 3166-1 alpha-2 country code such as KZ, got "KAZ"',
  },
  {
    name: '90th-percentile dwell below the median',
    breakIt: (dir) => setCell(dir, 'nodes.csv', 4, 'dwell_p90_h', '5'),
    file: 'nodes.csv',
    line: 4,
    field: 'dwell_p90_h',
    message: 'expected ≥ dwell_median_h (10), got 5',
  },
  {
    name: 'planned link without opening_year',
    breakIt: (dir) => setCell(dir, 'links.csv', 9, 'opening_year', ''),
    file: 'links.csv',
    line: 9,
    field: 'opening_year',
    message: 'required for a planned link',
  },
  {
    name: 'rail link without gauge',
    breakIt: (dir) => setCell(dir, 'links.csv', 2, 'gauge_mm', ''),
    file: 'links.csv',
    line: 2,
    field: 'gauge_mm',
    message: 'required for a rail link',
  },
  {
    name: 'gauges meeting without a gauge-change rule',
    breakIt: (dir) => {
      const rows = readRows(dir, 'transfers.csv');
      writeRows(
        dir,
        'transfers.csv',
        rows.filter((row) => row[0] !== 'gorgan-bogie'),
      );
    },
    file: 'nodes.csv',
    line: 6,
    field: 'id',
    message: 'rail links of 1435 mm and 1520 mm gauge meet at gorgan, but transfers.csv has no gauge_change rule',
  },
  {
    name: 'sea link ending at a node that is not a port',
    breakIt: (dir) => setCell(dir, 'links.csv', 7, 'to', 'tehran'),
    file: 'links.csv',
    line: 7,
    field: 'to',
    message: 'a sea link must end at a port or chokepoint, but tehran is a city',
  },
  {
    name: 'unknown column in the header',
    breakIt: (dir) => setCell(dir, 'links.csv', 1, 'speed_kmh', 'speed_kph'),
    file: 'links.csv',
    line: 1,
    field: 'speed_kph',
    message: 'unknown column; expected columns among id, from, to',
  },
  {
    name: 'row with the wrong number of fields',
    breakIt: (dir) => editText(dir, 'links.csv', (text) => text.replace('etrek-gorgan,', 'etrek-gorgan,,')),
    file: 'links.csv',
    line: 5,
    message: 'expected 20 fields as in the header, got 21',
  },
  {
    name: 'missing required file',
    breakIt: (dir) => rmSync(join(dir, 'transfers.csv')),
    file: 'transfers.csv',
    message: 'file not found',
  },
  {
    name: 'unknown corridor id',
    breakIt: (dir) => setCell(dir, 'links.csv', 3, 'corridors', 'kit'),
    file: 'links.csv',
    line: 3,
    field: 'corridors[0]',
    message: 'unknown corridor id "kit" (did you mean "kti"?)',
  },
  {
    name: 'border crossing whose links never reach the other country',
    breakIt: (dir) => setCell(dir, 'nodes.csv', 4, 'border_with', 'UZ'),
    file: 'nodes.csv',
    line: 4,
    field: 'border_with',
    message: 'border crossing into UZ, but none of its links reaches a node in UZ',
  },
];

describe('readNetwork reports each kind of invalid input at its file, line and field', () => {
  it.each(INVALID_CASES)('$name', ({ breakIt, ...expected }) => {
    const dir = copyFixture();
    breakIt(dir);
    expectIssue(errorsOf(dir), expected);
  });

  it('reports every error in a file, not only the first', () => {
    const dir = copyFixture();
    setCell(dir, 'links.csv', 2, 'km', '-1');
    setCell(dir, 'links.csv', 4, 'mode', 'train');
    setCell(dir, 'links.csv', 6, 'speed_kmh', '300');
    setCell(dir, 'links.csv', 9, 'status', '');
    const issues = errorsOf(dir);
    expectIssue(issues, { file: 'links.csv', line: 2, field: 'km', message: 'got -1' });
    expectIssue(issues, { file: 'links.csv', line: 4, field: 'mode', message: 'got "train"' });
    expectIssue(issues, { file: 'links.csv', line: 6, field: 'speed_kmh', message: '≤ 120 (km/h), got 300' });
    expectIssue(issues, { file: 'links.csv', line: 9, field: 'status', message: 'required: expected one of' });
  });

  it('reports errors in several files in one run', () => {
    const dir = copyFixture();
    setCell(dir, 'sources.csv', 3, 'year', '20233');
    setCell(dir, 'emission_factors.csv', 2, 'g_co2e_per_tkm', '-22');
    const issues = errorsOf(dir);
    expectIssue(issues, { file: 'sources.csv', line: 3, field: 'year', message: 'got 20233' });
    expectIssue(issues, { file: 'emission_factors.csv', line: 2, field: 'g_co2e_per_tkm', message: 'got -22' });
  });

  it('does not report references to a row that failed its own schema as unknown', () => {
    const dir = copyFixture();
    setCell(dir, 'nodes.csv', 3, 'lat', 'north');
    const messages = errorsOf(dir).map(formatIssue);
    expect(messages.filter((message) => message.includes('unknown node id "uzen"'))).toEqual([]);
  });

  it('locates bad JSON in a GeoJSON file by line', () => {
    const path = join(copyFixture(), 'network.geojson');
    // A trailing comma, the usual slip when editing JSON by hand.
    writeFileSync(path, '{\n  "type": "FeatureCollection",\n  "features": [],\n}\n');
    expectIssue(errorsOf(path), { file: 'network.geojson', line: 4, message: 'not valid JSON' });
  });

  it('keeps a JSON error on one line when V8 quotes the broken text', () => {
    const path = join(copyFixture(), 'network.geojson');
    writeFileSync(path, '{\n  "features": [,]\n}\n');
    const [issue] = errorsOf(path);
    expect(issue && formatIssue(issue)).toMatch(/^[^\n]*network\.geojson: not valid JSON: [^\n]*$/);
  });

  it('rejects a JSON file that caravan did not write', () => {
    const path = join(copyFixture(), 'other.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expectIssue(errorsOf(path), {
      file: 'other.geojson',
      field: 'caravan',
      message: 'this file was not written by caravan network export',
    });
  });

  it('reports a path that does not exist', () => {
    expectIssue(errorsOf('/nonexistent/caravan-network'), {
      file: 'caravan-network',
      message: 'no such file or folder',
    });
  });
});

describe('services.csv', () => {
  const HEADER =
    'id,name,mode,operator,links,departures_per_week,capacity_per_departure,capacity_unit,exclusive,sources,confidence,estimated_fields,notes';
  const write = (dir: string, rows: readonly string[]) =>
    writeFileSync(join(dir, 'services.csv'), [HEADER, ...rows].join('\n') + '\n');
  const source = readRows(TINY_NETWORK_DIR, 'sources.csv')[1]![0]!;

  it('is optional, and loads with the routes, frequencies and capacities it gives', () => {
    expect(readNetwork(TINY_NETWORK_DIR).network!.services).toEqual([]);
    const dir = copyFixture();
    write(dir, [
      `caspian-feeder,Caspian feeder,feeder,Line,aktau-amirabad,2,150,teu,yes,${source},reported,,`,
      `kti-train,KTI train,rail,Railways,uzen-bolashak;aktau-uzen;,0.5,2000,t,,${source},estimate,departures_per_week,`,
    ]);
    const result = readNetwork(dir);
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(
      result.network!.services.map((s) => [s.id, s.links, s.departuresPerWeek, s.exclusive, s.origin?.line]),
    ).toEqual([
      ['caspian-feeder', ['aktau-amirabad'], 2, true, 2],
      ['kti-train', ['uzen-bolashak', 'aktau-uzen'], 0.5, false, 3],
    ]);
  });

  it('reports every problem at once, as file:line, with the other files’ problems', () => {
    const dir = copyFixture();
    setCell(dir, 'links.csv', 3, 'km', '-1');
    const tooLong = Array.from({ length: 201 }, (_, k) => `l${k}`).join(';');
    write(dir, [
      `a,Unknown link,rail,Op,aktau-uzenn,1,100,t,no,${source},estimate,,`,
      `b,Ferry on a sea link,ferry,Op,aktau-amirabad,1,100,t,yes,${source},estimate,,`,
      `c,Broken chain,rail,Op,aktau-uzen;bolashak-etrek,1,100,t,no,${source},estimate,,`,
      `d,Bad numbers,feeder,Op,aktau-amirabad,0,100,wagons,yes,${source},estimate,,`,
      `e,Shared feeder,feeder,Op,aktau-amirabad,1,100,t,no,${source},estimate,,`,
      `f,Too long,rail,Op,${tooLong},1,100,t,no,${source},estimate,,`,
      `g,Unknown column estimated,rail,Op,aktau-uzen,1,100,t,no,${source},estimate,speed,`,
      `a,Repeated id,rail,Op,aktau-uzen,1,100,t,no,nowhere,estimate,,`,
    ]);
    const issues = errorsOf(dir);
    expectIssue(issues, { file: 'links.csv', line: 3, field: 'km', message: 'got -1' });
    expectIssue(issues, {
      file: 'services.csv',
      line: 2,
      field: 'links[0]',
      message: 'unknown link id "aktau-uzenn" (did you mean "aktau-uzen"?)',
    });
    expectIssue(issues, {
      file: 'services.csv',
      line: 3,
      field: 'links[0]',
      message: 'a ferry service runs on ferry links, but aktau-amirabad is a sea link',
    });
    expectIssue(issues, {
      file: 'services.csv',
      line: 4,
      field: 'links[1]',
      message: 'does not continue from aktau-uzen',
    });
    expectIssue(issues, { file: 'services.csv', line: 5, field: 'departures_per_week', message: '> 0' });
    expectIssue(issues, { file: 'services.csv', line: 5, field: 'capacity_unit', message: 'one of t, teu' });
    expectIssue(issues, {
      file: 'services.csv',
      line: 6,
      field: 'exclusive',
      message: 'services sharing a link must agree whether they carry all of its traffic',
    });
    expectIssue(issues, { file: 'services.csv', line: 7, field: 'links', message: 'at most 200 links, got 201' });
    expectIssue(issues, {
      file: 'services.csv',
      line: 8,
      field: 'estimated_fields[0]',
      message: '"speed" is not a column',
    });
    expectIssue(issues, {
      file: 'services.csv',
      line: 9,
      field: 'id',
      message: 'duplicate id "a" (first defined at line 2)',
    });
    expectIssue(issues, { file: 'services.csv', line: 9, field: 'sources[0]', message: 'unknown source id "nowhere"' });
  });

  it('refuses a tanker that would set the wait, and a queue on a service that shares its link', () => {
    const dir = copyFixture();
    writeFileSync(
      join(dir, 'services.csv'),
      [
        'id,name,mode,operator,links,departures_per_week,capacity_per_departure,capacity_unit,exclusive,queue_h,sources,confidence',
        `oil,Tankers,tanker,Op,aktau-amirabad,2,8000,t,yes,,${source},derived`,
        `tramp,Tramp line,feeder,Op,aktau-uzen,1,100,t,no,12,${source},estimate`,
      ].join('\n'),
    );
    const issues = errorsOf(dir);
    expectIssue(issues, { file: 'services.csv', line: 2, field: 'sets_wait', message: 'expected no for a tanker' });
    expectIssue(issues, { file: 'services.csv', line: 3, field: 'queue_h', message: 'only an exclusive service' });
  });

  it('needs t_per_teu to turn a capacity in TEU into tonnes', () => {
    const dir = copyFixture();
    rmSync(join(dir, 'parameters.csv'));
    write(dir, [`caspian-feeder,Caspian feeder,feeder,Line,aktau-amirabad,2,150,teu,yes,${source},reported,,`]);
    expectIssue(errorsOf(dir), {
      file: 'services.csv',
      line: 2,
      field: 'capacity_unit',
      message: 'needs the parameter t_per_teu',
    });
  });
});
