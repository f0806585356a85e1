import type { Network } from '../model/types.js';
import type { RouteReport } from '../routing/report.js';
import { gatewayIndex } from '../routing/signature.js';

const gatewaysOf = new WeakMap<Network, Map<string, string>>();

/** Each node's canonical gateway id, computed once per network. */
function gatewayIds(network: Network): Map<string, string> {
  let ids = gatewaysOf.get(network);
  if (ids === undefined) {
    const gateway = gatewayIndex(network);
    ids = new Map(network.nodes.map((node, index) => [node.id, network.nodes[gateway[index]!]!.id]));
    gatewaysOf.set(network, ids);
  }
  return ids;
}

/**
 * The corridor signature as read from a finished report: what pathSignature computes from the edges, written
 * again from its description (gateways, sea voyages by first and last port and chokepoints, main mode), so tests
 * can check it and group reported routes by corridor without the graph.
 */
export function reportSignature(report: RouteReport, network: Network): string {
  const gateways = gatewayIds(network);
  const chokepoints = new Set(network.nodes.filter((node) => node.kind === 'chokepoint').map((node) => node.id));
  const parts: string[] = [];
  const kmByMode = new Map<string, number>();
  let voyage: string[] = [];
  const endVoyage = () => {
    if (voyage.length === 0) return;
    const [first, ...rest] = voyage;
    const passed = rest.filter((id) => chokepoints.has(id));
    parts.push(`sea:${[first, ...passed].join('~')}-${rest[rest.length - 1]!}`);
    voyage = [];
  };
  for (const step of report.steps) {
    if (step.kind === 'border') {
      endVoyage();
      parts.push(`border:${gateways.get(step.node)!}`);
    }
    if (step.kind !== 'leg') continue;
    kmByMode.set(step.mode, (kmByMode.get(step.mode) ?? 0) + step.km);
    if (step.mode === 'sea') {
      if (voyage.length === 0) voyage.push(step.from);
      voyage.push(step.to);
      continue;
    }
    endVoyage();
    if (step.mode === 'ferry') parts.push(`ferry:${step.from}-${step.to}`);
  }
  endVoyage();
  const mainMode = [...kmByMode].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return `${parts.join('>')}|${mainMode}`;
}
