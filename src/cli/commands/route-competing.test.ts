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
const crosses = (route: RankedRoute, ...countries: string[]) => countries.every((c) => route.countries.includes(c));
const railOverland = (route: RankedRoute) => !route.modes.includes('sea') && route.modes.includes('rail');

describe('competing corridors on the bundled network', () => {
  it('Shanghai → Tehran offers rail through Kazakhstan', async () => {
    const routes = await routesOf('shanghai', 'tehran', '--alternatives', '3');
    expect(routes).toHaveLength(3);
    const viaKazakhstan = routes.filter((route) => railOverland(route) && crosses(route, 'CN', 'KZ', 'IR'));
    expect(viaKazakhstan.length).toBeGreaterThan(0);
    // The Chinese leg runs on the Longhai and Lanzhou–Xinjiang railways, not by some shortcut.
    for (const route of viaKazakhstan) expect(passes(route, 'xian') && passes(route, 'urumqi')).toBe(true);
  });

  it('Shanghai → Tehran, three routes by time: rail through Kazakhstan beside the sea route via Bandar Abbas', async () => {
    const routes = await routesOf('shanghai', 'tehran', '--alternatives', '3');
    expect(routes.some((route) => railOverland(route) && crosses(route, 'CN', 'KZ', 'IR'))).toBe(true);
    expect(routes.some((route) => route.modes.includes('sea') && passes(route, 'bandar-abbas'))).toBe(true);
  });

  it('Tashkent → Chabahar by cost stays in Iran once there (the feeder through Hormuz enters no other country)', async () => {
    const [route] = await routesOf('tashkent', 'chabahar', '--by', 'cost');
    expect(route!.countries.slice(route!.countries.indexOf('IR'))).toEqual(['IR']);
  });

  it('Shanghai → Tehran by cost compares the sea route via Bandar Abbas', async () => {
    const routes = await routesOf('shanghai', 'tehran', '--alternatives', '3', '--by', 'cost');
    expect(routes.some((route) => route.modes.includes('sea') && passes(route, 'bandar-abbas'))).toBe(true);
  });

  it('Xi’an → Rotterdam: the northern route, and the Middle Corridor when Russia is avoided', async () => {
    const routes = await routesOf('xian', 'rotterdam', '--alternatives', '4', '--modes', 'rail,sea,ferry');
    const northern = routes.find((route) => passes(route, 'malaszewicze') && crosses(route, 'KZ', 'RU', 'BY', 'PL'));
    // The Middle Corridor is what a shipper avoiding Russia takes (in the network it is slower than the northern
    // route and the rail detour through Russia and Azerbaijan, so it does not show among the fastest four).
    const [middle] = await routesOf('xian', 'rotterdam', '--avoid-country', 'RU', '--modes', 'rail,sea,ferry');
    expect(northern).toBeDefined();
    expect(middle!.modes).toContain('ferry');
    expect(crosses(middle!, 'KZ', 'AZ', 'GE', 'TR')).toBe(true);
    // Published: Xi'an – Duisburg 9,908 km and 10–13 days (duisport, DHL); China – Germany 18–20 days terminal to
    // terminal. The Middle Corridor is slower than the northern route (World Bank 2023).
    expect(northern!.totals.km).toBeGreaterThan(9900);
    expect(northern!.totals.km).toBeLessThan(11500);
    expect(northern!.totals.hours / 24).toBeGreaterThan(10);
    expect(northern!.totals.hours / 24).toBeLessThan(21);
    expect(middle!.totals.hours).toBeGreaterThan(northern!.totals.hours);
    // The 1520/1435 mm break at Brest/Małaszewicze is a border wait plus a gauge change.
    const atBrest = northern!.steps.filter((step) => step.kind !== 'leg' && step.node === 'malaszewicze');
    expect(atBrest.map((step) => (step.kind === 'transfer' ? step.transfer : step.kind))).toEqual([
      'border',
      'gauge_change',
    ]);
  });

  it('Xi’an → Rotterdam, three routes by time: the northern route, the Middle Corridor and the sea route side by side', async () => {
    const result = await runCli('route', 'xian', 'rotterdam', '--alternatives', '3');
    expect(result.code).toBe(0);
    const routes = await routesOf('xian', 'rotterdam', '--alternatives', '3');
    expect(routes).toHaveLength(3);
    const [northern, middle, sea] = routes;
    // The northern route: rail through Kazakhstan, Russia and Belarus, the gauge change at Brest/Małaszewicze.
    expect(northern!.modes).toEqual(['rail']);
    expect(passes(northern!, 'malaszewicze') && crosses(northern!, 'KZ', 'RU', 'BY', 'PL')).toBe(true);
    // The Middle Corridor: the Caspian ferry, then Azerbaijan, Georgia and Türkiye, not Russia.
    expect(middle!.modes).toContain('ferry');
    expect(crosses(middle!, 'KZ', 'AZ', 'GE', 'TR')).toBe(true);
    expect(middle!.countries).not.toContain('RU');
    // The sea route from China's coast through Suez, mostly by sea.
    expect(sea!.countries[0]).toBe('CN');
    expect(passes(sea!, 'suez')).toBe(true);
    const seaKm = sea!.steps.reduce((km, step) => km + (step.kind === 'leg' && step.mode === 'sea' ? step.km : 0), 0);
    expect(seaKm / sea!.totals.km).toBeGreaterThan(0.9);
    // Side by side with times, costs and CO2e: the table prints each route's days, USD/t and kg CO2e.
    for (const route of routes) {
      const row = result.stdout
        .split('\n')
        .find((line) => line.startsWith(`${route.rank} `))!
        .trim()
        .split(/\s+/);
      expect(Number(row[1])).toBeCloseTo(route.totals.hours / 24, 1);
      expect(Number(row[4]!.replace(/,/g, ''))).toBeCloseTo(route.totals.usd, 1);
      expect(Number(row[5]!.replace(/,/g, ''))).toBeCloseTo(route.totals.kgCo2e, 1);
    }
    // Fastest first; the sea route is the cheapest, the northern route the lowest in CO2e.
    expect(northern!.totals.hours).toBeLessThan(middle!.totals.hours);
    expect(middle!.totals.hours).toBeLessThan(sea!.totals.hours);
    expect(sea!.totals.usd).toBeLessThan(northern!.totals.usd);
    expect(northern!.totals.kgCo2e).toBeLessThan(Math.min(middle!.totals.kgCo2e, sea!.totals.kgCo2e));
  });

  it('Shanghai → Rotterdam: the sea route is slower and far cheaper than the land corridors', async () => {
    const land = await routesOf('shanghai', 'rotterdam', '--alternatives', '5', '--modes', 'rail,sea,ferry');
    const [sea] = await routesOf('shanghai', 'rotterdam', '--modes', 'sea');
    const northern = land.find((route) => passes(route, 'malaszewicze'));
    expect(northern).toBeDefined();
    expect(sea!.modes).toEqual(['sea']);
    expect(sea!.totals.hours).toBeGreaterThan(northern!.totals.hours);
    expect(sea!.totals.usd).toBeLessThan(northern!.totals.usd / 3);
  });

  it('Karachi is reached from Central Asia through Afghanistan, and the Trans-Afghan railway only from its year', async () => {
    const [byRoad] = await routesOf('tashkent', 'karachi', '--by', 'time');
    expect(crosses(byRoad!, 'UZ', 'AF', 'PK')).toBe(true);
    const usesTransAfghan = (routes: RankedRoute[]) => routes.some((route) => passes(route, 'kharlachi'));
    expect(usesTransAfghan(await routesOf('termez', 'peshawar', '--modes', 'rail,road', '--alternatives', '3'))).toBe(
      false,
    );
    expect(usesTransAfghan(await routesOf('termez', 'peshawar', '--modes', 'rail', '--year', '2035'))).toBe(true);
  });
});
