import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';

/**
 * A country the route runs through for less than this share of its distance, or a sea voyage shorter than it, is a
 * detour or a variant, not a corridor of its own.
 */
export const DETOUR_SHARE = 0.2;

/**
 * What makes a path a corridor of its own, read straight from its edges (the distinct method tries many paths per
 * route it keeps, and only the kept ones need a full report): the countries it runs through by land, in order, its
 * sea voyages and ferry crossings, and its main mode. A voyage is named by the countries of its first and last port
 * and the chokepoints it passes (a ship calling at Jeddah or Port Klang is the same Suez route; the Cape instead of
 * Suez is another); a ferry by the countries it joins. A country where the route runs for less than DETOUR_SHARE of
 * its distance in all (other than where it starts and ends), or a voyage that short, does not name the corridor: the
 * routes through the road and rail posts of one border, round a short stretch of a neighbour or over a short sea hop
 * are one corridor across Asia, while on a short trip a different country of transit (the KTI through Turkmenistan,
 * not Uzbekistan) is another. A ferry crossing always names its corridor. A share threshold splits routes whose share
 * of a country lies on either side of it (Altynkol or Dostyk on a trip from Xi'an): a known limit.
 */
export function pathSignature(graph: MultimodalGraph, edges: readonly number[]): string {
  const { network, csr, edgeKind, edgeRef, vertexNode } = graph;
  // The route starts in its origin's country, whatever the country of the first link's far end.
  const tokens: string[] = edges.length === 0 ? [] : [network.nodes[vertexNode[csr.sources[edges[0]!]!]!]!.country];
  const landKm: number[] = tokens.map(() => 0);
  const modes: string[] = [];
  const kmOfMode: number[] = [];
  let totalKm = 0;
  let voyage = '';
  let voyageEnd = '';
  let voyageKm = 0;
  const endVoyage = () => {
    if (voyage === '') return;
    tokens.push(`${voyage}-${voyageEnd}`);
    landKm.push(-voyageKm);
    voyage = '';
    voyageEnd = '';
    voyageKm = 0;
  };
  for (const edge of edges) {
    if (edgeKind[edge] !== EDGE_LINK) continue;
    const link = network.links[edgeRef[edge]!]!;
    totalKm += link.km;
    const at = modes.indexOf(link.mode);
    if (at < 0) {
      modes.push(link.mode);
      kmOfMode.push(link.km);
    } else kmOfMode[at] = kmOfMode[at]! + link.km;
    const tail = network.nodes[vertexNode[csr.sources[edge]!]!]!;
    const head = network.nodes[vertexNode[csr.targets[edge]!]!]!;
    if (link.mode === 'sea') {
      if (voyage === '') voyage = `sea:${tail.country}`;
      voyageKm += link.km;
      if (head.kind === 'chokepoint') voyage += `~${head.id}`;
      else voyageEnd = head.country;
      continue;
    }
    endVoyage();
    if (link.mode === 'ferry') {
      tokens.push(`ferry:${tail.country}-${head.country}`);
      landKm.push(-Infinity);
      continue;
    }
    if (tokens.length > 0 && tokens[tokens.length - 1] === head.country) landKm[landKm.length - 1]! += link.km;
    else {
      tokens.push(head.country);
      landKm.push(link.km);
    }
  }
  endVoyage();
  // Land runs carry their km, voyages minus theirs, ferries minus infinity (always kept).
  const kmInCountry = new Map<string, number>();
  for (let t = 0; t < tokens.length; t++)
    if (landKm[t]! >= 0) kmInCountry.set(tokens[t]!, (kmInCountry.get(tokens[t]!) ?? 0) + landKm[t]!);
  const least = DETOUR_SHARE * totalKm;
  let parts = '';
  let last = '';
  for (let t = 0; t < tokens.length; t++) {
    const km = landKm[t]!;
    const token = tokens[t]!;
    const ends = t === 0 || t === tokens.length - 1;
    if (!ends && (km >= 0 ? kmInCountry.get(token)! < least : -km < least)) continue;
    if (token === last) continue;
    parts += `${parts === '' ? '' : '>'}${token}`;
    last = token;
  }
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
