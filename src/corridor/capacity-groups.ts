import type { CapacityKind } from './capacity-kinds.js';
import { CE_BERTH_LOAD, CE_BERTH_UNLOAD, type CorridorGraph } from './graph.js';

/** A capacity row of the corridor LPs: edges whose total flow is limited. */
export interface CapacityGroup {
  name: string;
  kind: CapacityKind;
  /** Link id, border crossing node id, port node id, or a link's service ids joined by '+'. */
  ref: string;
  edges: number[];
  capacity: number;
}

/**
 * The capacity rows of a corridor graph: one per link direction and border crossing direction, and one per port
 * for its total handling (loading plus unloading on every water layer), which the assignment can only approximate
 * per berth edge. Elements without a capacity in the data have no row: they count as unlimited.
 */
export function capacityGroups(graph: CorridorGraph): CapacityGroup[] {
  const groups: CapacityGroup[] = [];
  for (const element of graph.elements) {
    if (element.kind === 'port') continue;
    groups.push({
      name:
        element.link === undefined
          ? `${element.kind} ${element.id} ${element.direction}`
          : `${element.kind} ${element.id} on ${element.link} ${element.direction}`,
      kind: element.kind,
      ref: element.id,
      edges: element.edges,
      capacity: element.capacityMt,
    });
  }
  graph.network.nodes.forEach((node, index) => {
    if (node.kind !== 'port' || node.capacityMtPerYr === undefined) return;
    const edges: number[] = [];
    for (let e = 0; e < graph.edgeCount; e++)
      if ((graph.kind[e] === CE_BERTH_LOAD || graph.kind[e] === CE_BERTH_UNLOAD) && graph.ref[e] === index)
        edges.push(e);
    if (edges.length > 0)
      groups.push({
        name: `port ${node.id} handling`,
        kind: 'port',
        ref: node.id,
        edges,
        capacity: node.capacityMtPerYr,
      });
  });
  return groups;
}
