import { compileMultimodalGraph } from '../graph/multimodal.js';
import type { Network } from '../model/types.js';
import { Router } from '../routing/router.js';

/** A year late enough that every planned link counts: the fallback when today's network has no way. */
const ANY_YEAR = 9999;

/**
 * Kilometers between two checkpoints along the network: the shortest direct link between them when there is one,
 * else the shortest path by distance on today's network, else on the network with every planned link. Cached per
 * pair, so one instance serves a whole report.
 */
export class SectionDistances {
  private readonly direct = new Map<string, number>();
  private readonly cache = new Map<string, number | undefined>();
  private router: Router | undefined;

  constructor(private readonly network: Network) {
    for (const link of network.links) {
      for (const [a, b] of [[link.from, link.to], ...(link.bidirectional ? [[link.to, link.from]] : [])] as const) {
        const key = pairKey(a, b);
        this.direct.set(key, Math.min(this.direct.get(key) ?? Infinity, link.km));
      }
    }
  }

  km(from: string, to: string): number | undefined {
    const key = pairKey(from, to);
    if (this.cache.has(key)) return this.cache.get(key);
    const km = this.direct.get(key) ?? this.routed(from, to);
    this.cache.set(key, km);
    return km;
  }

  private routed(from: string, to: string): number | undefined {
    const ids = new Set(this.network.nodes.map((node) => node.id));
    if (!ids.has(from) || !ids.has(to) || from === to) return undefined;
    this.router ??= new Router(compileMultimodalGraph(this.network, 't'));
    for (const year of [undefined, ANY_YEAR]) {
      const [route] = this.router.routes({ from, to, criterion: 'distance', ...(year === undefined ? {} : { year }) });
      if (route !== undefined) return route.totals.km;
    }
    return undefined;
  }
}

const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;
