import { describe, expect, it } from 'vitest';
import { runCli } from '../../test-support/run-cli.js';

/** The sea side of the competing corridors (issue 13): routes through ports and chokepoints of the bundled network. */
const bestRoute = async (...argv: string[]) => {
  const { code, stdout, stderr } = await runCli('route', ...argv, '--json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout).routes[0] as {
    nodes: string[];
    modes: string[];
    countries: string[];
    totals: { km: number };
  };
};

const CHINESE_PORTS = ['tianjin', 'qingdao', 'lianyungang', 'shanghai', 'ningbo-zhoushan', 'shenzhen'];

describe('route by sea', () => {
  it('takes Shanghai – Rotterdam through Malacca, Bab-el-Mandeb and Suez', async () => {
    // By time the northern rail route wins (see route-competing.test.ts); this is the sea route.
    const route = await bestRoute('shanghai', 'rotterdam', '--modes', 'sea');
    expect(route.modes).toEqual(['sea']);
    expect(route.nodes).toEqual(expect.arrayContaining(['malacca', 'bab-el-mandeb', 'suez', 'port-said']));
    expect(route.countries).toContain('EG');
  });

  it('goes round the Cape when Suez or Bab-el-Mandeb is avoided, and that is longer', async () => {
    const viaSuez = await bestRoute('shanghai', 'rotterdam', '--modes', 'sea');
    for (const avoided of ['suez', 'bab-el-mandeb']) {
      const route = await bestRoute('shanghai', 'rotterdam', '--modes', 'sea', '--avoid-node', avoided);
      expect(route.nodes).toContain('cape-of-good-hope');
      expect(route.nodes).not.toContain(avoided);
      expect(route.totals.km).toBeGreaterThan(viaSuez.totals.km * 1.2);
    }
  });

  it('reaches Bandar Abbas through Hormuz, and avoiding Hormuz lands at Chabahar instead', async () => {
    expect((await bestRoute('shanghai', 'bandar-abbas', '--modes', 'sea')).nodes).toContain('hormuz');
    const around = await bestRoute('shanghai', 'bandar-abbas', '--modes', 'sea,road', '--avoid-node', 'hormuz');
    expect(around.nodes).not.toContain('hormuz');
    expect(around.nodes).toContain('chabahar');
  });

  it('finds no sea way into the Gulf or the Black Sea past an avoided strait', async () => {
    for (const [from, to, avoided] of [
      ['nhava-sheva', 'jebel-ali', 'hormuz'],
      ['shanghai', 'constanta', 'bosporus'],
    ] as const) {
      const { code, stderr } = await runCli('route', from, to, '--modes', 'sea', '--avoid-node', avoided);
      expect(code).not.toBe(0);
      expect(stderr).toContain('no route');
    }
  });

  it('goes round Malacca through the Lombok Strait when Malacca is avoided', async () => {
    const route = await bestRoute('shanghai', 'nhava-sheva', '--avoid-node', 'malacca');
    expect(route.nodes).toContain('lombok');
    expect(route.nodes).not.toContain('malacca');
  });

  it('sends Urumqi – Mumbai cargo out through a Chinese port when Iran is avoided', async () => {
    const route = await bestRoute('urumqi', 'mumbai', '--avoid-country', 'IR');
    expect(route.countries).not.toContain('IR');
    expect(route.modes).toContain('sea');
    expect(route.nodes.some((node) => CHINESE_PORTS.includes(node))).toBe(true);
  });

  // The sea links' km come from MARNET (checked against published figures in marnet-router.test.ts when that file is
  // at hand); this checks the routed chains of links themselves, port calls on the way included, on every run.
  it.each([
    { from: 'shanghai', to: 'rotterdam', avoid: [], nm: 10_600, pair: 'Shanghai – Rotterdam via Suez (PEMP 2024)' },
    {
      from: 'shanghai',
      to: 'rotterdam',
      avoid: ['suez'],
      nm: 13_800,
      pair: 'Shanghai – Rotterdam via the Cape (PEMP 2024)',
    },
    { from: 'nhava-sheva', to: 'jebel-ali', avoid: [], nm: 1_152, pair: 'Mumbai – Dubai (as sailed, 2013)' },
    { from: 'karachi', to: 'gwadar', avoid: [], nm: 290, pair: 'Karachi – Gwadar (sailing directions)' },
  ])('routes $pair within 8% of the published $nm nm', async ({ from, to, avoid, nm }) => {
    const avoided = avoid.flatMap((node) => ['--avoid-node', node]);
    const route = await bestRoute(from, to, '--modes', 'sea', '--by', 'distance', ...avoided);
    expect(Math.abs(route.totals.km / 1.852 / nm - 1)).toBeLessThan(0.08);
  });
});
