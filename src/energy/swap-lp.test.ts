import { describe, expect, it } from 'vitest';
import { highsSolver } from '../data/highs-solver.js';
import { seededRandom, type SeededRandom } from '../numeric/random.js';
import { legLinks } from './reach.js';
import { solveSwapFlow } from './swap-lp.js';
import type { EnergyCommodity, EnergyLink, Swap } from './types.js';

/** The slow, obvious max-flow: augmenting paths found by breadth-first search, one unit of a path at a time. */
function slowMaxFlow(links: readonly EnergyLink[], commodity: EnergyCommodity, from: string[], to: string[]): number {
  const residual = new Map<string, number>();
  const key = (a: string, b: string) => `${a}>${b}`;
  const addArc = (a: string, b: string, capacity: number) =>
    residual.set(key(a, b), (residual.get(key(a, b)) ?? 0) + capacity);
  const points = new Set<string>(['S', 'T']);
  for (const link of links) {
    if (link.commodity !== commodity) continue;
    points.add(link.from).add(link.to);
    addArc(link.from, link.to, link.capacity!);
    addArc(link.to, link.from, link.bidirectional ? link.capacity! : 0);
  }
  for (const point of from) addArc('S', point, 1e9);
  for (const point of to) addArc(point, 'T', 1e9);
  let total = 0;
  for (;;) {
    const previous = new Map<string, string>([['S', '']]);
    const queue = ['S'];
    while (queue.length > 0 && !previous.has('T')) {
      const point = queue.shift()!;
      for (const next of points)
        if (!previous.has(next) && (residual.get(key(point, next)) ?? 0) > 1e-12) {
          previous.set(next, point);
          queue.push(next);
        }
    }
    if (!previous.has('T')) return total;
    let bottleneck = Infinity;
    for (let at = 'T'; at !== 'S'; at = previous.get(at)!)
      bottleneck = Math.min(bottleneck, residual.get(key(previous.get(at)!, at))!);
    for (let at = 'T'; at !== 'S'; at = previous.get(at)!) {
      addArc(previous.get(at)!, at, -bottleneck);
      addArc(at, previous.get(at)!, bottleneck);
    }
    total += bottleneck;
  }
}

const POINTS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];

function randomLinks(random: SeededRandom, commodity: EnergyCommodity, prefix: string): EnergyLink[] {
  const links: EnergyLink[] = [];
  const count = 4 + Math.floor(random.next() * 6);
  for (let i = 0; i < count; i++) {
    const from = POINTS[Math.floor(random.next() * POINTS.length)]!;
    let to = POINTS[Math.floor(random.next() * POINTS.length)]!;
    if (to === from) to = POINTS[(POINTS.indexOf(from) + 1) % POINTS.length]!;
    links.push({
      id: `${prefix}${i}`,
      name: `${prefix}${i}`,
      from: `${prefix}-${from}`,
      to: `${prefix}-${to}`,
      commodity,
      capacity: 1 + Math.floor(random.next() * 9),
      km: 10 + Math.floor(random.next() * 500),
      status: 'operational',
      bidirectional: random.next() < 0.4,
      sources: [],
      confidence: 'estimate',
      estimatedFields: [],
    });
  }
  return links;
}

const swapOf = (fee: number, rate: number): Swap => ({
  id: 's',
  name: 's',
  supplier: 'TM',
  host: 'IR',
  recipient: 'AZ',
  intake: { commodity: 'gas', from: ['g-p0'], to: ['g-p5', 'g-p4'] },
  delivery: { commodity: 'power', from: ['e-p1'], to: ['e-p3'] },
  exchangeRate: rate,
  feePct: fee,
  status: 'operating',
  sources: [],
  confidence: 'estimate',
  estimatedFields: [],
});

describe('the swap LP', () => {
  it('gives each swap min(intake max-flow, delivery max-flow / (rate × (1 − fee))) on 40 random networks', async () => {
    const random = seededRandom('swap-lp');
    for (let trial = 0; trial < 40; trial++) {
      const links = [...randomLinks(random, 'gas', 'g'), ...randomLinks(random, 'power', 'e')];
      const fee = Math.floor(random.next() * 30);
      const rate = 0.5 + random.next() * 3;
      const swap = swapOf(fee, rate);
      const intake = slowMaxFlow(links, 'gas', swap.intake.from, swap.intake.to);
      const delivery = slowMaxFlow(links, 'power', swap.delivery.from, swap.delivery.to);
      const expected = Math.min(intake, delivery / (rate * (1 - fee / 100)));
      const result = await solveSwapFlow({ links, swaps: [{ swap, weight: 1, cap: 1e6 }] }, highsSolver);
      expect(result.optimal).toBe(true);
      expect(result.volume[0]).toBeCloseTo(expected, 6);
      // Flow only on links the leg can route over, and never over a capacity.
      const usable = new Set([...legLinks(links, swap.intake), ...legLinks(links, swap.delivery)]);
      links.forEach((link, e) => {
        const flow = result.flow[0]![e]!;
        if (!usable.has(e)) expect(Math.abs(flow)).toBeLessThan(1e-9);
        expect(Math.abs(flow)).toBeLessThanOrEqual(link.capacity! + 1e-9);
        if (!link.bidirectional) expect(flow).toBeGreaterThanOrEqual(-1e-9);
      });
    }
  });

  it('lets opposite flows of two swaps net out on a two-way link', async () => {
    const link: EnergyLink = {
      id: 'ab',
      name: 'ab',
      from: 'a',
      to: 'b',
      commodity: 'gas',
      capacity: 1,
      status: 'operational',
      bidirectional: true,
      sources: [],
      confidence: 'reported',
      estimatedFields: [],
    };
    const one = (id: string, from: string, to: string): Swap => ({
      ...swapOf(0, 1),
      id,
      intake: { commodity: 'gas', from: [from], to: [to] },
      delivery: { commodity: 'gas', from: [from], to: [to] },
    });
    const result = await solveSwapFlow(
      {
        links: [link],
        swaps: [
          { swap: one('ab', 'a', 'b'), weight: 1, cap: 3 },
          { swap: one('ba', 'b', 'a'), weight: 1, cap: 3 },
        ],
      },
      highsSolver,
    );
    // Each swap sends v both legs over the same link: 2v net each way, and the opposite swaps cancel.
    expect(result.volume[0]).toBeCloseTo(3, 6);
    expect(result.volume[1]).toBeCloseTo(3, 6);
  });
});
