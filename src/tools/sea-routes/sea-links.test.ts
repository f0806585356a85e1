import { describe, expect, it } from 'vitest';
import { readNetwork } from '../../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../../data/paths.js';
import { loadMarnet, marnetAvailable, marnetPath } from './load-marnet.js';

// The MARNET file is external data, never committed: set CARAVAN_MARNET_FILE or provide ../shared/data/marnet.
const available = marnetAvailable();
if (!available) console.warn(`skipping the MARNET checks: no ${marnetPath()} (set CARAVAN_MARNET_FILE)`);
import { SEA_LINK_PLAN } from './sea-link-plan.js';
import { passedChokepoints } from './sea-link-rows.js';

describe('the sea links of the bundled network', () => {
  const { network } = readNetwork(BUNDLED_NETWORK_DIR);
  const nodes = new Map(network!.nodes.map((node) => [node.id, node]));
  const links = new Map(network!.links.map((link) => [link.id, link]));
  const chokepoints = network!.nodes.filter((node) => node.kind === 'chokepoint');
  const router = available ? loadMarnet() : undefined;

  it.skipIf(!available).each(SEA_LINK_PLAN.map(([from, to]) => [`${from}-${to}-sea`, from, to] as const))(
    '%s has the km the maritime network gives, and passes no other chokepoint',
    (id, fromId, toId) => {
      const link = links.get(id);
      expect(link, `${id} is missing from links.csv: run src/tools/sea-routes/build-sea-links.ts`).toBeDefined();
      const from = nodes.get(fromId)!;
      const to = nodes.get(toId)!;
      const route = router!.route([from.lon, from.lat], [to.lon, to.lat])!;
      expect(link!.km).toBe(Math.round(route.km));
      expect(link!.sources).toContain('eurostat-marnet');
      expect(passedChokepoints(route.path, from, to, chokepoints)).toEqual([]);
    },
  );

  it('reaches every chokepoint by sea links only, from both sides', () => {
    for (const chokepoint of chokepoints) {
      const at = network!.links.filter((link) => link.from === chokepoint.id || link.to === chokepoint.id);
      expect(at.length, chokepoint.id).toBeGreaterThanOrEqual(2);
      expect(at.every((link) => link.mode === 'sea')).toBe(true);
    }
  });
});
