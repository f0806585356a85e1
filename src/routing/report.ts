import { borderCost, handlingCost, linkCost, type CargoUnit, type StepCost } from '../graph/costs.js';
import { LAYERS } from '../graph/layers.js';
import { EDGE_ARRIVE, EDGE_DEPART, EDGE_LINK, EDGE_TRANSFER, type MultimodalGraph } from '../graph/multimodal.js';
import type { GaugeMm, Mode, TransferKind } from '../model/vocabulary.js';

interface StepBase extends StepCost {
  /** Totals from the start of the route to the end of this step: the time–cost–distance series. */
  cumulative: StepCost;
}

export interface LegStep extends StepBase {
  kind: 'leg';
  link: string;
  mode: Mode;
  gaugeMm?: GaugeMm;
  from: string;
  to: string;
  corridors: string[];
}

export interface BorderStep extends StepBase {
  kind: 'border';
  node: string;
  /** Countries on either side in the direction of travel. */
  fromCountry: string;
  toCountry: string;
  dwellP90H: number;
}

export interface TransferStep extends StepBase {
  kind: 'transfer';
  node: string;
  transfer: TransferKind;
  fromLayer: string;
  toLayer: string;
  /** The transfer rule applied, or `handling` for the port's or terminal's own handling figures. */
  basis: string;
}

export interface HandlingStep extends StepBase {
  kind: 'handling';
  node: string;
  operation: 'load' | 'unload';
}

export type RouteStep = LegStep | BorderStep | TransferStep | HandlingStep;

/** A step's own facts, before its costs and running totals are attached. */
type StepFacts = RouteStep extends infer T ? (T extends RouteStep ? Omit<T, keyof StepBase> : never) : never;

export interface RouteReport {
  from: string;
  to: string;
  unit: CargoUnit;
  steps: RouteStep[];
  totals: StepCost;
  /** Nodes passed in order, with consecutive repeats (changes at one node) folded. */
  nodes: string[];
  modes: Mode[];
  corridors: string[];
  borderCrossings: string[];
  /** Countries in the order the route enters them. */
  countries: string[];
}

/** Turns a path of graph edges into the steps a shipper reads: legs, border crossings, transfers and handling. */
export function buildRouteReport(graph: MultimodalGraph, edges: readonly number[]): RouteReport {
  const { network, context, csr, edgeKind, edgeRef, edgeForward, vertexNode, vertexLayer } = graph;
  const steps: RouteStep[] = [];
  let cumulative: StepCost = { hours: 0, usd: 0, kgCo2e: 0, km: 0 };
  const push = (step: StepFacts, cost: StepCost): void => {
    cumulative = {
      hours: cumulative.hours + cost.hours,
      usd: cumulative.usd + cost.usd,
      kgCo2e: cumulative.kgCo2e + cost.kgCo2e,
      km: cumulative.km + cost.km,
    };
    steps.push({ ...step, ...cost, cumulative } as RouteStep);
  };

  for (const edge of edges) {
    const tail = csr.sources[edge]!;
    const head = csr.targets[edge]!;
    switch (edgeKind[edge]) {
      case EDGE_LINK: {
        const link = network.links[edgeRef[edge]!]!;
        const forward = edgeForward[edge] === 1;
        const headNode = network.nodes[vertexNode[head]!]!;
        const tailNode = network.nodes[vertexNode[tail]!]!;
        push(
          {
            kind: 'leg',
            link: link.id,
            mode: link.mode,
            ...(link.gaugeMm === undefined ? {} : { gaugeMm: link.gaugeMm }),
            from: forward ? link.from : link.to,
            to: forward ? link.to : link.from,
            corridors: link.corridors,
          },
          linkCost(link, context),
        );
        if (headNode.border !== undefined) {
          push(
            {
              kind: 'border',
              node: headNode.id,
              // Arriving from the far side means entering the node's own country; otherwise leaving it.
              fromCountry: tailNode.country === headNode.border.with ? headNode.border.with : headNode.country,
              toCountry: tailNode.country === headNode.border.with ? headNode.country : headNode.border.with,
              dwellP90H: headNode.border.dwellP90H,
            },
            borderCost(headNode, context),
          );
        }
        break;
      }
      case EDGE_TRANSFER: {
        const node = network.nodes[vertexNode[tail]!]!;
        const from = LAYERS[vertexLayer[tail]!]!;
        const to = LAYERS[vertexLayer[head]!]!;
        const rule = edgeRef[edge]! >= 0 ? network.transfers[edgeRef[edge]!] : undefined;
        const figures = rule ?? node.handling;
        if (figures === undefined)
          throw new Error(`transfer edge at ${node.id} has neither a rule nor handling figures`);
        push(
          {
            kind: 'transfer',
            node: node.id,
            transfer: from.mode === to.mode ? 'gauge_change' : 'mode_change',
            fromLayer: from.label,
            toLayer: to.label,
            basis: rule?.id ?? 'handling',
          },
          handlingCost(figures, context),
        );
        break;
      }
      case EDGE_DEPART:
      case EDGE_ARRIVE: {
        const departing = edgeKind[edge] === EDGE_DEPART;
        const node = network.nodes[vertexNode[departing ? tail : head]!]!;
        const layer = LAYERS[vertexLayer[departing ? head : tail]!]!;
        const atWater = layer.mode === 'sea' || layer.mode === 'ferry';
        if (atWater && node.handling !== undefined) {
          push(
            { kind: 'handling', node: node.id, operation: departing ? 'load' : 'unload' },
            handlingCost(node.handling, context),
          );
        }
        break;
      }
    }
  }

  const legs = steps.filter((step): step is LegStep => step.kind === 'leg');
  const nodes: string[] = [];
  const countries: string[] = [];
  for (const edge of edges) {
    for (const vertex of [csr.sources[edge]!, csr.targets[edge]!]) {
      const node = network.nodes[vertexNode[vertex]!]!;
      if (nodes[nodes.length - 1] === node.id) continue;
      nodes.push(node.id);
      if (countries[countries.length - 1] !== node.country) countries.push(node.country);
    }
  }
  return {
    from: nodes[0] ?? '',
    to: nodes[nodes.length - 1] ?? '',
    unit: context.unit,
    steps,
    totals: cumulative,
    nodes,
    modes: unique(legs.map((leg) => leg.mode)),
    corridors: unique(legs.flatMap((leg) => leg.corridors)),
    borderCrossings: steps.filter((step) => step.kind === 'border').map((step) => step.node),
    countries,
  };
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
