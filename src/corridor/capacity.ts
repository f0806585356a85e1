import { isLinkOpen } from '../model/link-availability.js';
import { networkIndex } from '../model/network-index.js';
import { measureLinks } from '../model/measure.js';
import { targetFor, type RegionFacts, type ThroughputMeasure } from '../model/region.js';
import { capacityGroups, type CapacityGroup } from './capacity-groups.js';
import { isUnlimited, maxFlowThrough, type CapacityStream, type MaxFlowResult } from './capacity-lp.js';
import type { CorridorGraph } from './graph.js';
import type { LpSolver } from './lp.js';
import { countedEdges } from './measure-edges.js';

/** A capacity row that limits a measure's capacity. */
export interface BindingElement {
  /** e.g. "border inche-burun entry", "link uzen-bolashak-rail forward", "port aktau handling". */
  element: string;
  kind: CapacityGroup['kind'];
  id: string;
  capacityMt: number;
  flowMt: number;
  /** Mt/yr of measure capacity gained per Mt/yr added to this element (the LP dual). */
  shadowPrice: number;
}

export interface MeasureCapacity {
  measure: string;
  label: string;
  corridor: string;
  kind: ThroughputMeasure['kind'];
  year: number;
  /**
   * Mt/yr the measure's links can carry, all counted directions at once, over the links that have a limit on their
   * paths (`unlimitedLinks` are left out of it); null when no counted link has one.
   */
  capacityMt: number | null;
  /** The same for each counted direction alone (into / out of the crossing country, or along the busiest section). */
  directions: { direction: string; capacityMt: number | null }[];
  /** busiest_section: the section whose capacity is the measure's. */
  section?: string;
  binding: BindingElement[];
  /** Counted links some path of which has no capacity anywhere: they could carry any tonnage. */
  unlimitedLinks: string[];
  /** The measure's own links, crossings and ports with no capacity in the data: counted as unlimited. */
  blank: string[];
  /** The target level of the year (region.yaml), when the measure has one. */
  target?: { year: number; mt: number };
  /** The scenario's forecast flow on the measure, when the caller ran it (`caravan capacity`). */
  flowMt?: number;
}

/** The LP's solutions are exact to about 1e-9 of the overflow it subtracts from: a micro-tonne is plenty. */
const roundMt = (mt: number) => Math.round(mt * 1e6) / 1e6;

/** Zones that may send or receive: any place freight starts or ends, not a border post or a sea chokepoint. */
const freightZone = (kind: string) => kind !== 'border_crossing' && kind !== 'chokepoint';

/**
 * The capacity of a region measure on the corridor graph of a year: the most tonnes per year its counted links can
 * carry over the practical capacities of links, border crossings and ports, whatever the demand table holds. Any
 * freight zone may send: for a gateway with a crossing country, from the zones on one side of its frontier to those
 * on the other, in each counted direction; for a measure without one (and per section of a busiest_section), from
 * every zone to every other through the link. Capacities left blank in the data are unlimited, so every figure is an
 * upper bound on what the network can really carry.
 */
export async function measureCapacity(
  graph: CorridorGraph,
  measure: ThroughputMeasure,
  region: RegionFacts | undefined,
  solve: LpSolver,
): Promise<MeasureCapacity> {
  const { network } = graph;
  const groups = capacityGroups(graph);
  const counted = countedEdges(graph, measure);
  const zones = network.nodes.map((node, index) => ({ node, index })).filter(({ node }) => freightZone(node.kind));
  const all = zones.map(({ index }) => index);
  const inside = zones.filter(({ node }) => node.country === measure.crossing).map(({ index }) => index);
  const outside = zones.filter(({ node }) => node.country !== measure.crossing).map(({ index }) => index);
  const { links } = network;

  /** Streams of a set of counted edges: one per direction crossing the frontier, else one through them. */
  const streams = (edges: readonly { edge: number; inbound: boolean }[]): CapacityStream[] => {
    if (measure.crossing === undefined) return [{ counted: edges.map((g) => g.edge), sources: all, sinks: all }];
    const into = edges.filter((g) => g.inbound).map((g) => g.edge);
    const out = edges.filter((g) => !g.inbound).map((g) => g.edge);
    return [
      ...(into.length > 0 ? [{ counted: into, sources: outside, sinks: inside }] : []),
      ...(out.length > 0 ? [{ counted: out, sources: inside, sinks: outside }] : []),
    ];
  };
  const byLink = new Map<number, { edge: number; inbound: boolean }[]>();
  for (const g of counted) byLink.set(graph.ref[g.edge]!, [...(byLink.get(graph.ref[g.edge]!) ?? []), g]);

  // Each counted link alone: the unlimited ones (a graph search) are set apart; a busiest section is the best of the
  // others, each solved alone.
  const unlimitedLinks: string[] = [];
  const perLink: { link: number; result: MaxFlowResult }[] = [];
  for (const [link, edges] of byLink) {
    if (streams(edges).some((stream) => isUnlimited(graph, groups, stream))) unlimitedLinks.push(links[link]!.id);
    else if (measure.kind === 'busiest_section')
      perLink.push({ link, result: await maxFlowThrough(graph, groups, streams(edges), solve) });
  }
  const limited = counted.filter((g) => !unlimitedLinks.includes(links[graph.ref[g.edge]!]!.id));

  let chosen: { edges: { edge: number; inbound: boolean }[]; result: MaxFlowResult } | undefined;
  let section: string | undefined;
  if (measure.kind === 'busiest_section') {
    const best = perLink.reduce<(typeof perLink)[number] | undefined>(
      (top, entry) => (top === undefined || entry.result.mt > top.result.mt ? entry : top),
      undefined,
    );
    if (best !== undefined) {
      section = links[best.link]!.id;
      chosen = { edges: byLink.get(best.link)!, result: best.result };
    }
  } else if (limited.length > 0) {
    chosen = { edges: limited, result: await maxFlowThrough(graph, groups, streams(limited), solve) };
  }

  const directions: MeasureCapacity['directions'] = [];
  if (chosen !== undefined) {
    const parts =
      measure.crossing !== undefined
        ? [
            { direction: `into ${measure.crossing}`, edges: chosen.edges.filter((g) => g.inbound) },
            { direction: `out of ${measure.crossing}`, edges: chosen.edges.filter((g) => !g.inbound) },
          ]
        : [
            { direction: 'forward', edges: chosen.edges.filter((g) => graph.forward[g.edge] === 1) },
            { direction: 'backward', edges: chosen.edges.filter((g) => graph.forward[g.edge] !== 1) },
          ];
    for (const part of parts) {
      if (part.edges.length === 0) continue;
      if (part.edges.length === chosen.edges.length) {
        directions.push({ direction: part.direction, capacityMt: chosen.result.mt });
        continue;
      }
      const alone = part.edges.map((g) => ({ ...g, inbound: measure.crossing === undefined || g.inbound }));
      const result = await maxFlowThrough(graph, groups, streams(alone), solve);
      directions.push({ direction: part.direction, capacityMt: result.mt });
    }
  }

  const target = targetFor(region, measure.target, graph.year);
  const capacityMt = chosen === undefined ? null : roundMt(chosen.result.mt);
  return {
    measure: measure.id,
    label: measure.label,
    corridor: measure.corridor,
    kind: measure.kind,
    year: graph.year,
    capacityMt,
    directions: directions.map((d) => ({ ...d, capacityMt: d.capacityMt === null ? null : roundMt(d.capacityMt) })),
    ...(section === undefined ? {} : { section }),
    binding: bindingRows(chosen?.result.binding ?? [], groups),
    unlimitedLinks,
    blank: blankElements(graph, measure),
    ...(target === undefined ? {} : { target }),
  };
}

/** The binding rows as elements, largest shadow price first, then by name. */
function bindingRows(rows: MaxFlowResult['binding'], groups: readonly CapacityGroup[]): BindingElement[] {
  return rows
    .map((row) => {
      const group = groups[row.group]!;
      return {
        element: group.name,
        kind: group.kind,
        id: group.ref,
        capacityMt: group.capacity,
        flowMt: roundMt(row.flowMt),
        // The tie-break cost shifts the duals by a few millionths.
        shadowPrice: Math.round(row.shadowPrice * 1000) / 1000,
      };
    })
    .sort((a, b) => b.shadowPrice - a.shadowPrice || a.element.localeCompare(b.element));
}

/** The measure's own links and the crossings and ports at their ends that have no capacity in the data. */
function blankElements(graph: CorridorGraph, measure: ThroughputMeasure): string[] {
  const { network } = graph;
  const { nodeById, linkServices } = networkIndex(network);
  const blank = new Set<string>();
  for (const counted of measureLinks(network, measure)) {
    const link = network.links[counted.index]!;
    if (!isLinkOpen(link, graph.year)) continue;
    // A link whose scheduled services carry all its traffic is limited by their fleet.
    const fleet = linkServices.get(link.id);
    const byFleet = fleet?.exclusive === true && fleet.tonnesPerWeek !== undefined;
    if (link.capacityMtPerYr === undefined && !byFleet) blank.add(`link ${link.id}`);
    for (const end of [link.from, link.to]) {
      const node = nodeById.get(end);
      if (node === undefined || node.capacityMtPerYr !== undefined) continue;
      if (node.kind === 'border_crossing') blank.add(`border ${node.id}`);
      if (node.kind === 'port') blank.add(`port ${node.id}`);
    }
  }
  return [...blank].sort();
}
