import { greatCircleKm } from './geo.js';
import { issueAt, type InputIssue } from './issues.js';
import { checkParameters, NETWORK_PARAMETERS } from './parameters.js';
import { closestMatch } from './text.js';
import { DEFAULT_TRANSFER_NODE, type Link, type Network, type NetworkNode, type RecordOrigin } from './types.js';
import { EMISSION_CATEGORIES, MODE_CHANGE_KINDS, WATER_END_KINDS, WATER_MODES } from './vocabulary.js';
import { networkIndex } from './network-index.js';
import { checkServices } from './check-services.js';

/**
 * Checks that need the whole network: references between files, and rules that tie records together. Field-level
 * rules live in the row schemas; this runs after every row has parsed.
 */
export function checkNetwork(network: Network, options: CheckOptions = {}): InputIssue[] {
  const issues: InputIssue[] = [];
  const unparsed = options.unparsedIds ?? new Set<string>();
  const unknownMessage = (what: string, id: string, known: Iterable<string>): string | undefined =>
    unparsed.has(id) ? undefined : describeUnknown(what, id, known);
  const report: Reporter = (origin, field, message, warning = false) => {
    if (message !== undefined) issues.push(issueAt(origin, field, message, warning ? 'warning' : 'error'));
  };

  checkUniqueIds(network.sources, 'id', report);
  checkUniqueIds(network.corridors, 'id', report);
  checkUniqueIds(network.nodes, 'id', report);
  checkUniqueIds(network.links, 'id', report);
  checkUniqueIds(network.transfers, 'id', report);
  checkUniqueIds(network.emissionFactors, 'mode', report);
  checkUniqueIds(network.parameters, 'key', report);
  checkUniqueIds(network.services, 'id', report);

  const sourceIds = new Set(network.sources.map((source) => source.id));
  const citing = [
    ...network.corridors,
    ...network.nodes,
    ...network.links,
    ...network.transfers,
    ...network.emissionFactors,
    ...network.parameters,
    ...network.services,
  ];
  for (const record of citing) {
    record.sources.forEach((id, index) => {
      if (!sourceIds.has(id)) report(record.origin, `sources[${index}]`, unknownMessage('source', id, sourceIds));
    });
  }

  const nodesById = networkIndex(network).nodeById;
  const corridorIds = new Set(network.corridors.map((corridor) => corridor.id));
  for (const link of network.links) {
    for (const end of ['from', 'to'] as const) {
      if (!nodesById.has(link[end])) report(link.origin, end, unknownMessage('node', link[end], nodesById.keys()));
    }
    link.corridors.forEach((id, index) => {
      if (!corridorIds.has(id)) report(link.origin, `corridors[${index}]`, unknownMessage('corridor', id, corridorIds));
    });
    const from = nodesById.get(link.from);
    const to = nodesById.get(link.to);
    if (from && to) checkLinkGeometry(link, from, to, report);
  }

  for (const rule of network.transfers) {
    if (rule.node !== DEFAULT_TRANSFER_NODE && !nodesById.has(rule.node)) {
      report(rule.origin, 'node', unknownMessage('node', rule.node, nodesById.keys()));
    }
  }

  const linkById = networkIndex(network).linkById;
  checkServices(network, linkById, (id) => unknownMessage('link', id, linkById.keys()), report);

  const linksAt = linksByNode(network.links);
  checkBorders(network.nodes, nodesById, linksAt, report);
  checkGaugeRules(network, linksAt, report);

  const categories = new Set(network.emissionFactors.map((factor) => factor.mode));
  for (const category of EMISSION_CATEGORIES) {
    if (!categories.has(category)) {
      report(
        { file: 'emission_factors.csv' },
        'mode',
        `missing a row for "${category}": every mode needs an emission factor`,
      );
    }
  }
  const parametersFile = network.parameters[0]?.origin?.file ?? 'parameters.csv';
  issues.push(...checkParameters(network.parameters, NETWORK_PARAMETERS, parametersFile));
  if (network.nodes.length === 0) report({ file: 'nodes.csv' }, undefined, 'no nodes: a network needs at least one');
  return issues;
}

export interface CheckOptions {
  /** Ids of rows that failed their own schema: references to them are not reported again as unknown. */
  unparsedIds?: ReadonlySet<string>;
}

export type Reporter = (
  origin: RecordOrigin | undefined,
  field: string | undefined,
  message: string | undefined,
  warning?: boolean,
) => void;

export function describeUnknown(what: string, id: string, known: Iterable<string>): string {
  const suggestion = closestMatch(id, known);
  return `unknown ${what} id "${id}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
}

export function checkUniqueIds<T extends { origin?: RecordOrigin }, K extends keyof T>(
  records: readonly T[],
  key: K,
  report: Reporter,
): void {
  const firstSeen = new Map<unknown, T>();
  for (const record of records) {
    const first = firstSeen.get(record[key]);
    if (first === undefined) {
      firstSeen.set(record[key], record);
      continue;
    }
    const where = first.origin?.line !== undefined ? `line ${first.origin.line}` : (first.origin?.pointer ?? 'earlier');
    report(record.origin, String(key), `duplicate ${String(key)} "${String(record[key])}" (first defined at ${where})`);
  }
}

function linksByNode(links: readonly Link[]): Map<string, Link[]> {
  const byNode = new Map<string, Link[]>();
  for (const link of links) {
    for (const end of [link.from, link.to]) {
      const list = byNode.get(end);
      if (list) list.push(link);
      else byNode.set(end, [link]);
    }
  }
  return byNode;
}

/** A length shorter than the straight line means wrong coordinates or a wrong length; far longer deserves a look. */
function checkLinkGeometry(link: Link, from: NetworkNode, to: NetworkNode, report: Reporter): void {
  const straightKm = greatCircleKm(from.lat, from.lon, to.lat, to.lon);
  if (link.km < straightKm * 0.9 - 5) {
    report(
      link.origin,
      'km',
      `${link.km} km is shorter than the ${straightKm.toFixed(0)} km great-circle distance between ${from.id} and ${to.id}: check the length or the nodes' coordinates`,
    );
  } else if (link.km > straightKm * 3 + 50) {
    report(
      link.origin,
      'km',
      `${link.km} km is over 3× the ${straightKm.toFixed(0)} km great-circle distance between ${from.id} and ${to.id}`,
      true,
    );
  }
  const water = (WATER_MODES as readonly string[]).includes(link.mode);
  for (const [end, node] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (water && !WATER_END_KINDS.includes(node.kind)) {
      report(
        link.origin,
        end,
        `a ${link.mode} link must end at a port or chokepoint, but ${node.id} is a ${node.kind}`,
      );
    } else if (!water && node.kind === 'chokepoint') {
      report(link.origin, end, `only sea and ferry links may reach the chokepoint ${node.id}, not a ${link.mode} link`);
    }
  }
}

function checkBorders(
  nodes: readonly NetworkNode[],
  nodesById: ReadonlyMap<string, NetworkNode>,
  linksAt: ReadonlyMap<string, Link[]>,
  report: Reporter,
): void {
  for (const node of nodes) {
    if (node.border === undefined) continue;
    const other = node.border.with;
    const crosses = (linksAt.get(node.id) ?? []).some((link) => {
      const neighbor = nodesById.get(link.from === node.id ? link.to : link.from);
      return neighbor !== undefined && (neighbor.country === other || neighbor.border?.with === node.country);
    });
    if (!crosses) {
      report(
        node.origin,
        'border_with',
        `border crossing into ${other}, but none of its links reaches a node in ${other} or a border crossing facing ${node.country}`,
      );
    }
  }
}

function checkGaugeRules(network: Network, linksAt: ReadonlyMap<string, Link[]>, report: Reporter): void {
  const ruleKeys = new Set<string>();
  for (const rule of network.transfers) {
    if (rule.kind !== 'gauge_change') continue;
    ruleKeys.add(`${rule.node}|${rule.from}|${rule.to}`);
    if (rule.bidirectional) ruleKeys.add(`${rule.node}|${rule.to}|${rule.from}`);
  }
  for (const node of network.nodes) {
    const gauges = new Set<number>();
    for (const link of linksAt.get(node.id) ?? []) if (link.gaugeMm !== undefined) gauges.add(link.gaugeMm);
    const sorted = [...gauges].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const pair = `${sorted[i]}|${sorted[j]}`;
        if (!ruleKeys.has(`${node.id}|${pair}`) && !ruleKeys.has(`${DEFAULT_TRANSFER_NODE}|${pair}`)) {
          report(
            node.origin,
            'id',
            `rail links of ${sorted[i]} mm and ${sorted[j]} mm gauge meet at ${node.id}, but transfers.csv has no gauge_change rule for it (node-specific or "*")`,
          );
        }
      }
    }
  }
  for (const rule of network.transfers) {
    if (rule.kind !== 'mode_change' || rule.node === DEFAULT_TRANSFER_NODE) continue;
    const node = networkIndex(network).nodeById.get(rule.node);
    if (node && !MODE_CHANGE_KINDS.includes(node.kind)) {
      report(rule.origin, 'node', `mode changes happen at ports, terminals and cities; ${node.id} is a ${node.kind}`);
    }
  }
}
