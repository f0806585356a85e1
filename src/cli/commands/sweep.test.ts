import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { reducedDemandDir } from '../../test-support/reduced-demand.js';
import { runCli } from '../../test-support/run-cli.js';

// The real network with the 20 largest cells of the matrix: a sample in a fraction of the full matrix's time.
const DEMAND = reducedDemandDir(20);
// One folder for the file's tests, which share stores (the operating system's temporary folder cleans it up).
const dir = mkdtempSync(join(tmpdir(), 'caravan-sweep-'));

/** A small sweep of the shipped trend scenario, every input varied, capacity included. */
function sweepFile(samples: number, extra = ''): string {
  const file = join(dir, `sweep-${samples}.yaml`);
  writeFileSync(
    file,
    `name: small\ndescription: a small sweep\nscenario: ${join(PACKAGE_ROOT, 'scenarios', 'trend-2030.yaml')}\nyears: [2030]\nsamples: ${samples}\ndesign: lhs\nseed: 7\ninputs: all\n${extra}`,
  );
  return file;
}

const run = (file: string, db: string, ...more: string[]) =>
  runCli('sweep', 'run', file, '--db', db, '--demand', DEMAND, '--progress', 'never', ...more);

describe('caravan sweep', () => {
  it('runs on worker threads, stores every sample once, resumes, and gives byte-identical JSON for the same seed', async () => {
    const file = sweepFile(4);
    const a = await run(file, join(dir, 'a.sqlite'), '--threads', '2', '--json');
    expect(a.stderr).toMatch(/sweep small-[0-9a-f]{10}: 4 samples computed on 2 worker threads\n/);
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report.sweep).toMatchObject({ samples: 4, completed: 4, design: 'lhs', years: [2030] });
    // Every kind of input is there, each with its distribution and the rule that set it.
    expect(new Set(report.inputs.map((input: { kind: string }) => input.kind))).toEqual(
      new Set(['demand', 'growth', 'elasticity', 'choice', 'tariff', 'border_dwell', 'capacity', 'opening_year']),
    );
    const gateway = report.measures.find((m: { measure: string }) => m.measure === 'instc-east-gateway');
    expect(gateway).toMatchObject({ year: 2030, targetMt: 20, targetYear: 2030 });
    expect(gateway.flowMt.p5).toBeLessThanOrEqual(gateway.flowMt.p50);
    expect(gateway.flowMt.p50).toBeLessThanOrEqual(gateway.flowMt.p95);
    expect(gateway.flowMt.p95).toBeGreaterThan(gateway.flowMt.p5);
    expect(gateway.capacityMt.p50).toBeGreaterThan(0);
    expect(report.drivers[0].method).toBe('standardized regression coefficients');

    // The same seed on one thread, into another store: the same bytes.
    const b = await run(file, join(dir, 'b.sqlite'), '--threads', '1', '--json');
    expect(b.stdout).toBe(a.stdout);

    // Run again on the first store: nothing left to compute, the same report.
    const again = await run(file, join(dir, 'a.sqlite'), '--json');
    expect(again.stderr).toContain('0 samples computed');
    expect(again.stderr).toContain('4 already stored');
    expect(again.stdout).toBe(a.stdout);

    // The report of the stored sweep, its table, and a CSV row per sample.
    const id = report.sweep.id as string;
    expect((await runCli('sweep', 'report', id, '--db', join(dir, 'a.sqlite'), '--json')).stdout).toBe(a.stdout);
    const text = (await runCli('sweep', 'report', id, '--db', join(dir, 'a.sqlite'))).stdout;
    expect(text).toContain('Chance of reaching the targets');
    expect(text).toMatch(/instc-east-gateway\s+2030\s+20\.00\s+\d+%/);
    expect(text).toContain('Top drivers of instc-east-gateway in 2030 (standardized regression coefficients');
    const csv = (await runCli('sweep', 'report', id, '--db', join(dir, 'a.sqlite'), '--csv', '-')).stdout.split('\n');
    expect(csv[0]).toMatch(/^sample,demand:/);
    expect(csv[0]).toContain('flow_mt:instc-east-gateway:2030');
    expect(csv.filter((line) => /^\d+,/.test(line))).toHaveLength(4);
    const list = JSON.parse((await runCli('sweep', 'list', '--db', join(dir, 'a.sqlite'), '--json')).stdout);
    expect(list).toEqual([expect.objectContaining({ id, samples: 4, completed: 4 })]);
  }, 600_000);

  it('a resumed sweep computes only the samples the store lacks, and ends with the answer of an uninterrupted one', async () => {
    const file = sweepFile(5, 'capacity: false\n');
    const whole = await run(file, join(dir, 'whole.sqlite'), '--threads', '1', '--json');
    // A store holding the first sweep's first samples stands for a run every process of which died midway.
    const partial = join(dir, 'partial.sqlite');
    const id = JSON.parse(whole.stdout).sweep.id as string;
    const { Store } = await import('../../store/store.js');
    const { findSweep, loadSamples, saveSamples, saveSweep } = await import('../../store/sweeps.js');
    await Store.using(join(dir, 'whole.sqlite'), async (from) => {
      const sweep = (await findSweep(from, id))!;
      const samples = (await loadSamples(from, id)).slice(0, 2);
      await Store.using(partial, async (to) => {
        await saveSweep(to, sweep);
        await saveSamples(to, id, samples);
      });
    });
    const resumed = await run(file, partial, '--threads', '1', '--json');
    expect(resumed.stderr).toContain('3 samples computed on 1 worker thread, 2 already stored');
    expect(resumed.stdout).toBe(whole.stdout);
  }, 600_000);

  it('a bad sweep file exits 2 naming the file, the field and what was expected', async () => {
    const file = sweepFile(3, 'capacity: false\n').replace('.yaml', '-bad.yaml');
    writeFileSync(
      file,
      readFileSync(sweepFile(3), 'utf8')
        .replace('inputs: all', 'inputs: [tariff, nonsense]')
        .replace('design: lhs', 'design: grid'),
    );
    const { code, stdout, stderr } = await run(file, join(dir, 'bad.sqlite'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('design: expected one of lhs, sobol, got "grid"');
    expect(stderr).not.toMatch(/^\s+at /m);
    writeFileSync(file, readFileSync(sweepFile(3), 'utf8').replace('inputs: all', 'inputs: [tariff, nonsense]'));
    expect((await run(file, join(dir, 'bad.sqlite'))).stderr).toContain('inputs[1]: unknown input "nonsense"');
  });
});
