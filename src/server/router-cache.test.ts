import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { RouterCache } from './router-cache.js';

describe('RouterCache', () => {
  it('compiles a network once per cargo unit, not per request', () => {
    const { network } = loadNetwork(TINY_NETWORK_DIR);
    const cache = new RouterCache();
    expect(cache.routerFor(network, 't')).toBe(cache.routerFor(network, 't'));
    expect(cache.routerFor(network, 'teu')).not.toBe(cache.routerFor(network, 't'));
    const { network: another } = loadNetwork(TINY_NETWORK_DIR);
    expect(cache.routerFor(another, 't')).not.toBe(cache.routerFor(network, 't'));
  });
});
