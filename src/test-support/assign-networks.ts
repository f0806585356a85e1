import fc from 'fast-check';
import type { LinkTable } from '../assign/network.js';

/** A small assignment instance: links in input order (0-based nodes) and OD triples (0-based zones). */
export interface SmallInstance {
  links: LinkTable;
  od: { origin: number[]; destination: number[]; volume: number[] };
}

interface LinkSpec {
  from: number;
  to: number;
  fftt: number;
  b: number;
  capacity: number;
  power: number;
}

export function linkTable(nodes: number, zones: number, firstThruNode: number, specs: LinkSpec[]): LinkTable {
  return {
    nodes,
    zones,
    firstThruNode,
    tail: specs.map((s) => s.from),
    head: specs.map((s) => s.to),
    freeFlowTime: specs.map((s) => s.fftt),
    b: specs.map((s) => s.b),
    capacity: specs.map((s) => s.capacity),
    power: specs.map((s) => s.power),
  };
}

/**
 * Braess's network with linear costs written as BPR functions (power 1): zone 0 → zone 1 through nodes 2 and 3.
 * Links 0→2: 1 + 10x, 0→3: 50 + x, 2→3: 10 + x, 2→1: 50 + x, 3→1: 1 + 10x; demand 6. By symmetry the outer paths
 * carry f = 27/13 each and the middle path g = 24/13, every path costing 51 + 537/13.
 */
export function braess(): SmallInstance {
  return {
    links: linkTable(4, 2, 3, [
      { from: 0, to: 2, fftt: 1, b: 10, capacity: 1, power: 1 },
      { from: 0, to: 3, fftt: 50, b: 1 / 50, capacity: 1, power: 1 },
      { from: 2, to: 3, fftt: 10, b: 1 / 10, capacity: 1, power: 1 },
      { from: 2, to: 1, fftt: 50, b: 1 / 50, capacity: 1, power: 1 },
      { from: 3, to: 1, fftt: 1, b: 10, capacity: 1, power: 1 },
    ]),
    od: { origin: [0], destination: [1], volume: [6] },
  };
}

/** Two parallel links between zone 0 and zone 1 with BPR (power 4) costs, carrying `demand`. */
export function twoParallelLinks(demand: number): SmallInstance {
  return {
    links: linkTable(2, 2, 1, [
      { from: 0, to: 1, fftt: 10, b: 0.15, capacity: 100, power: 4 },
      { from: 0, to: 1, fftt: 12, b: 0.5, capacity: 250, power: 4 },
    ]),
    od: { origin: [0], destination: [1], volume: [demand] },
  };
}

/** The TNTP `_net.tntp` text of a link table. */
export function tntpNetText(links: LinkTable): string {
  const rows = [
    `<NUMBER OF ZONES> ${links.zones}`,
    `<NUMBER OF NODES> ${links.nodes}`,
    `<FIRST THRU NODE> ${links.firstThruNode}`,
    `<NUMBER OF LINKS> ${links.tail.length}`,
    '<END OF METADATA>',
    '',
    '~\tinit_node\tterm_node\tcapacity\tlength\tfree_flow_time\tb\tpower\tspeed\ttoll\tlink_type\t;',
  ];
  for (let k = 0; k < links.tail.length; k++) {
    rows.push(
      `\t${links.tail[k]! + 1}\t${links.head[k]! + 1}\t${links.capacity[k]}\t1\t${links.freeFlowTime[k]}\t${links.b[k]}\t${links.power[k]}\t0\t0\t1\t;`,
    );
  }
  return `${rows.join('\n')}\n`;
}

/** The TNTP `_trips.tntp` text of OD triples. */
export function tntpTripsText(zones: number, od: SmallInstance['od']): string {
  const total = od.volume.reduce((sum, v) => sum + v, 0);
  const rows = [`<NUMBER OF ZONES> ${zones}`, `<TOTAL OD FLOW> ${total}`, '<END OF METADATA>', ''];
  for (let r = 0; r < zones; r++) {
    const pairs = od.origin
      .map((origin, k) => (origin === r ? `${od.destination[k]! + 1} : ${od.volume[k]};` : ''))
      .filter((pair) => pair !== '');
    if (pairs.length === 0) continue;
    rows.push(`Origin ${r + 1}`, `    ${pairs.join('  ')}`, '');
  }
  return `${rows.join('\n')}\n`;
}

/**
 * Random small networks: a ring through every node (so every zone reaches every other) plus random chords, BPR
 * costs with random parameters (some constant-cost links), random demand between the zones, and a random first
 * thru node (sometimes forbidding paths through zones).
 */
export const randomInstance = (): fc.Arbitrary<SmallInstance> =>
  fc
    .record({
      nodes: fc.integer({ min: 3, max: 9 }),
      zoneFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      blockZones: fc.boolean(),
      seedLinks: fc.array(
        fc.record({
          from: fc.nat(),
          to: fc.nat(),
          fftt: fc.double({ min: 0.5, max: 20, noNaN: true }),
          b: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 2, noNaN: true })),
          capacity: fc.double({ min: 5, max: 200, noNaN: true }),
          power: fc.constantFrom(1, 2, 4),
        }),
        { maxLength: 16 },
      ),
      ringCost: fc.record({
        fftt: fc.double({ min: 1, max: 30, noNaN: true }),
        b: fc.double({ min: 0.1, max: 1, noNaN: true }),
        capacity: fc.double({ min: 10, max: 100, noNaN: true }),
      }),
      // Volumes are physical quantities: zero or at least a hundredth of a trip (no subnormal numbers).
      demand: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 120, noNaN: true })), {
        minLength: 9,
        maxLength: 9,
      }),
    })
    .map(({ nodes, zoneFraction, blockZones, seedLinks, ringCost, demand }) => {
      const zones = Math.max(2, Math.min(3, Math.round(2 + zoneFraction * (nodes - 2))));
      const specs: LinkSpec[] = [];
      // Rings in both directions keep every node reachable even when zones may not be crossed: the ring runs
      // through the zones, so when they are blocked each zone gets its own connectors to and from a thru node.
      const thru = blockZones && nodes > zones ? zones : 0;
      for (let v = thru; v < nodes; v++) {
        const next = v + 1 < nodes ? v + 1 : thru;
        if (next === v) continue;
        specs.push({ from: v, to: next, power: 4, ...ringCost });
        specs.push({ from: next, to: v, power: 4, ...ringCost });
      }
      if (thru > 0) {
        for (let z = 0; z < zones; z++) {
          specs.push({ from: z, to: zones + (z % (nodes - zones)), power: 4, ...ringCost });
          specs.push({ from: zones + ((z + 1) % (nodes - zones)), to: z, power: 4, ...ringCost });
        }
      }
      for (const seed of seedLinks) {
        const from = seed.from % nodes;
        const to = seed.to % nodes;
        if (from !== to) specs.push({ ...seed, from, to });
      }
      const od: SmallInstance['od'] = { origin: [], destination: [], volume: [] };
      let k = 0;
      for (let r = 0; r < zones; r++) {
        for (let s = 0; s < zones; s++) {
          const volume = demand[k++ % demand.length]!;
          if (r === s || volume === 0) continue;
          od.origin.push(r);
          od.destination.push(s);
          od.volume.push(volume);
        }
      }
      return { links: linkTable(nodes, zones, thru > 0 ? zones + 1 : 1, specs), od };
    });
