import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioCapacitySchema } from '../../corridor/capacity-schema.js';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { runCli } from '../../test-support/run-cli.js';

const scenario = (name: string) => join(PACKAGE_ROOT, 'scenarios', `${name}.yaml`);

describe('caravan capacity', () => {
  it('--json: capacity beside the forecast flow, the flow the same figure scenario run reports', async () => {
    const { code, stdout, stderr } = await runCli('capacity', scenario('baseline-2024'), '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [report] = JSON.parse(stdout).scenarios.map((s: unknown) => scenarioCapacitySchema.parse(s));
    expect(report).toMatchObject({ scenario: 'baseline-2024', year: 2024 });
    const kti = report.measures.find((m: { measure: string }) => m.measure === 'kti-gateway');
    expect(kti).toMatchObject({ capacityMt: 8.8, unlimitedLinks: ['etrek-inche-burun-road'] });
    const run = JSON.parse((await runCli('scenario', 'run', scenario('baseline-2024'), '--json')).stdout);
    const flows = run.report.targets.map((t: { throughputMt: number }) => t.throughputMt);
    expect(report.measures.map((m: { flowMt: number }) => m.flowMt)).toEqual(flows);
  });

  it('prints a table of flow and capacity against the target, what binds and what is blank', async () => {
    const { code, stdout } = await runCli('capacity', scenario('trend-2030'), '--no-flow');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Capacity next to flow: trend-2030 \(2030\), Mt\/yr/);
    expect(stdout).toMatch(/kti-gateway\s+-\s+8\.80\+\s+into IR 4\.40, out of IR 4\.40\s+20 \(2030\)\s+-\s+44%/);
    expect(stdout).toContain('binding: border inche-burun entry 4.40 Mt (shadow price 1.00)');
    expect(stdout).toContain('unlimited (no capacity on a path): etrek-inche-burun-road');
    expect(stdout).toContain('so every figure is an upper bound');
  });

  it('scenario run --capacity prints the capacity beside the flow after the run', async () => {
    const { code, stdout } = await runCli('scenario', 'run', scenario('baseline-2024'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Scenario baseline-2024 \(2024\)/);
    expect(stdout).toMatch(/Capacity next to flow: baseline-2024 \(2024\), Mt\/yr/);
    expect(stdout).toMatch(/instc-east-gateway\s+\d+\.\d\d\s+23\.80\+/);
  });

  it('a scenario file that does not exist exits 2 and says so', async () => {
    const { code, stderr } = await runCli('capacity', 'nope.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('nope.yaml');
  });
});
