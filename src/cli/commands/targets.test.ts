import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';

describe('caravan targets', () => {
  it('reports the same 2024 eastern-INSTC figure as scenario run baseline-2024', async () => {
    const db = join(tempDir(), 'none.sqlite');
    const targets = JSON.parse((await runCli('targets', '--db', db, '--json')).stdout) as {
      measures: { measure: string; modeledMt: number }[];
    };
    const run = JSON.parse(
      (await runCli('scenario', 'run', join('scenarios', 'baseline-2024.yaml'), '--json')).stdout,
    ) as { report: { targets: { measure: string; throughputMt: number }[] } };
    const eastern = (label: string) => label.startsWith('tonnes crossing the Iranian frontier on eastern-INSTC links');
    const fromTargets = targets.measures.find((m) => eastern(m.measure))!.modeledMt;
    const fromRun = run.report.targets.find((t) => eastern(t.measure))!.throughputMt;
    expect(fromTargets).toBeGreaterThan(1);
    expect(fromTargets).toBe(fromRun);
  });

  it('shows every target of the source documents with the latest figure, the gap and the growth needed', async () => {
    const db = join(tempDir(), 'none.sqlite');
    const { code, stdout, stderr } = await runCli('targets', '--db', db);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const line = (label: string, by: string) =>
      stdout.split('\n').find((l) => l.startsWith(label) && l.includes(` ${by} `));
    expect(line('Iran–Kazakhstan trade target (near term) *', '2028')).toMatch(
      /\$1\.00 B\s+≈\$340\.0 M \(2024\)\s+34%\s+\$660\.0 M\s+\+31\.0%\s+\+12\.3% \(2023→2024\)/,
    );
    expect(line('Iran–Kazakhstan trade target (longer horizon) *', '2035')).toMatch(
      /\$3\.00 B\s+≈\$340\.0 M \(2024\)\s+11%\s+\$2\.66 B/,
    );
    // No published figure counts the eastern-INSTC measure's own crossings; the model's figure is shown instead.
    expect(line('Eastern INSTC throughput objective', '2027')).toMatch(/15\.00 Mt\s+no figure yet/);
    expect(stdout).toContain('Throughput measures in 2024');
    expect(line('Iran–Turkmenistan trade potential *', '2030')).toMatch(
      /\$3\.00 B\s+≈\$500\.0 M \(2024\)\s+17%\s+\$2\.50 B/,
    );
    expect(stdout).toContain('Iran–Kazakhstan trade: $249.1 M (2025-01/2025-09)');
    expect(stdout).toContain('Iran–Kazakhstan trade: <$400.0 M (2025)');
  });
});
