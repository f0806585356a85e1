import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import { greatCircleKm } from '../model/geo.js';

/** Border crossings closer than this are one gateway: a road post and a rail station of the same crossing. */
const SAME_GATEWAY_KM = 40;

/**
 * Canonical gateway of each node, by node index: the first border crossing (in network order) within
 * SAME_GATEWAY_KM of it, or the node itself, so that routes through the road and rail posts of one crossing count
 * as one corridor.
 */
export function gatewayIndex(network: MultimodalGraph['network']): Int32Array {
  const gateway = Int32Array.from(network.nodes, (_, index) => index);
  const crossings: number[] = [];
  network.nodes.forEach((node, index) => {
    if (node.border !== undefined) crossings.push(index);
  });
  for (const index of crossings) {
    const node = network.nodes[index]!;
    const twin = crossings.find((other) => {
      const candidate = network.nodes[other]!;
      return greatCircleKm(node.lat, node.lon, candidate.lat, candidate.lon) <= SAME_GATEWAY_KM;
    });
    gateway[index] = twin ?? index;
  }
  return gateway;
}

/**
 * What makes a path a corridor of its own, read straight from its edges (the distinct method tries up to a dozen
 * paths per route it keeps, and only the kept ones need a full report). Two paths are the same corridor when they
 * pass the same gateways (border crossings, sea voyages, ferry crossings) and go mostly by the same mode; a path
 * that differs only by a junction, or by a short road leg, is not an alternative. A sea voyage (consecutive sea
 * legs) is named by its first and last port and the chokepoints it passes: a ship calling at Jeddah or Port Klang on
 * the way is the same Suez route, while the Cape or Lombok instead of Suez and Malacca is another.
 */
export function pathSignature(graph: MultimodalGraph, edges: readonly number[], gateway: Int32Array): string {
  const { network, csr, edgeKind, edgeRef, edgeForward, vertexNode } = graph;
  let parts = '';
  let voyage = '';
  let voyageEnd = '';
  const modes: string[] = [];
  const kmOfMode: number[] = [];
  for (const edge of edges) {
    if (edgeKind[edge] !== EDGE_LINK) continue;
    const link = network.links[edgeRef[edge]!]!;
    const at = modes.indexOf(link.mode);
    if (at < 0) {
      modes.push(link.mode);
      kmOfMode.push(link.km);
    } else kmOfMode[at] = kmOfMode[at]! + link.km;
    const forward = edgeForward[edge] === 1;
    const tail = forward ? link.from : link.to;
    const head = forward ? link.to : link.from;
    if (link.mode === 'sea') {
      if (voyage === '') voyage = `sea:${tail}`;
      const headNode = network.nodes[vertexNode[csr.targets[edge]!]!]!;
      if (headNode.kind === 'chokepoint') voyage += `~${head}`;
      voyageEnd = head;
      // Bundled data never lands a ship at a border post, but a network may; the crossing ends the voyage.
      if (headNode.border === undefined) continue;
    }
    if (voyage !== '') {
      parts += `${parts === '' ? '' : '>'}${voyage}-${voyageEnd}`;
      voyage = '';
    }
    if (link.mode === 'ferry') parts += `${parts === '' ? '' : '>'}ferry:${tail}-${head}`;
    const headNode = vertexNode[csr.targets[edge]!]!;
    if (network.nodes[headNode]!.border !== undefined)
      parts += `${parts === '' ? '' : '>'}border:${network.nodes[gateway[headNode]!]!.id}`;
  }
  if (voyage !== '') parts += `${parts === '' ? '' : '>'}${voyage}-${voyageEnd}`;
  // The first mode to reach the greatest distance, as a stable sort by distance would pick.
  let main = -1;
  for (let m = 0; m < modes.length; m++) if (main < 0 || kmOfMode[m]! > kmOfMode[main]!) main = m;
  return `${parts}|${main < 0 ? '' : modes[main]!}`;
}

/**
 * A physical loop: the path leaves a place and later comes back to it (a change of layer at one place is no
 * loop). `seen` is scratch space of one entry per node, all zero on entry and left so on return.
 */
export function pathRevisitsANode(graph: MultimodalGraph, edges: readonly number[], seen: Uint8Array): boolean {
  const { csr, vertexNode } = graph;
  const visited: number[] = [];
  let last = -1;
  let revisits = false;
  for (let i = 0; i < edges.length && !revisits; i++) {
    const edge = edges[i]!;
    for (let end = 0; end < 2; end++) {
      const node = vertexNode[end === 0 ? csr.sources[edge]! : csr.targets[edge]!]!;
      if (node === last) continue;
      last = node;
      if (seen[node] !== 0) {
        revisits = true;
        break;
      }
      seen[node] = 1;
      visited.push(node);
    }
  }
  for (const node of visited) seen[node] = 0;
  return revisits;
}
