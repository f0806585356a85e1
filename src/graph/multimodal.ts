import type { Handling, Network, NetworkNode, TransferRule } from '../model/types.js';
import { DEFAULT_TRANSFER_NODE } from '../model/types.js';
import { MODE_CHANGE_KINDS } from '../model/vocabulary.js';
import {
  borderCost,
  costContext,
  handlingCost,
  linkCost,
  type CargoUnit,
  type CostContext,
  type StepCost,
} from './costs.js';
import { buildCsr, permute, type Csr } from './csr.js';
import { isWaterMode, LAYERS, layerOf } from './layers.js';
import { networkIndex } from '../model/network-index.js';

export const EDGE_LINK = 0;
export const EDGE_TRANSFER = 1;
export const EDGE_DEPART = 2;
export const EDGE_ARRIVE = 3;

export const VERTEX_DEPART = -1;
export const VERTEX_ARRIVE = -2;

/**
 * The network expanded for routing. Each node becomes one vertex per layer (road, rail of each gauge, sea,
 * ferry) that a link reaches, plus a depart vertex (only out-edges) and an arrive vertex (only in-edges): a route
 * starts at a place and ends at a place, but can only change layer through a costed transfer edge in between.
 *
 * Per-edge costs are totals for one cargo unit; an edge into a border crossing also carries the crossing's dwell
 * and payments. Edges exist for every link whatever its status: a query masks those not open in its year.
 */
export interface MultimodalGraph {
  readonly network: Network;
  readonly context: CostContext;
  readonly csr: Csr;
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly vertexNode: Int32Array;
  /** Index into LAYERS, or VERTEX_DEPART / VERTEX_ARRIVE. */
  readonly vertexLayer: Int8Array;
  readonly departVertex: Uint32Array;
  readonly arriveVertex: Uint32Array;
  readonly edgeKind: Uint8Array;
  /** Link index (link edges), transfer rule index or −1 for a port's own handling (transfer, depart, arrive edges). */
  readonly edgeRef: Int32Array;
  /** 1 when a link edge runs from the link's `from` to its `to`. */
  readonly edgeForward: Uint8Array;
  readonly hours: Float64Array;
  readonly usd: Float64Array;
  readonly kgCo2e: Float64Array;
  readonly km: Float64Array;
}

/** How cargo changes layer at a node: by a transfer rule or by the node's own handling figures. */
export interface TransferBasis {
  rule?: TransferRule;
  ruleIndex: number;
  handling?: Handling;
}

class EdgeList {
  readonly tails: number[] = [];
  readonly heads: number[] = [];
  readonly kind: number[] = [];
  readonly ref: number[] = [];
  readonly forward: number[] = [];
  readonly hours: number[] = [];
  readonly usd: number[] = [];
  readonly kgCo2e: number[] = [];
  readonly km: number[] = [];

  add(tail: number, head: number, kind: number, ref: number, forward: boolean, cost: StepCost): void {
    this.tails.push(tail);
    this.heads.push(head);
    this.kind.push(kind);
    this.ref.push(ref);
    this.forward.push(forward ? 1 : 0);
    this.hours.push(cost.hours);
    this.usd.push(cost.usd);
    this.kgCo2e.push(cost.kgCo2e);
    this.km.push(cost.km);
  }
}

export function compileMultimodalGraph(network: Network, unit: CargoUnit): MultimodalGraph {
  const context = costContext(network, unit);
  const { nodeIndex } = networkIndex(network);
  const layerCount = LAYERS.length;
  // Vertex of (node, layer), assigned on first use so that a node only has the layers its links reach.
  const layerVertex = new Int32Array(network.nodes.length * layerCount).fill(-1);
  const vertexNode: number[] = [];
  const vertexLayer: number[] = [];
  const newVertex = (node: number, layer: number): number => {
    vertexNode.push(node);
    vertexLayer.push(layer);
    return vertexNode.length - 1;
  };
  const departVertex = new Uint32Array(network.nodes.length);
  const arriveVertex = new Uint32Array(network.nodes.length);
  network.nodes.forEach((_, node) => {
    departVertex[node] = newVertex(node, VERTEX_DEPART);
    arriveVertex[node] = newVertex(node, VERTEX_ARRIVE);
  });
  const vertexAt = (node: number, layer: number): number => {
    const slot = node * layerCount + layer;
    if (layerVertex[slot]! < 0) layerVertex[slot] = newVertex(node, layer);
    return layerVertex[slot]!;
  };

  const edges = new EdgeList();
  network.links.forEach((link, linkIndex) => {
    const from = nodeIndex.get(link.from);
    const to = nodeIndex.get(link.to);
    if (from === undefined || to === undefined) throw new RangeError(`link ${link.id} names an unknown node`);
    const layer = layerOf(link.mode, link.gaugeMm);
    const moving = linkCost(link, context);
    const forwardCost = withBorder(moving, network.nodes[to]!, context);
    edges.add(vertexAt(from, layer), vertexAt(to, layer), EDGE_LINK, linkIndex, true, forwardCost);
    if (link.bidirectional) {
      const backwardCost = withBorder(moving, network.nodes[from]!, context);
      edges.add(vertexAt(to, layer), vertexAt(from, layer), EDGE_LINK, linkIndex, false, backwardCost);
    }
  });

  const rules = indexTransferRules(network.transfers);
  network.nodes.forEach((node, nodeIdx) => {
    const layersHere: number[] = [];
    for (let layer = 0; layer < layerCount; layer++)
      if (layerVertex[nodeIdx * layerCount + layer]! >= 0) layersHere.push(layer);
    for (const layer of layersHere) {
      const vertex = layerVertex[nodeIdx * layerCount + layer]!;
      const endHandling = isWaterMode(LAYERS[layer]!.mode) && node.handling !== undefined;
      const end = endHandling ? handlingCost(node.handling!, context) : { hours: 0, usd: 0, kgCo2e: 0, km: 0 };
      edges.add(departVertex[nodeIdx]!, vertex, EDGE_DEPART, -1, true, end);
      edges.add(vertex, arriveVertex[nodeIdx]!, EDGE_ARRIVE, -1, true, end);
      for (const other of layersHere) {
        if (other === layer) continue;
        const basis = transferBasis(node, layer, other, rules);
        if (basis === undefined) continue;
        const cost = handlingCost(basis.rule ?? basis.handling!, context);
        edges.add(vertex, layerVertex[nodeIdx * layerCount + other]!, EDGE_TRANSFER, basis.ruleIndex, true, cost);
      }
    }
  });

  const { csr, order } = buildCsr(vertexNode.length, edges.tails, edges.heads);
  const inCsrOrder = <T extends Float64Array | Int32Array | Uint8Array>(values: T): T => permute(values, order);
  return {
    network,
    context,
    csr,
    nodeIndex,
    vertexNode: Int32Array.from(vertexNode),
    vertexLayer: Int8Array.from(vertexLayer),
    departVertex,
    arriveVertex,
    edgeKind: inCsrOrder(Uint8Array.from(edges.kind)),
    edgeRef: inCsrOrder(Int32Array.from(edges.ref)),
    edgeForward: inCsrOrder(Uint8Array.from(edges.forward)),
    hours: inCsrOrder(Float64Array.from(edges.hours)),
    usd: inCsrOrder(Float64Array.from(edges.usd)),
    kgCo2e: inCsrOrder(Float64Array.from(edges.kgCo2e)),
    km: inCsrOrder(Float64Array.from(edges.km)),
  };
}

function withBorder(moving: StepCost, head: NetworkNode, context: CostContext): StepCost {
  const border = borderCost(head, context);
  return {
    hours: moving.hours + border.hours,
    usd: moving.usd + border.usd,
    kgCo2e: moving.kgCo2e + border.kgCo2e,
    km: moving.km,
  };
}

type RuleIndex = Map<string, { rule: TransferRule; index: number }>;

const ruleKey = (node: string, kind: string, from: string, to: string): string => `${node}|${kind}|${from}|${to}`;

function indexTransferRules(transfers: readonly TransferRule[]): RuleIndex {
  const index: RuleIndex = new Map();
  transfers.forEach((rule, position) => {
    index.set(ruleKey(rule.node, rule.kind, rule.from, rule.to), { rule, index: position });
    const reverse = ruleKey(rule.node, rule.kind, rule.to, rule.from);
    if (rule.bidirectional && !index.has(reverse)) index.set(reverse, { rule, index: position });
  });
  return index;
}

/**
 * The figures for moving cargo from one layer to another at a node, or undefined when that change cannot happen
 * there. A gauge change uses the node's rule, else the default. A mode change happens only at ports, terminals
 * and cities: a node-specific rule first, then a port's or terminal's own handling, then the default rule.
 */
export function transferBasis(
  node: NetworkNode,
  fromLayer: number,
  toLayer: number,
  rules: RuleIndex,
): TransferBasis | undefined {
  const from = LAYERS[fromLayer]!;
  const to = LAYERS[toLayer]!;
  const pick = (kind: string, a: string, b: string): TransferBasis | undefined => {
    const found = rules.get(ruleKey(node.id, kind, a, b)) ?? rules.get(ruleKey(DEFAULT_TRANSFER_NODE, kind, a, b));
    return found === undefined ? undefined : { rule: found.rule, ruleIndex: found.index };
  };
  if (from.mode === 'rail' && to.mode === 'rail') {
    return pick('gauge_change', String(from.gaugeMm), String(to.gaugeMm));
  }
  if (!MODE_CHANGE_KINDS.includes(node.kind)) return undefined;
  const specific = rules.get(ruleKey(node.id, 'mode_change', from.mode, to.mode));
  if (specific !== undefined) return { rule: specific.rule, ruleIndex: specific.index };
  if (node.handling !== undefined) return { handling: node.handling, ruleIndex: -1 };
  return pick('mode_change', from.mode, to.mode);
}

export { indexTransferRules };
