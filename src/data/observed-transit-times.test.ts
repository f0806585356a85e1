import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../model/issues.js';
import { acceptedDays, compareObservedTimes, OBSERVED_TIME_TOLERANCE } from '../reliability/observed-times.js';
import { loadNetwork } from './load-network.js';
import { loadObservedTransitTimes } from './observed-transit-times.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const sourceIds = new Set(network.sources.map((source) => source.id));
const rows = loadObservedTransitTimes(BUNDLED_NETWORK_DIR, sourceIds);
const comparisons = new Map(compareObservedTimes(network, rows).map((result) => [result.id, result]));

describe('published transit times of the bundled network', () => {
  it('has at least 8 rows spread over rail, sea, ferry and multimodal chains, split into calibration and validation', () => {
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const modes = new Set(rows.flatMap((row) => row.modes));
    for (const mode of ['rail', 'sea', 'ferry'] as const) expect(modes).toContain(mode);
    expect(rows.some((row) => row.modes.length > 1)).toBe(true);
    expect(rows.some((row) => row.use === 'calibration')).toBe(true);
    expect(rows.some((row) => row.use === 'validation')).toBe(true);
  });

  for (const row of rows) {
    const result = comparisons.get(row.id)!;
    const range = `${row.daysLow}–${row.daysHigh} d`;
    if (result.status === 'skipped') {
      it.skip(`${row.id} (${range}): skipped, ${result.reason}`, () => {});
      continue;
    }
    const agree = row.expect === 'agree';
    it(`${row.id} (${row.use}, ${range}): planned and P50 ${agree ? 'within' : 'still outside'} the range ±${OBSERVED_TIME_TOLERANCE * 100}%`, () => {
      const [low, high] = acceptedDays(row);
      const shown = `planned ${result.plannedDays.toFixed(2)} d, P50 ${result.p50Days.toFixed(2)} d, accepted ${low.toFixed(2)}–${high.toFixed(2)} d via ${result.nodes.join(' > ')}`;
      if (agree) {
        expect(result.plannedWithin, shown).toBe(true);
        expect(result.p50Within, shown).toBe(true);
      } else {
        // A known gap is listed so that closing it is noticed: then its row should say `agree`.
        expect(result.p50Within, `${shown}: the gap is closed, set expect to agree`).toBe(false);
      }
    });
  }
});

describe('loadObservedTransitTimes', () => {
  const header = 'id,from,to,modes,via,days_low,days_high,kind,use,scope,expect,sources,confidence,notes';

  function write(lines: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-observed-'));
    writeFileSync(join(dir, 'observed-transit-times.csv'), [header, ...lines].join('\n'));
    return dir;
  }

  it('reports every bad row at once, as file:line and field', () => {
    const dir = write([
      '# a comment line is skipped',
      'a,x,y,rail;boat,,3,5,observed,calibration,,,src,reported,',
      'b,x,y,rail,,5,3,observed,validation,,,nowhere,reported,',
      'a,x,y,,,1,2,observed,validation,,,src,reported,',
      'c,x,y,,,1,2,observed,testing,,,src,reported,',
    ]);
    const file = join(dir, 'observed-transit-times.csv');
    let error: unknown;
    try {
      loadObservedTransitTimes(dir, new Set(['src']));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const issues = (error as InvalidInputError).issues.map((issue) => `${issue.file}:${issue.line}: ${issue.field}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        `${file}:3: modes`,
        `${file}:4: days_high`,
        `${file}:4: sources`,
        `${file}:5: id`,
        `${file}:6: use`,
      ]),
    );
  });

  it('reads modes, via, scope and expectation, with their defaults', () => {
    const dir = write(['a,x,y,rail;ferry,k;m,3,5,scheduled,validation,,,src,reported,a note']);
    const [row] = loadObservedTransitTimes(dir, new Set(['src']));
    expect(row).toMatchObject({
      modes: ['rail', 'ferry'],
      via: ['k', 'm'],
      daysLow: 3,
      daysHigh: 5,
      scope: 'end-to-end',
      expect: 'agree',
      notes: 'a note',
    });
    expect(row!.origin.line).toBe(2);
  });
});
