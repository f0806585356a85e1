import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { tempDir } from '../../test-support/fixture-network.js';
import { reducedDemandDir } from '../../test-support/reduced-demand.js';
import { runCli } from '../../test-support/run-cli.js';

// The optimizer's machinery on the real network with the 60 largest cells of the matrix: the full matrix takes
// minutes per run (a known cost of the trade-based demand, to be cut by pruning dominated edges).
const SMALLER_MATRIX = reducedDemandDir();

const scenario = (name: string) => join(PACKAGE_ROOT, 'scenarios', `${name}.yaml`);

describe('caravan scenario', () => {
  it('run prints the KTI throughput, the target gap, bottlenecks and the calibration', async () => {
    const { code, stdout, stderr } = await runCli('scenario', 'run', scenario('baseline-2024'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Scenario baseline-2024 \(2024\)/);
    expect(stdout).toContain('Targets (2027: 15 Mt/yr)');
    expect(stdout).toMatch(/kti\s+busiest section of the KTI railway/);
    expect(stdout).toContain('Binding bottlenecks (v/c ≥ 0.9)');
    expect(stdout).toMatch(/kti-bolashak\s+link:bolashak-serhetyaka-rail\s+1\.60/);
  });

  it('run --json gives the report, and the single-class engine run serves the same demand', async () => {
    const ue = ['--json', '--method', 'ue'];
    const multi = JSON.parse((await runCli('scenario', 'run', scenario('baseline-2024'), ...ue)).stdout);
    const single = JSON.parse(
      (await runCli('scenario', 'run', scenario('baseline-2024'), ...ue, '--single-class', '--algorithm', 'b')).stdout,
    );
    const logit = JSON.parse((await runCli('scenario', 'run', scenario('baseline-2024'), '--json')).stdout);
    expect(logit.report.assignment.solver).toBe('logit-msa');
    expect(single.report.assignment.solver).toBe('engine');
    expect(multi.report.assignment.solver).toBe('multiclass');
    expect(single.report.totals.demandMt).toBeCloseTo(multi.report.totals.demandMt, 9);
    expect(multi.report.targets[0]).toMatchObject({ corridor: 'instc-east', targetMt: 15 });
  });

  it('diff baseline vs joint customs shows the time saved and the shift in flows', async () => {
    const { code, stdout } = await runCli(
      'scenario',
      'diff',
      scenario('baseline-2024'),
      scenario('joint-customs-2027'),
      '--json',
    );
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.base.name).toBe('baseline-2024');
    expect(diff.other.name).toBe('joint-customs-2027');
    // Halved clearance at Sarakhs cuts the time of a pair that crosses it.
    const tashkentTehran = diff.pairs.find(
      (p: { from: string; to: string }) => p.from === 'tashkent' && p.to === 'tehran',
    );
    expect(tashkentTehran.via.base).toContain('sarakhs');
    expect(tashkentTehran.hours.change).toBeLessThan(-10);
    const text = (await runCli('scenario', 'diff', scenario('baseline-2024'), scenario('joint-customs-2027'))).stdout;
    expect(text).toContain('joint-customs-2027 (2027) compared with baseline-2024 (2024)');
    expect(text).toContain('Origin–destination pairs: time and route');
  });

  it('a bad scenario file exits 2 with file, key path and what was expected, and no stack trace', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'name: bad\ndescription: d\nyear: 2027\nlevers:\n  - type: border_dwell\n    nodes: [sarakhs]\n    multiplier: fast\n',
    );
    const { code, stdout, stderr } = await runCli('scenario', 'run', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad.yaml: levers[0].multiplier: expected a number > 0, got "fast"');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('rejects an engine-only algorithm for the multiclass run', async () => {
    const { code, stderr } = await runCli(
      'scenario',
      'run',
      scenario('baseline-2024'),
      '--method',
      'ue',
      '--algorithm',
      'b',
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--single-class');
  });
});

describe('caravan optimize', () => {
  it('chooses upgrades within a budget and respects every capacity row', async () => {
    const { code, stdout, stderr } = await runCli(
      'optimize',
      join(PACKAGE_ROOT, 'scenarios', 'optimizations', 'budget-2030.yaml'),
      '--json',
      '--demand',
      SMALLER_MATRIX,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { report } = JSON.parse(stdout);
    expect(report.optimal).toBe(true);
    expect(report.capitalCostMusd).toBeLessThanOrEqual(500);
    for (const group of report.groups) expect(group.flowMt).toBeLessThanOrEqual(group.capacityMt + 1e-6);
    // It says what holds the throughput down: capacity (an upper bound), the demand table or the cost slack.
    expect(report.limit.by.length).toBeGreaterThan(0);
    expect(report.limit.note).toMatch(/^Throughput is /);
  });
});
