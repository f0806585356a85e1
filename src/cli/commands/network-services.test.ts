import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_NETWORK_DIR } from '../../data/paths.js';
import { copyFixture } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';

// The user's view of scheduled services: what `network show` lists at a port, and what `network validate` says
// about a broken services.csv.
describe('caravan network show lists the scheduled services at a place', () => {
  it('shows the ferries calling at Kuryk, with their frequency, headway and capacity each way', async () => {
    const { code, stdout } = await runCli('network', 'show', 'kuryk', '--data', BUNDLED_NETWORK_DIR);
    expect(code).toBe(0);
    expect(stdout).toContain('Scheduled services at kuryk (2)');
    // 16.4 departures a week: every 168 / 16.4 = 10.2 h; 2,350 t × 16.4 × 365/7 = 2.01 Mt/yr each way.
    expect(stdout).toMatch(
      /^ASCO rail ferries Alat – Kuryk \(asco-alat-kuryk-ferry\) +ferry +kuryk – alat +16\.4 +10 +2,350 t +2\.01 +yes +estimate$/m,
    );
  });

  it('shortens a long train route and says a shared service limits nothing', async () => {
    const { stdout } = await runCli('network', 'show', 'sarakhs', '--data', BUNDLED_NETWORK_DIR);
    expect(stdout).toMatch(
      /russia-iran-container-train\) +rail +moscow – astrakhan – … \(12\) – garmsar – tehran .* no +derived$/m,
    );
  });

  it('gives the services as JSON, with every place on the route', async () => {
    const { stdout } = await runCli('network', 'show', 'inche-burun', '--data', BUNDLED_NETWORK_DIR, '--json');
    const details = JSON.parse(stdout) as { services: { id: string; stops: string[]; mtPerYear: number }[] };
    const train = details.services.find((service) => service.id === 'china-iran-kti-train')!;
    expect(train.stops[0]).toBe('xian');
    expect(train.stops.at(-1)).toBe('tehran');
    expect(train.stops).toContain('inche-burun');
    // 100 TEU × 12 t/TEU × 0.5 a week × 365/7.
    expect(train.mtPerYear).toBeCloseTo((1200 * 0.5 * 365) / 7 / 1e6, 9);
  });

  it('says so where no service calls', async () => {
    const { stdout } = await runCli('network', 'show', 'tehran', '--data', copyFixture());
    expect(stdout).toContain('Scheduled services at tehran (0)');
    expect(stdout.trimEnd().endsWith('none in the data')).toBe(true);
  });
});

describe('caravan network validate checks services.csv', () => {
  it('reports each bad row as file:line: field and exits 2', async () => {
    const dir = copyFixture();
    writeFileSync(
      join(dir, 'services.csv'),
      [
        'id,name,mode,operator,links,departures_per_week,capacity_per_departure,capacity_unit,exclusive,sources,confidence,estimated_fields,notes',
        'a,Ferry,ferry,Op,aktau-amirabad,1,100,t,yes,kti-fixture,estimate,,',
        'b,Train,rail,Op,aktau-uzen;gorgan-tehran,-2,100,t,no,kti-fixture,estimate,,',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runCli('network', 'validate', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const file = join(dir, 'services.csv');
    expect(stderr).toContain(
      `${file}:2: links[0]: a ferry service runs on ferry links, but aktau-amirabad is a sea link\n`,
    );
    expect(stderr).toContain(`${file}:3: departures_per_week: expected a number > 0`);
    expect(stderr).toMatch(/invalid: 2 errors, 0 warnings\n$/);
  });

  it('counts the services of a valid network', async () => {
    const { code, stdout } = await runCli('network', 'validate', BUNDLED_NETWORK_DIR);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^valid: \d+ nodes, \d+ links, 17 services, /);
  });
});
