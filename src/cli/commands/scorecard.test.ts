import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';

describe('caravan scorecard', () => {
  it('prints the three tests, each with its latest figure, source and status', async () => {
    const db = join(tempDir(), 'none.sqlite');
    const { code, stdout, stderr } = await runCli('scorecard', '--as-of', '2026-12', '--no-model', '--db', db);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1\. Trade beyond the sub-\$400 million level/m);
    expect(stdout).toMatch(/^2\. Port and corridor projects: funding and commitments/m);
    expect(stdout).toMatch(/^3\. Freight flows on Kazakhstan–Turkmenistan–Iran routes/m);
    expect(stdout).toContain(
      'Iran–Kazakhstan trade against the "sub-$400.0 M level": BELOW — latest full year ≈$340.0 M (2024)',
    );
    expect(stdout).toMatch(
      /Iran–Kazakhstan trade target \(near term\)\s+2028\s+\$1\.00 B\s+≈\$340\.0 M \(2024\)\s+34%\s+\+31\.0%\s+\+12\.3%\s+BEHIND\s+seed-tehrantimes-2025/,
    );
    // Tonnes to dollars for Iran–Kazakhstan: 0.6 Mt grain × $250 + 0.1 Mt metals × $1,000 + 0.48 Mt other × $1,500.
    expect(stdout).toMatch(
      /Iran–Kazakhstan trade target \(near term\)\s+IR-KZ\s+1\.18\s+\$970\.0 M\s+\$340\.0 M\s+\$1\.00 B\s+×1\.03/,
    );
    expect(stdout).toMatch(
      /Rasht–Astara railway \(162 km\)\s+design\s+2025-02\s+€1\.60 B\s+€1\.30 B\s+81%\s+2025 → 2028\s+\+3 yr/,
    );
    expect(stdout).toMatch(/Rasht–Astara railway commissioned by 2025\s+2025-12\s+MISSED/);
    expect(stdout).toMatch(
      /Eastern INSTC throughput objective\s+2027\s+15\.00 Mt\s+≈1\.60 Mt \(2024\).*11%\s+\+110\.9%/,
    );
    expect(stdout).toContain('MODEL: not run');
  });
});
