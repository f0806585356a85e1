import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { compileMultimodalGraph } from '../graph/multimodal.js';
import { randomNetwork } from '../test-support/random-network.js';
import { Router, type RouteRequest } from './router.js';

const request = (from: string, to: string, avoidCountries: string[] = []): RouteRequest => ({
  from,
  to,
  criterion: 'time',
  alternatives: 3,
  avoidCountries,
});

describe('search trees kept by the distinct method', () => {
  it('give the routes a fresh router finds, and are searched once per place and constraint set', () => {
    fc.assert(
      fc.property(
        randomNetwork(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 2, maxLength: 6 }),
        (network, picks) => {
          const ids = network.nodes.map((node) => node.id);
          const pairs = picks.map(([a, b]) => [ids[a % ids.length]!, ids[b % ids.length]!] as const);
          const graph = compileMultimodalGraph(network, 't');
          const kept = new Router(graph);
          for (const [from, to] of [...pairs, ...pairs]) {
            expect(kept.routes(request(from, to))).toEqual(new Router(graph).routes(request(from, to)));
          }
          const { misses } = kept.searchTreeStats();
          // At most one tree from each origin and one toward each destination, however often a pair is asked.
          expect(misses).toBeLessThanOrEqual(
            new Set(pairs.map(([from]) => from)).size + new Set(pairs.map(([, to]) => to)).size,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('are searched again for another constraint set, and kept for the next request with it', () => {
    const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
    const router = new Router(compileMultimodalGraph(network, 't'));
    router.routes(request('almaty', 'bandar-abbas'));
    expect(router.searchTreeStats()).toMatchObject({ hits: 0, misses: 2 });
    router.routes(request('almaty', 'bandar-abbas', ['TM']));
    expect(router.searchTreeStats()).toMatchObject({ hits: 0, misses: 4 });
    router.routes(request('almaty', 'chabahar', ['TM']));
    expect(router.searchTreeStats()).toMatchObject({ hits: 1, misses: 5 });
  });
});
