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

/**
 * Turns a path of graph edges into the steps a shipper reads: legs, border crossings, transfers and handling.
 * Called for every route a request returns, so each step is one object literal with its costs written in place
 * (no spreads, no closures) and the running totals are plain numbers.
 */
export function buildRouteReport(graph: MultimodalGraph, edges: readonly number[]): RouteReport {
  const { network, context, csr, edgeKind, edgeRef, edgeForward, vertexNode, vertexLayer } = graph;
  const steps: RouteStep[] = [];
  const totals = new RunningTotals();
  const nodes: string[] = [];
  const countries: string[] = [];
  const modes: Mode[] = [];
  const corridors: string[] = [];
  const borderCrossings: string[] = [];

  for (const edge of edges) {
    const tail = csr.sources[edge]!;
    const head = csr.targets[edge]!;
    visit(network.nodes[vertexNode[tail]!]!, nodes, countries);
    visit(network.nodes[vertexNode[head]!]!, nodes, countries);
    switch (edgeKind[edge]) {
      case EDGE_LINK: {
        const link = network.links[edgeRef[edge]!]!;
        const forward = edgeForward[edge] === 1;
        const headNode = network.nodes[vertexNode[head]!]!;
        // Facts first, costs after, so that gaugeMm (when there is one) sits where readers of the JSON expect it.
        const leg = (
          link.gaugeMm === undefined
            ? { kind: 'leg', link: link.id, mode: link.mode }
            : { kind: 'leg', link: link.id, mode: link.mode, gaugeMm: link.gaugeMm }
        ) as Omit<LegStep, keyof StepBase>;
        leg.from = forward ? link.from : link.to;
        leg.to = forward ? link.to : link.from;
        leg.corridors = link.corridors;
        steps.push(withCost<LegStep>(leg, linkCost(link, context), totals));
        if (!modes.includes(link.mode)) modes.push(link.mode);
        for (const corridor of link.corridors) if (!corridors.includes(corridor)) corridors.push(corridor);
        if (headNode.border !== undefined) {
          const tailNode = network.nodes[vertexNode[tail]!]!;
          // Arriving from the far side means entering the node's own country; otherwise leaving it.
          const entering = tailNode.country === headNode.border.with;
          steps.push(
            withCost<BorderStep>(
              {
                kind: 'border',
                node: headNode.id,
                fromCountry: entering ? headNode.border.with : headNode.country,
                toCountry: entering ? headNode.country : headNode.border.with,
                dwellP90H: headNode.border.dwellP90H,
              },
              borderCost(headNode, context),
              totals,
            ),
          );
          borderCrossings.push(headNode.id);
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
        steps.push(
          withCost<TransferStep>(
            {
              kind: 'transfer',
              node: node.id,
              transfer: from.mode === to.mode ? 'gauge_change' : 'mode_change',
              fromLayer: from.label,
              toLayer: to.label,
              basis: rule?.id ?? 'handling',
            },
            handlingCost(figures, context),
            totals,
          ),
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
          steps.push(
            withCost<HandlingStep>(
              { kind: 'handling', node: node.id, operation: departing ? 'load' : 'unload' },
              handlingCost(node.handling, context),
              totals,
            ),
          );
        }
        break;
      }
    }
  }

  return {
    from: nodes[0] ?? '',
    to: nodes[nodes.length - 1] ?? '',
    unit: context.unit,
    steps,
    totals: totals.snapshot(),
    nodes,
    modes,
    corridors,
    borderCrossings,
    countries,
  };
}

/** Totals from the start of the route, as plain numbers: a step reads a snapshot of them. */
class RunningTotals {
  hours = 0;
  usd = 0;
  kgCo2e = 0;
  km = 0;

  snapshot(): StepCost {
    return { hours: this.hours, usd: this.usd, kgCo2e: this.kgCo2e, km: this.km };
  }
}

/**
 * Completes a step's facts with its costs and the running totals after it, in place: no spread, and the fields in
 * the order the JSON answer has always had (facts, hours, usd, kgCo2e, km, cumulative).
 */
function withCost<T extends RouteStep>(facts: Omit<T, keyof StepBase>, cost: StepCost, totals: RunningTotals): T {
  const step = facts as T;
  step.hours = cost.hours;
  step.usd = cost.usd;
  step.kgCo2e = cost.kgCo2e;
  step.km = cost.km;
  totals.hours += cost.hours;
  totals.usd += cost.usd;
  totals.kgCo2e += cost.kgCo2e;
  totals.km += cost.km;
  step.cumulative = totals.snapshot();
  return step;
}

/**
 * Appends a node passed, folding consecutive repeats, and the country when the route enters a new one. A ship
 * passing a strait enters no country (the Bandar Abbas – Chabahar feeder through Hormuz stays in Iran).
 */
function visit(node: { id: string; country: string; kind: string }, nodes: string[], countries: string[]): void {
  if (nodes[nodes.length - 1] === node.id) return;
  nodes.push(node.id);
  if (node.kind !== 'chokepoint' && countries[countries.length - 1] !== node.country) countries.push(node.country);
}
