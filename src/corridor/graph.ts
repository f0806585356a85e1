import { isWaterMode, LAYERS } from '../graph/layers.js';
import {
  compileMultimodalGraph,
  EDGE_ARRIVE,
  EDGE_DEPART,
  EDGE_LINK,
  EDGE_TRANSFER,
  VERTEX_ARRIVE,
  VERTEX_DEPART,
} from '../graph/multimodal.js';
import { isLinkOpen } from '../model/link-availability.js';
import { weeklyTonnesToMtPerYear } from '../model/services.js';
import type { Link, Network, NetworkNode } from '../model/types.js';
import type { CapacityKind } from './capacity-kinds.js';
import type { EntryPremium } from './types.js';
import { networkIndex } from '../model/network-index.js';

/** Edge kinds of the corridor graph: the multimodal graph's four and the two berth directions. */
export const CE_LINK = 0;
export const CE_TRANSFER = 1;
export const CE_DEPART = 2;
export const CE_ARRIVE = 3;
export const CE_BERTH_LOAD = 4;
export const CE_BERTH_UNLOAD = 5;

/** Vertex layer code of a zone (a network node as origin and destination). */
export const ZONE_LAYER = -1;

export interface BprShape {
  /** Extra hours at v/c = 1, as a multiple of the element's time scale (link hours, dwell or handling hours). */
  alpha: number;
  beta: number;
}

export interface CongestionParameters {
  link: BprShape;
  border: BprShape;
  port: BprShape;
}

/** A capacity-limited element of the network in one direction. */
export interface CapacityElement {
  kind: CapacityKind;
  /** Link id, border crossing node id, port node id, or the ids of a link's services joined by '+'. */
  id: string;
  /** For a service element: the link it runs on. */
  link?: string;
  /** forward/backward along a link; entry/exit into the border node's country; load/unload at a port. */
  direction: 'forward' | 'backward' | 'entry' | 'exit' | 'load' | 'unload';
  /** Water layer of a port berth (sea or ferry). */
  layer?: string;
  capacityMt: number;
  /** The edges whose flows add up to the element's flow (one, except where noted). */
  edges: number[];
}

/**
 * The network expanded for corridor assignment, as a list of directed edges on vertices 0…vertexCount−1. Vertices
 * 0…zoneCount−1 are zones, one per network node (index = node index): the depart and arrive vertices of the
 * multimodal graph merged into one centroid that paths start and end at but never pass. The other vertices are
 * the (node, layer) vertices; a port's water-layer vertex is split into a link side (ships call there) and a
 * handling side (cargo is loaded and unloaded there), joined by a berth edge each way, so every tonne loaded or
 * unloaded passes the port's capacity.
 *
 * Per edge: USD and hours per tonne at free flow, km, and for capacity-limited edges a capacity (Mt/yr) with a
 * volume-delay: extra hours = delayH × (v / capacity)^power.
 */
export interface CorridorGraph {
  readonly network: Network;
  readonly year: number;
  readonly zoneCount: number;
  readonly vertexCount: number;
  readonly vertexNode: Int32Array;
  readonly vertexLayer: Int8Array;
  readonly edgeCount: number;
  readonly tail: Uint32Array;
  readonly head: Uint32Array;
  readonly kind: Uint8Array;
  /** Link index (link edges), node index (berth edges), −1 otherwise. */
  readonly ref: Int32Array;
  readonly forward: Uint8Array;
  readonly usd: Float64Array;
  readonly hours: Float64Array;
  readonly km: Float64Array;
  /** Mt/yr; Infinity when the edge is not capacity-limited. */
  readonly capacity: Float64Array;
  readonly delayH: Float64Array;
  readonly power: Float64Array;
  /** Index into `elements`, or −1. */
  readonly element: Int32Array;
  readonly elements: CapacityElement[];
}

class Edges {
  tail: number[] = [];
  head: number[] = [];
  kind: number[] = [];
  ref: number[] = [];
  forward: number[] = [];
  usd: number[] = [];
  hours: number[] = [];
  km: number[] = [];
  add(tail: number, head: number, kind: number, ref: number, forward: boolean, usd: number, hours: number, km: number) {
    this.tail.push(tail);
    this.head.push(head);
    this.kind.push(kind);
    this.ref.push(ref);
    this.forward.push(forward ? 1 : 0);
    this.usd.push(usd);
    this.hours.push(hours);
    this.km.push(km);
    return this.tail.length - 1;
  }
}

/**
 * Builds the corridor graph of a network in a year: only links open that year (isLinkOpen) carry traffic. Costs
 * are per tonne. `entryPremiums` add USD/t to every link edge that enters a country from outside it.
 */
export function buildCorridorGraph(
  network: Network,
  year: number,
  congestion: CongestionParameters,
  entryPremiums: readonly EntryPremium[] = [],
): CorridorGraph {
  const graph = compileMultimodalGraph(network, 't');
  const nodeCount = network.nodes.length;
  const vertexNode: number[] = [];
  const vertexLayer: number[] = [];
  for (let n = 0; n < nodeCount; n++) {
    vertexNode.push(n);
    vertexLayer.push(ZONE_LAYER);
  }
  const newVertex = (node: number, layer: number) => {
    vertexNode.push(node);
    vertexLayer.push(layer);
    return vertexNode.length - 1;
  };
  // Map multimodal vertices; split the water layers of ports.
  const linkSide = new Int32Array(graph.csr.vertexCount);
  const handlingSide = new Int32Array(graph.csr.vertexCount);
  const splitPort: number[] = [];
  for (let v = 0; v < graph.csr.vertexCount; v++) {
    const node = graph.vertexNode[v]!;
    const layer = graph.vertexLayer[v]!;
    if (layer === VERTEX_DEPART || layer === VERTEX_ARRIVE) {
      linkSide[v] = node;
      handlingSide[v] = node;
      continue;
    }
    linkSide[v] = newVertex(node, layer);
    const isPort = network.nodes[node]!.kind === 'port' && isWaterMode(LAYERS[layer]!.mode);
    handlingSide[v] = isPort ? newVertex(node, layer) : linkSide[v]!;
    if (isPort) splitPort.push(v);
  }

  const countryOf = network.nodes.map((node) => node.country);
  const premiumOf = new Map<string, number>();
  for (const premium of entryPremiums)
    premiumOf.set(premium.country, (premiumOf.get(premium.country) ?? 0) + premium.usdPerT);

  const edges = new Edges();
  const { csr } = graph;
  for (let e = 0; e < csr.edgeCount; e++) {
    const kind = graph.edgeKind[e]!;
    const u = csr.sources[e]!;
    const v = csr.targets[e]!;
    if (kind === EDGE_LINK) {
      const link = network.links[graph.edgeRef[e]!]!;
      if (!isLinkOpen(link, year)) continue;
      const from = graph.vertexNode[u]!;
      const to = graph.vertexNode[v]!;
      const premium = countryOf[from] !== countryOf[to] ? (premiumOf.get(countryOf[to]!) ?? 0) : 0;
      edges.add(
        linkSide[u]!,
        linkSide[v]!,
        CE_LINK,
        graph.edgeRef[e]!,
        graph.edgeForward[e] === 1,
        graph.usd[e]! + premium,
        graph.hours[e]!,
        graph.km[e]!,
      );
    } else if (kind === EDGE_DEPART) {
      edges.add(graph.vertexNode[u]!, handlingSide[v]!, CE_DEPART, -1, true, graph.usd[e]!, graph.hours[e]!, 0);
    } else if (kind === EDGE_ARRIVE) {
      edges.add(handlingSide[u]!, graph.vertexNode[v]!, CE_ARRIVE, -1, true, graph.usd[e]!, graph.hours[e]!, 0);
    } else if (kind === EDGE_TRANSFER) {
      edges.add(
        handlingSide[u]!,
        handlingSide[v]!,
        CE_TRANSFER,
        graph.edgeRef[e]!,
        true,
        graph.usd[e]!,
        graph.hours[e]!,
        0,
      );
    }
  }
  const berthEdges: { edge: number; node: number; layer: number; load: boolean }[] = [];
  for (const v of splitPort) {
    const node = graph.vertexNode[v]!;
    const layer = graph.vertexLayer[v]!;
    berthEdges.push({
      edge: edges.add(handlingSide[v]!, linkSide[v]!, CE_BERTH_LOAD, node, true, 0, 0, 0),
      node,
      layer,
      load: true,
    });
    berthEdges.push({
      edge: edges.add(linkSide[v]!, handlingSide[v]!, CE_BERTH_UNLOAD, node, true, 0, 0, 0),
      node,
      layer,
      load: false,
    });
  }

  const edgeCount = edges.tail.length;
  const capacity = new Float64Array(edgeCount).fill(Infinity);
  const delayH = new Float64Array(edgeCount);
  const power = new Float64Array(edgeCount);
  const element = new Int32Array(edgeCount).fill(-1);
  const elements: CapacityElement[] = [];
  const limit = (
    edge: number,
    cap: number,
    extraH: number,
    beta: number,
    make: () => Omit<CapacityElement, 'capacityMt' | 'edges'>,
    // Whether this limit names the element when the edge has one already: only where it is the tighter one.
    renameOnlyIfTighter = false,
  ) => {
    const tighter = cap <= capacity[edge]!;
    if (cap < capacity[edge]!) capacity[edge] = cap;
    delayH[edge] = delayH[edge]! + extraH;
    power[edge] = Math.max(power[edge]!, beta);
    if (element[edge]! < 0) {
      element[edge] = elements.length;
      elements.push({ ...make(), capacityMt: cap, edges: [edge] });
    } else {
      const existing = elements[element[edge]!]!;
      existing.capacityMt = capacity[edge]!;
      // A frontier link with its own capacity and a border capacity is reported as the border.
      if (!renameOnlyIfTighter || tighter) {
        // A service names its link; the element that takes over the name may not have one.
        delete existing.link;
        Object.assign(existing, make());
      }
    }
  };

  // Link capacities (per direction).
  for (let e = 0; e < edgeCount; e++) {
    if (edges.kind[e] !== CE_LINK) continue;
    const link = network.links[edges.ref[e]!]!;
    if (link.capacityMtPerYr === undefined) continue;
    const hours = edges.hours[e]!;
    limit(e, link.capacityMtPerYr, congestion.link.alpha * hours, congestion.link.beta, () => ({
      kind: 'link',
      id: link.id,
      direction: edges.forward[e] === 1 ? 'forward' : 'backward',
    }));
  }
  // Scheduled services that carry all of a link's traffic: their fleet's tonnes per week, each way.
  const { linkServices } = networkIndex(network);
  for (let e = 0; e < edgeCount; e++) {
    if (edges.kind[e] !== CE_LINK) continue;
    const link = network.links[edges.ref[e]!]!;
    const services = linkServices.get(link.id);
    if (services === undefined || !services.exclusive || services.tonnesPerWeek === undefined) continue;
    limit(
      e,
      weeklyTonnesToMtPerYear(services.tonnesPerWeek),
      congestion.link.alpha * edges.hours[e]!,
      congestion.link.beta,
      () => ({
        kind: 'service',
        id: services.services.join('+'),
        link: link.id,
        direction: edges.forward[e] === 1 ? 'forward' : 'backward',
      }),
      true,
    );
  }
  // Border crossing capacities, on the frontier link edges of the crossing.
  network.nodes.forEach((node, nodeIndex) => {
    if (node.border === undefined || node.capacityMtPerYr === undefined) return;
    const frontier = frontierLinks(network, node);
    for (let e = 0; e < edgeCount; e++) {
      if (edges.kind[e] !== CE_LINK || !frontier.has(edges.ref[e]!)) continue;
      const headNode = vertexNode[edges.head[e]!]!;
      limit(
        e,
        node.capacityMtPerYr,
        congestion.border.alpha * node.border.dwellMedianH,
        congestion.border.beta,
        () => ({
          kind: 'border',
          id: node.id,
          direction: headNode === nodeIndex ? 'entry' : 'exit',
        }),
      );
    }
  });
  // Port capacities, on the berth edges.
  for (const berth of berthEdges) {
    const port = network.nodes[berth.node]!;
    if (port.capacityMtPerYr === undefined) continue;
    limit(
      berth.edge,
      port.capacityMtPerYr,
      congestion.port.alpha * (port.handling?.hours ?? 0),
      congestion.port.beta,
      () => ({
        kind: 'port',
        id: port.id,
        direction: berth.load ? 'load' : 'unload',
        layer: LAYERS[berth.layer]!.label,
      }),
    );
  }

  return {
    network,
    year,
    zoneCount: nodeCount,
    vertexCount: vertexNode.length,
    vertexNode: Int32Array.from(vertexNode),
    vertexLayer: Int8Array.from(vertexLayer),
    edgeCount,
    tail: Uint32Array.from(edges.tail),
    head: Uint32Array.from(edges.head),
    kind: Uint8Array.from(edges.kind),
    ref: Int32Array.from(edges.ref),
    forward: Uint8Array.from(edges.forward),
    usd: Float64Array.from(edges.usd),
    hours: Float64Array.from(edges.hours),
    km: Float64Array.from(edges.km),
    capacity,
    delayH,
    power,
    element,
    elements,
  };
}

/**
 * The links of a border crossing node that cross the frontier: those reaching a node in the `border_with` country,
 * or a border_crossing node across the frontier. In the bundled data each crossing node has exactly one per mode.
 */
export function frontierLinks(network: Network, node: NetworkNode): Set<number> {
  const byId = networkIndex(network).nodeById;
  const result = new Set<number>();
  network.links.forEach((link: Link, index) => {
    if (link.from !== node.id && link.to !== node.id) return;
    const other = byId.get(link.from === node.id ? link.to : link.from);
    if (other === undefined) return;
    if (other.country === node.border?.with || (other.border !== undefined && other.border.with === node.country)) {
      result.add(index);
    }
  });
  return result;
}
