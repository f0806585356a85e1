import { EDGE_LINK, type MultimodalGraph } from '../graph/multimodal.js';
import { MODES, type Mode } from '../model/vocabulary.js';

/**
 * A route follows a named corridor of the network (corridors.csv: the Middle Corridor, the northern China–Europe
 * route …) when the links tagged with it carry at least this share of the route's distance. Two thirds: the Middle
 * Corridor from Xi'an to Rotterdam runs 73% of its distance on Middle Corridor links, the rail route through Iran
 * and Türkiye, which joins it at Kars, 53%.
 */
export const FOLLOW_SHARE = 2 / 3;
/** A named corridor carrying this share of a route is worth a search for a route that follows it. */
export const PARTLY_SHARE = 1 / 3;
/** A route is mostly by a mode when that mode carries at least this share of its distance (the sea route, 95%). */
export const MOSTLY_SHARE = 2 / 3;

/** What the answer's slots go by, beyond cost (see pickCorridors). */
export interface CorridorTraits {
  /** Ids of the named corridors the route follows. */
  follows: readonly string[];
  /** Ids of the named corridors that carry at least PARTLY_SHARE of the distance (those followed included). */
  partly: readonly string[];
  /** The mode that carries at least MOSTLY_SHARE of the distance, if one does. */
  mostlyBy: Mode | undefined;
}

/**
 * Reads a route's named corridors and dominant mode from its edges. Built once per graph: the tags of each link
 * become indexes into the corridor list, in typed arrays, so a route costs one pass over its edges.
 */
export class CorridorTraitReader {
  private readonly corridorIds: string[];
  /** Corridor indexes of link l: tagIndex[tagStart[l] .. tagStart[l + 1]). */
  private readonly tagStart: Uint32Array;
  private readonly tagIndex: Uint16Array;
  private readonly linkMode: Uint8Array;
  private readonly kmOfCorridor: Float64Array;
  private readonly kmOfMode = new Float64Array(MODES.length);

  constructor(private readonly graph: MultimodalGraph) {
    const { links } = graph.network;
    const ids = new Map<string, number>();
    // Every corridor a link names, whether or not corridors.csv describes it.
    for (const corridor of graph.network.corridors) ids.set(corridor.id, ids.size);
    for (const link of links) for (const id of link.corridors) if (!ids.has(id)) ids.set(id, ids.size);
    this.corridorIds = [...ids.keys()];
    this.tagStart = new Uint32Array(links.length + 1);
    const tags: number[] = [];
    this.linkMode = new Uint8Array(links.length);
    links.forEach((link, l) => {
      for (const id of link.corridors) tags.push(ids.get(id)!);
      this.tagStart[l + 1] = tags.length;
      this.linkMode[l] = MODES.indexOf(link.mode);
    });
    this.tagIndex = Uint16Array.from(tags);
    this.kmOfCorridor = new Float64Array(this.corridorIds.length);
  }

  /** Whether link `l` is tagged with the corridor `id`. */
  linkIsOn(l: number, id: string): boolean {
    const c = this.corridorIds.indexOf(id);
    for (let t = this.tagStart[l]!; t < this.tagStart[l + 1]!; t++) if (this.tagIndex[t] === c) return true;
    return false;
  }

  traitsOf(edges: readonly number[]): CorridorTraits {
    const { edgeKind, edgeRef, network } = this.graph;
    const { kmOfCorridor, kmOfMode, tagStart, tagIndex } = this;
    kmOfCorridor.fill(0);
    kmOfMode.fill(0);
    let total = 0;
    for (const edge of edges) {
      if (edgeKind[edge] !== EDGE_LINK) continue;
      const l = edgeRef[edge]!;
      const km = network.links[l]!.km;
      total += km;
      const mode = this.linkMode[l]!;
      kmOfMode[mode] = kmOfMode[mode]! + km;
      for (let t = tagStart[l]!; t < tagStart[l + 1]!; t++) {
        const corridor = tagIndex[t]!;
        kmOfCorridor[corridor] = kmOfCorridor[corridor]! + km;
      }
    }
    const follows: string[] = [];
    const partly: string[] = [];
    let mostlyBy: Mode | undefined;
    if (total > 0) {
      for (let c = 0; c < kmOfCorridor.length; c++) {
        if (kmOfCorridor[c]! >= PARTLY_SHARE * total) partly.push(this.corridorIds[c]!);
        if (kmOfCorridor[c]! >= FOLLOW_SHARE * total) follows.push(this.corridorIds[c]!);
      }
      for (let m = 0; m < MODES.length; m++) if (kmOfMode[m]! >= MOSTLY_SHARE * total) mostlyBy = MODES[m];
    }
    return { follows, partly, mostlyBy };
  }
}
