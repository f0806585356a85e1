import { LAYERS } from '../graph/layers.js';
import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import { isLinkOpen } from '../model/link-availability.js';
import { placeOf } from '../model/place.js';
import type { Mode } from '../model/vocabulary.js';

/** What a route may use. Everything is allowed unless restricted. */
export interface RouteConstraints {
  /** The network as of this year (links opened by then); omitted: today's operational network. */
  year?: number;
  /** Only these modes; omitted: all. */
  modes?: readonly Mode[];
  /** ISO country codes whose territory (every node in it) the route must not touch. */
  avoidCountries?: readonly string[];
  /**
   * Nodes the route must not touch. An id that names a place (`sarakhs`) also avoids the place's other posts
   * (`sarakhs-road`); an id with a mode suffix avoids only that post.
   */
  avoidNodes?: readonly string[];
  avoidLinks?: readonly string[];
}

export interface SearchMasks {
  blockedEdges: Uint8Array;
  blockedVertices: Uint8Array;
}

/** Turns constraints into per-edge and per-vertex masks once per query, so the search itself only reads bytes. */
export function constraintMasks(graph: MultimodalGraph, constraints: RouteConstraints): SearchMasks {
  const { network, csr, edgeKind, edgeRef, vertexNode, vertexLayer } = graph;
  const avoidCountries = new Set(constraints.avoidCountries ?? []);
  const avoidNodes = new Set(constraints.avoidNodes ?? []);
  const avoidLinks = new Set(constraints.avoidLinks ?? []);
  const modes = constraints.modes === undefined ? undefined : new Set(constraints.modes);

  const nodeBlocked = Uint8Array.from(network.nodes, (node) =>
    avoidCountries.has(node.country) || avoidNodes.has(node.id) || avoidNodes.has(placeOf(node.id)) ? 1 : 0,
  );
  const linkBlocked = Uint8Array.from(network.links, (link) =>
    !isLinkOpen(link, constraints.year) || avoidLinks.has(link.id) || (modes !== undefined && !modes.has(link.mode))
      ? 1
      : 0,
  );
  const blockedVertices = new Uint8Array(csr.vertexCount);
  for (let v = 0; v < csr.vertexCount; v++) {
    const layer = vertexLayer[v]!;
    const modeBlocked = modes !== undefined && layer >= 0 && !modes.has(LAYERS[layer]!.mode);
    blockedVertices[v] = nodeBlocked[vertexNode[v]!] === 1 || modeBlocked ? 1 : 0;
  }
  const blockedEdges = new Uint8Array(csr.edgeCount);
  for (let e = 0; e < csr.edgeCount; e++) {
    if (edgeKind[e] === EDGE_LINK && linkBlocked[edgeRef[e]!] === 1) blockedEdges[e] = 1;
  }
  return { blockedEdges, blockedVertices };
}

/**
 * A key naming a set of constraints, equal for requests that block the same edges and vertices: lists are taken
 * as sets, so their order does not matter.
 */
export function constraintKey(constraints: RouteConstraints): string {
  const list = (values: readonly string[] | undefined) => (values === undefined ? '' : [...values].sort().join(','));
  return `${constraints.year ?? ''}|${constraints.modes === undefined ? '*' : list(constraints.modes)}|${list(constraints.avoidCountries)}|${list(constraints.avoidNodes)}|${list(constraints.avoidLinks)}`;
}
