import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { reportError } from '../cli/report-error.js';

/** Cases per loader: 1,000 on every `npm test`, 10,000 with `npm run fuzz` (CARAVAN_FUZZ_RUNS). */
export const FUZZ_RUNS = Number(process.env['CARAVAN_FUZZ_RUNS'] ?? 1000);
/** Time for one loader's cases: generous (the suite shares two cores with others), ten times more for `npm run fuzz`. */
export const FUZZ_TEST_TIMEOUT = Math.max(300_000, FUZZ_RUNS * 300);
/** Where `npm run fuzz` writes its figures (bench/results); unset in `npm test`. */
const RESULTS_DIR = process.env['CARAVAN_FUZZ_RESULTS'];
/** A case slower than this, or growing the heap more than this, is a finding: a hang or a memory bomb. */
export const CASE_LIMITS = { ms: 10_000, heapBytes: 512 * 1024 * 1024 };

/** Cell values that have broken parsers elsewhere: numbers at the edges, formulas, encodings, sizes. */
const NASTY = [
  '',
  ' ',
  '-1',
  '0',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '=HYPERLINK("http://evil.example","x")',
  '@SUM(A1)',
  '"',
  '""',
  '\\',
  '\u0000',
  '\ufeff',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '0000-01-01T00:00Z',
  '2025-02-30T10:00+05:00',
  '9999-12-31T23:59+14:00',
  '../../../../etc/passwd',
  '/dev/zero',
  'a'.repeat(5000),
  '1'.repeat(400),
  '<NUMBER OF NODES> 1e12',
  '&a [*a]',
  '*a',
  '{',
  '[',
  ': :',
  '- - -',
];

/** One cell: a nasty value, a number, or any short text. */
export const cellArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

/** A valid text changed in a few places: cells replaced, lines dropped, doubled or cut: near misses, mostly. */
export function mutatedText(valid: string, separator: RegExp | string = ','): fc.Arbitrary<string> {
  const lines = valid.split('\n');
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('cell' as const), line: fc.nat(), cell: fc.nat(), value: cellArbitrary }),
    fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
    fc.record({ kind: fc.constant('double' as const), line: fc.nat() }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), line: fc.nat(), value: cellArbitrary }),
  );
  return fc.array(mutation, { minLength: 0, maxLength: 4 }).map((mutations) => {
    let current = [...lines];
    for (const m of mutations) {
      if (current.length === 0) break;
      if (m.kind === 'cut') {
        const text = current.join('\n');
        current = text.slice(0, m.at % (text.length + 1)).split('\n');
      } else {
        const index = m.line % current.length;
        if (m.kind === 'drop') current.splice(index, 1);
        else if (m.kind === 'double') current.splice(index, 0, current[index]!);
        else if (m.kind === 'insert') current.splice(index, 0, m.value);
        else {
          const cells = current[index]!.split(separator);
          cells[m.cell % cells.length] = m.value;
          current[index] = cells.join(typeof separator === 'string' ? separator : ' ');
        }
      }
    }
    return current.join('\n');
  });
}

/** The exit code the CLI gives for what a loader threw: 2 for bad input, 1 for a bug (the finding). */
export function exitCodeOf(error: unknown): { code: number; stderr: string } {
  let stderr = '';
  const sink = { write: (text: string) => (stderr += text) };
  const code = reportError(error, { stdout: sink, stderr: sink }, {});
  return { code, stderr };
}

export function expectCleanExit(outcome: { code: number; stderr: string }, input: string): void {
  expect([0, 2], `exit ${outcome.code} for input ${JSON.stringify(input.slice(0, 400))}: ${outcome.stderr}`).toContain(
    outcome.code,
  );
  expect(outcome.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
}

export interface FuzzFigures {
  loader: string;
  runs: number;
  accepted: number;
  refused: number;
  slowestCaseMs: number;
  largestHeapGrowthBytes: number;
  totalMs: number;
}

/**
 * Runs `check` on `runs` generated inputs; each case must finish within CASE_LIMITS. Returns the figures, which
 * `npm run fuzz` also writes to bench/results/fuzz-LOADER.json.
 */
export async function fuzzLoader<T>(
  loader: string,
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => Promise<boolean> | boolean,
  runs = FUZZ_RUNS,
): Promise<FuzzFigures> {
  const figures: FuzzFigures = {
    loader,
    runs,
    accepted: 0,
    refused: 0,
    slowestCaseMs: 0,
    largestHeapGrowthBytes: 0,
    totalMs: 0,
  };
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      const heap = process.memoryUsage().heapUsed;
      const caseStart = performance.now();
      const accepted = await check(input);
      const ms = performance.now() - caseStart;
      const growth = process.memoryUsage().heapUsed - heap;
      figures.slowestCaseMs = Math.max(figures.slowestCaseMs, ms);
      figures.largestHeapGrowthBytes = Math.max(figures.largestHeapGrowthBytes, growth);
      if (accepted) figures.accepted++;
      else figures.refused++;
      expect(ms, 'one case took too long').toBeLessThan(CASE_LIMITS.ms);
      expect(growth, 'one case grew the heap too much').toBeLessThan(CASE_LIMITS.heapBytes);
    }),
    { numRuns: runs, seed: Number(process.env['CARAVAN_FUZZ_SEED'] ?? 20261202) },
  );
  figures.totalMs = Math.round(performance.now() - started);
  if (RESULTS_DIR !== undefined) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `fuzz-${loader}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  }
  return figures;
}
