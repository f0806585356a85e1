import { describe, expect, it } from 'vitest';
import type { RankedRoute } from '../../routing/router.js';
import { runCli } from '../../test-support/run-cli.js';

async function routesOf(...argv: string[]): Promise<RankedRoute[]> {
  const result = await runCli('route', ...argv, '--json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { routes: RankedRoute[] }).routes;
}

const passes = (route: RankedRoute, node: string) => route.nodes.includes(node);
const usesWater = (route: RankedRoute) => route.modes.includes('sea') || route.modes.includes('ferry');

describe('caravan route on the bundled network', () => {
  it('finds the KTI railway and a Caspian sea route among the distinct rail and sea corridors Almaty → Bandar Abbas', async () => {
    const routes = await routesOf(
      'almaty',
      'Bandar Abbas',
      '--by',
      'time',
      '--alternatives',
      '4',
      '--modes',
      'rail,sea,ferry',
    );
    expect(routes.length).toBeGreaterThanOrEqual(3);
    expect(routes.some((route) => passes(route, 'bolashak') && passes(route, 'inche-burun'))).toBe(true);
    // A Caspian crossing: by sea from a Kazakh or Russian Caspian port to an Iranian one.
    const caspian = ['aktau', 'kuryk', 'astrakhan', 'makhachkala'];
    expect(
      routes.some(
        (route) =>
          route.modes.includes('sea') && caspian.some((port) => passes(route, port)) && route.countries.at(-1) === 'IR',
      ),
    ).toBe(true);
    for (const route of routes) {
      // Plausible totals: between 3 and 30 days, and more than the great-circle distance (~2,800 km).
      expect(route.totals.hours / 24).toBeGreaterThan(3);
      expect(route.totals.hours / 24).toBeLessThan(30);
      expect(route.totals.km).toBeGreaterThan(2800);
    }
  });

  it('does not hide the KTI railway Shalkar → Tehran: it is the second-cheapest corridor, within 20% of the best', async () => {
    const routes = await routesOf('shalkar', 'tehran', '--by', 'cost', '--alternatives', '4');
    expect(routes).toHaveLength(4);
    const kti = routes.find((route) => passes(route, 'bolashak') && passes(route, 'inche-burun'));
    expect(kti).toBeDefined();
    // Kuryk – Amirabad by sea is cheapest at the Caspian voyage rates of the 2026-12 audit (USD 92.0 against 79.7).
    expect(kti!.score).toBeLessThanOrEqual(routes[0]!.score * 1.2);
    expect(routes.indexOf(kti!)).toBe(1);
    // Each corridor is shown by its cheapest route, cheapest corridor first.
    for (let i = 1; i < routes.length; i++) expect(routes[i]!.score).toBeGreaterThanOrEqual(routes[i - 1]!.score);
  });

  it('avoiding a place avoids both its rail and its road crossing: Sarakhs', async () => {
    // Without the constraint both posts are used (rail by the best rail route, road by the best road route), once
    // the road crossing at Bajgiran, cheaper than both, is out of the way.
    const mashhadAshgabat = (...avoid: string[]) =>
      routesOf('mashhad', 'ashgabat', '--by', 'cost', '--alternatives', '3', '--avoid-node', 'bajgiran', ...avoid);
    const free = await mashhadAshgabat();
    expect(free.some((route) => passes(route, 'sarakhs'))).toBe(true);
    expect(free.some((route) => passes(route, 'sarakhs-road'))).toBe(true);
    const routes = await mashhadAshgabat('sarakhs');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.nodes.filter((node) => node.startsWith('sarakhs'))).toEqual([]);
    // A post named with its mode suffix is avoided alone.
    const roadOnly = await mashhadAshgabat('sarakhs-road');
    for (const route of roadOnly) expect(route.nodes).not.toContain('sarakhs-road');
    expect(roadOnly.some((route) => passes(route, 'sarakhs'))).toBe(true);
  });

  it('with Turkmenistan avoided, offers the Caspian crossing among the alternatives', async () => {
    // Three land corridors through Russia, Uzbekistan–Afghanistan and Kyrgyzstan are faster; the Aktau and Kuryk
    // ferries to Alat come fourth and fifth.
    const routes = await routesOf('almaty', 'bandar-abbas', '--avoid-country', 'TM', '--alternatives', '5');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.countries).not.toContain('TM');
    expect(routes.some(usesWater)).toBe(true);
  });

  it('uses the Rasht–Astara railway only from its opening year', async () => {
    const args = ['rasht', 'astara-ir', '--modes', 'rail', '--by', 'distance'];
    const uses = (routes: RankedRoute[]) =>
      routes.some((route) => route.steps.some((step) => step.kind === 'leg' && step.link === 'rasht-astara-rail'));
    const in2024 = await runCli('route', ...args, '--year', '2024', '--json');
    if (in2024.code === 0) expect(uses((JSON.parse(in2024.stdout) as { routes: RankedRoute[] }).routes)).toBe(false);
    else expect(in2024.stderr).toMatch(/no route/);
    expect(uses(await routesOf(...args, '--year', '2035'))).toBe(true);
  });

  it('by CO2 prefers rail and sea over road', async () => {
    const [byCo2] = await routesOf('almaty', 'bandar-abbas', '--by', 'co2');
    const [byTime] = await routesOf('almaty', 'bandar-abbas', '--by', 'time');
    const roadKm = (route: RankedRoute) =>
      route.steps.reduce((sum, step) => sum + (step.kind === 'leg' && step.mode === 'road' ? step.km : 0), 0);
    expect(roadKm(byCo2!) / byCo2!.totals.km).toBeLessThan(0.1);
    expect(byCo2!.totals.kgCo2e).toBeLessThanOrEqual(byTime!.totals.kgCo2e);
  });

  it('costs per TEU differ from per tonne', async () => {
    const [perTonne] = await routesOf('tashkent', 'chabahar', '--by', 'cost');
    const [perTeu] = await routesOf('tashkent', 'chabahar', '--by', 'cost', '--unit', 'teu');
    expect(perTeu!.unit).toBe('teu');
    expect(perTeu!.totals.usd).toBeGreaterThan(perTonne!.totals.usd);
  });

  it('gives every alternative its simulated P50 and P90', async () => {
    const result = await runCli('route', 'almaty', 'bandar-abbas', '--alternatives', '3', '--json');
    const { routes } = JSON.parse(result.stdout) as {
      routes: (RankedRoute & { reliability: { p50H: number; p90H: number; deterministicH: number } })[];
    };
    expect(routes).toHaveLength(3);
    for (const route of routes) {
      expect(route.reliability.deterministicH).toBeCloseTo(route.totals.hours, 6);
      expect(route.reliability.p90H).toBeGreaterThan(route.reliability.p50H);
    }
    const table = await runCli('route', 'almaty', 'bandar-abbas', '--alternatives', '3');
    expect(table.stdout).toMatch(/P50 d\s+P90 d/);
  });

  it('passes a via node', async () => {
    const [route] = await routesOf('almaty', 'bandar-abbas', '--via', 'aktau');
    expect(route!.nodes).toContain('aktau');
  });

  it('prints tables, CSV and GeoJSON', async () => {
    const table = await runCli('route', 'almaty', 'bandar-abbas', '--alternatives', '2');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Comparison/);
    expect(table.stdout).toMatch(/Route 2/);
    const csv = await runCli('route', 'almaty', 'bandar-abbas', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe(
      'route,step,kind,what,from,to,node,km,hours,usd,co2e_kg,cum_km,cum_hours,cum_usd,cum_co2e_kg',
    );
    const geojson = JSON.parse((await runCli('route', 'almaty', 'bandar-abbas', '--format', 'geojson')).stdout);
    expect(geojson.type).toBe('FeatureCollection');
    expect(
      geojson.features.some((feature: { geometry: { type: string } }) => feature.geometry.type === 'LineString'),
    ).toBe(true);
  });
});

describe('caravan route errors', () => {
  it('names an unknown place and suggests the closest', async () => {
    const result = await runCli('route', 'almaty', 'bandar-abas');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/to: no node matches "bandar-abas"; did you mean "bandar-abbas"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects bad option values with the option named', async () => {
    const year = await runCli('route', 'almaty', 'tehran', '--year', 'soon');
    expect(year.code).toBe(2);
    expect(year.stderr).toMatch(/--year: expected a year such as 2027, got "soon"/);
    const modes = await runCli('route', 'almaty', 'tehran', '--modes', 'rail,camel');
    expect(modes.stderr).toMatch(/--modes: expected among rail, road, sea, ferry, got "camel"/);
    const country = await runCli('route', 'almaty', 'tehran', '--avoid-country', 'XX');
    expect(country.stderr).toMatch(/--avoid-country: expected ISO country codes/);
  });

  it('says when no route exists or an endpoint is excluded', async () => {
    const excluded = await runCli('route', 'almaty', 'tehran', '--avoid-country', 'IR');
    expect(excluded.code).toBe(2);
    expect(excluded.stderr).toMatch(/the destination tehran is excluded/);
    const none = await runCli('route', 'almaty', 'bandar-abbas', '--modes', 'sea');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no route: Almaty → Bandar Abbas/);
  });
});
