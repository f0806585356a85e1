import { measureLinks, type MeasureSelection } from '../model/measure.js';
import { CE_LINK, type CorridorGraph } from './graph.js';

/** The link edges of the corridor graph a measure counts, each with whether it enters the measure's crossing country. */
export function countedEdges(graph: CorridorGraph, selection: MeasureSelection): { edge: number; inbound: boolean }[] {
  const { nodes } = graph.network;
  const wanted = new Map(measureLinks(graph.network, selection).map((counted) => [counted.index, counted]));
  const edges: { edge: number; inbound: boolean }[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.kind[e] !== CE_LINK) continue;
    const counted = wanted.get(graph.ref[e]!);
    if (counted === undefined || !(graph.forward[e] === 1 ? counted.forward : counted.backward)) continue;
    const headCountry = nodes[graph.vertexNode[graph.head[e]!]!]!.country;
    edges.push({ edge: e, inbound: headCountry === selection.crossing });
  }
  return edges;
}
