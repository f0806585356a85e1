import { buildCsr, permute, type Csr } from '../graph/csr.js';

/**
 * The link table an assignment starts from, in input order, with 0-based node ids. The field names match the TNTP
 * reader's struct-of-arrays so a parsed TNTP network can be passed as it is.
 */
export interface LinkTable {
  /** Number of nodes; ids are 0 … nodes − 1. */
  nodes: number;
  /** Zones are the nodes 0 … zones − 1: trips start and end there. */
  zones: number;
  /**
   * 1-based id of the first node paths may pass through (TNTP's FIRST THRU NODE): nodes with a lower id are zones
   * (centroids) that may start or end a path but never be crossed by one.
   */
  firstThruNode: number;
  tail: ArrayLike<number>;
  head: ArrayLike<number>;
  freeFlowTime: ArrayLike<number>;
  capacity: ArrayLike<number>;
  /** BPR alpha. */
  b: ArrayLike<number>;
  /** BPR beta (power). */
  power: ArrayLike<number>;
}

/**
 * A network ready for assignment: links in CSR order (out-edges of a node are contiguous), with the reverse star
 * for scans over incoming links, and BPR parameters as typed arrays aligned with the CSR edge index.
 */
export interface AssignmentNetwork {
  readonly nodeCount: number;
  readonly zoneCount: number;
  /** Vertices below this 0-based index, other than a path's own origin, are never expanded (paths never cross them). */
  readonly thruFrom: number;
  readonly linkCount: number;
  readonly csr: Csr;
  /** inOffsets[v] … inOffsets[v + 1] − 1 index `inEdges`, the CSR edge ids whose head is v. */
  readonly inOffsets: Uint32Array;
  readonly inEdges: Uint32Array;
  readonly freeFlowTime: Float64Array;
  readonly capacity: Float64Array;
  readonly b: Float64Array;
  readonly power: Float64Array;
  /** toInput[k] is the input position of CSR edge k. */
  readonly toInput: Uint32Array;
}

/** Origin–destination demand, by origin zone: the destinations of origin r are destinations[offsets[r] … offsets[r+1]−1]. */
export interface OdDemand {
  readonly zoneCount: number;
  readonly offsets: Uint32Array;
  /** 0-based zone (node) index of each entry. */
  readonly destinations: Uint32Array;
  readonly volumes: Float64Array;
}

/** Raised when the network and demand cannot be assigned (e.g. a trip with no path). */
export class AssignmentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssignmentInputError';
  }
}

export function buildAssignmentNetwork(links: LinkTable): AssignmentNetwork {
  const { csr, order } = buildCsr(links.nodes, links.tail, links.head);
  const edgeCount = csr.edgeCount;
  const column = (values: ArrayLike<number>) => permute(Float64Array.from(values), order);
  const capacity = column(links.capacity);
  const b = column(links.b);
  const power = column(links.power);
  for (let e = 0; e < edgeCount; e++) {
    if (b[e]! > 0 && !(capacity[e]! > 0)) {
      throw new AssignmentInputError(
        `link ${order[e]! + 1} has b > 0 but capacity ${capacity[e]}: its cost is undefined`,
      );
    }
  }
  const inOffsets = new Uint32Array(links.nodes + 1);
  for (let e = 0; e < edgeCount; e++) inOffsets[csr.targets[e]! + 1]! += 1;
  for (let v = 0; v < links.nodes; v++) inOffsets[v + 1]! += inOffsets[v]!;
  const cursor = inOffsets.slice(0, links.nodes);
  const inEdges = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) inEdges[cursor[csr.targets[e]!]!++] = e;
  return {
    nodeCount: links.nodes,
    zoneCount: links.zones,
    thruFrom: Math.max(0, links.firstThruNode - 1),
    linkCount: edgeCount,
    csr,
    inOffsets,
    inEdges,
    freeFlowTime: column(links.freeFlowTime),
    capacity,
    b,
    power,
    toInput: order,
  };
}

/** Reorders a per-link array from CSR order back to input order. */
export function toInputOrder(network: AssignmentNetwork, values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) out[network.toInput[k]!] = values[k]!;
  return out;
}

/** Builds demand from dense rows or triples; origins and destinations are 0-based zone indices. */
export function demandFromTriples(
  zoneCount: number,
  origins: ArrayLike<number>,
  destinations: ArrayLike<number>,
  volumes: ArrayLike<number>,
): OdDemand {
  const count = origins.length;
  const offsets = new Uint32Array(zoneCount + 1);
  for (let k = 0; k < count; k++) offsets[origins[k]! + 1]! += 1;
  for (let r = 0; r < zoneCount; r++) offsets[r + 1]! += offsets[r]!;
  const cursor = offsets.slice(0, zoneCount);
  const dest = new Uint32Array(count);
  const vol = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const slot = cursor[origins[k]!]!++;
    dest[slot] = destinations[k]!;
    vol[slot] = volumes[k]!;
  }
  return { zoneCount, offsets, destinations: dest, volumes: vol };
}

export function totalDemand(demand: OdDemand): number {
  let total = 0;
  for (let k = 0; k < demand.volumes.length; k++) total += demand.volumes[k]!;
  return total;
}

/** Origins with positive demand to some other zone, in increasing order. */
export function activeOrigins(demand: OdDemand): Uint32Array {
  const list: number[] = [];
  for (let r = 0; r < demand.zoneCount; r++) {
    for (let k = demand.offsets[r]!; k < demand.offsets[r + 1]!; k++) {
      if (demand.volumes[k]! > 0 && demand.destinations[k] !== r) {
        list.push(r);
        break;
      }
    }
  }
  return Uint32Array.from(list);
}
