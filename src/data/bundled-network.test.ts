import { describe, expect, it } from 'vitest';
import { formatIssue } from '../model/issues.js';
import { type Link, type Network, emptyNetwork } from '../model/types.js';
import { readNetwork } from './load-network.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';

/** Node ids reachable from `starts` over the links that `usable` accepts, respecting one-way links. */
function reachable(network: Network, starts: readonly string[], usable: (link: Link) => boolean): Set<string> {
  const next = new Map<string, string[]>();
  const connect = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
  for (const link of network.links.filter(usable)) {
    connect(link.from, link.to);
    if (link.bidirectional) connect(link.to, link.from);
  }
  const seen = new Set(starts);
  const queue = [...starts];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const neighbor of next.get(id) ?? []) {
      if (!seen.has(neighbor)) {
        seen.add(neighbor);
        queue.push(neighbor);
      }
    }
  }
  return seen;
}

describe('the bundled Central Asia – Iran network', () => {
  const result = readNetwork(BUNDLED_NETWORK_DIR);
  const network: Network = result.network ?? emptyNetwork();
  const nodeIds = new Set(network.nodes.map((node) => node.id));

  it('validates with zero errors', () => {
    const errors = result.issues.filter((issue) => issue.severity === 'error').map(formatIssue);
    expect(errors).toEqual([]);
    expect(result.network).toBeDefined();
  });

  it('has at least 45 nodes and 70 links', () => {
    expect(network.nodes.length).toBeGreaterThanOrEqual(45);
    expect(network.links.length).toBeGreaterThanOrEqual(70);
  });

  it('has both endpoints of every link among its nodes', () => {
    const dangling = network.links.filter((link) => !nodeIds.has(link.from) || !nodeIds.has(link.to));
    expect(dangling.map((link) => link.id)).toEqual([]);
  });

  it('cites at least one existing source on every record', () => {
    const sourceIds = new Set(network.sources.map((source) => source.id));
    const records = [
      ...network.corridors.map((record) => ({ what: `corridor ${record.id}`, sources: record.sources })),
      ...network.nodes.map((record) => ({ what: `node ${record.id}`, sources: record.sources })),
      ...network.links.map((record) => ({ what: `link ${record.id}`, sources: record.sources })),
      ...network.transfers.map((record) => ({ what: `transfer ${record.id}`, sources: record.sources })),
      ...network.emissionFactors.map((record) => ({ what: `emission factor ${record.mode}`, sources: record.sources })),
      ...network.parameters.map((record) => ({ what: `parameter ${record.key}`, sources: record.sources })),
    ];
    const badlySourced = records.filter(
      ({ sources }) => sources.length === 0 || sources.some((id) => !sourceIds.has(id)),
    );
    expect(badlySourced.map(({ what }) => what)).toEqual([]);
  });

  it('connects Kazakhstan to Iran by the KTI railway (uzen reaches gorgan)', () => {
    expect(nodeIds).toContain('uzen');
    expect(nodeIds).toContain('gorgan');
    const alongKti = reachable(network, ['uzen'], (link) => link.corridors.includes('kti'));
    const byRail = reachable(network, ['uzen'], (link) => link.mode === 'rail');
    expect(alongKti.has('gorgan') || byRail.has('gorgan')).toBe(true);
  });

  it('connects the Kazakh Caspian ports to the Iranian ones by sea', () => {
    const kazakhPorts = ['aktau', 'kuryk'];
    const iranianPorts = ['bandar-anzali', 'amirabad'];
    for (const port of [...kazakhPorts, ...iranianPorts]) expect(nodeIds).toContain(port);
    const bySea = reachable(network, kazakhPorts, (link) => link.mode === 'sea' || link.mode === 'ferry');
    expect(iranianPorts.filter((port) => bySea.has(port))).toEqual(iranianPorts);
  });

  it('has Rasht–Astara as a planned railway opening after 2024', () => {
    const isRasht = (id: string) => id.startsWith('rasht');
    const isAstara = (id: string) => id.startsWith('astara');
    const rashtAstara = network.links.filter(
      (link) => (isRasht(link.from) && isAstara(link.to)) || (isAstara(link.from) && isRasht(link.to)),
    );
    expect(rashtAstara.length, 'a link between rasht and astara').toBeGreaterThan(0);
    for (const link of rashtAstara) {
      expect(link).toMatchObject({ mode: 'rail', status: 'planned' });
      expect(link.openingYear).toBeGreaterThan(2024);
    }
  });
});
