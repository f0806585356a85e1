import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';

/**
 * A country the route runs through for less than this share of its distance, or a sea voyage shorter than it, is a
 * detour or a variant, not a corridor of its own...
 */
export const DETOUR_SHARE = 0.2;
/**
 * ... unless it runs at least this far there. On the 10,000 km trips from China to Europe a fifth is 2,000 km, and
 * the shares of Kazakhstan and Russia on the variants of the northern route straddle it, while the 2,200 km across
 * Türkiye or Russia is what tells the Middle Corridor from a Caspian ferry on to Russia. From Shanghai to Tehran the
 * routes through Turkmenistan or Uzbekistan (at most 1,300 km in either) stay one corridor. The margins
 * (Russia on the northern route through Zhaisan: 1,555 km) are a known limit of any threshold.
 */
export const CORRIDOR_KM = 1400;

/** The distance in a country (or at sea) that names a corridor, on a route of `totalKm`. */
export const namingKm = (totalKm: number): number => Math.min(DETOUR_SHARE * totalKm, CORRIDOR_KM);

/**
 * What makes a path a corridor of its own, read straight from its edges (the distinct method tries many paths per
 * route it keeps, and only the kept ones need a full report): the countries it runs through by land, in order, its
 * sea voyages and ferry crossings, and its main mode. A voyage is named by the countries of its first and last port
 * and the chokepoints it passes (a ship calling at Jeddah or Port Klang is the same Suez route; the Cape instead of
 * Suez is another); a ferry by the countries it joins. A country where the route runs for less than namingKm of its
 * distance in all (other than where it starts and ends), or a voyage that short, does not name the corridor; nor
 * does a country named already (back into Kazakhstan after a stretch of Russia, the same corridor): the
 * routes through the road and rail posts of one border, round a short stretch of a neighbour or over a short sea hop
 * are one corridor across Asia, while on a short trip a different country of transit (the KTI through Turkmenistan,
 * not Uzbekistan) is another. A ferry crossing always names its corridor. A threshold splits routes whose distance
 * in a country lies on either side of it: a known limit, which the 1,000 km floor keeps off the long trips where
 * shares of a fifth split the variants of one corridor (Altynkol or Dostyk on a trip from Xi'an).
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
  // The destination's country closes the name, so a short voyage into it (Hamburg to Rotterdam) names nothing.
  if (edges.length > 0 && landKm[landKm.length - 1]! < 0) {
    tokens.push(network.nodes[vertexNode[csr.targets[edges[edges.length - 1]!]!]!]!.country);
    landKm.push(0);
  }
  // Land runs carry their km, voyages minus theirs, ferries minus infinity (always kept).
  const kmInCountry = new Map<string, number>();
  for (let t = 0; t < tokens.length; t++)
    if (landKm[t]! >= 0) kmInCountry.set(tokens[t]!, (kmInCountry.get(tokens[t]!) ?? 0) + landKm[t]!);
  const least = namingKm(totalKm);
  const named: string[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const km = landKm[t]!;
    const token = tokens[t]!;
    const end = t === tokens.length - 1;
    if (t > 0 && !end && (km >= 0 ? kmInCountry.get(token)! < least : -km < least)) continue;
    // The destination always closes the name (a domestic trip by sea ends where it began), other tokens once.
    if (end ? named[named.length - 1] === token : named.includes(token)) continue;
    named.push(token);
  }
  const parts = named.join('>');
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
