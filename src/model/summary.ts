import { countryName } from './countries.js';
import type { Link, Network } from './types.js';
import type { Confidence, LinkStatus, Mode, NodeKind } from './vocabulary.js';
import { networkIndex } from './network-index.js';

export interface CorridorSummary {
  id: string;
  name: string;
  links: number;
  km: number;
  countries: string[];
}

export interface NetworkSummary {
  nodes: number;
  links: number;
  sources: number;
  countries: { code: string; name: string; nodes: number }[];
  nodesByKind: Partial<Record<NodeKind, number>>;
  linksByMode: Partial<Record<Mode, { links: number; km: number }>>;
  linksByStatus: Partial<Record<LinkStatus, { links: number; km: number }>>;
  totalKm: number;
  operationalKm: number;
  corridors: CorridorSummary[];
  /** How many records rest on each confidence level, and how many carry at least one estimated figure. */
  provenance: { byConfidence: Partial<Record<Confidence, number>>; withEstimatedFigures: number; records: number };
  /** The routes the region's overview compares first (region.yaml): what a route planner shows before any query. */
  overview: { from: string; to: string; title: string }[];
  /**
   * The places region.yaml names as the ends of the region's freight (its overview routes, where synthetic
   * shipments start and end), first: a map labels these before any other.
   */
  keyPlaces: string[];
}

function tally<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function addLength<K extends string>(
  totals: Partial<Record<K, { links: number; km: number }>>,
  key: K,
  link: Link,
): void {
  const entry = totals[key] ?? { links: 0, km: 0 };
  entry.links += 1;
  entry.km += link.km;
  totals[key] = entry;
}

export function summarizeNetwork(network: Network): NetworkSummary {
  const nodesByKind: NetworkSummary['nodesByKind'] = {};
  const nodesPerCountry = new Map<string, number>();
  for (const node of network.nodes) {
    tally(nodesByKind, node.kind);
    nodesPerCountry.set(node.country, (nodesPerCountry.get(node.country) ?? 0) + 1);
  }
  const linksByMode: NetworkSummary['linksByMode'] = {};
  const linksByStatus: NetworkSummary['linksByStatus'] = {};
  for (const link of network.links) {
    addLength(linksByMode, link.mode, link);
    addLength(linksByStatus, link.status, link);
  }
  const { nodeById } = networkIndex(network);
  const corridors = network.corridors.map((corridor): CorridorSummary => {
    const links = network.links.filter((link) => link.corridors.includes(corridor.id));
    const countries = new Set<string>();
    for (const link of links) {
      for (const end of [link.from, link.to]) {
        const country = nodeById.get(end)?.country;
        if (country !== undefined) countries.add(country);
      }
    }
    return {
      id: corridor.id,
      name: corridor.name,
      links: links.length,
      km: links.reduce((sum, link) => sum + link.km, 0),
      countries: [...countries].sort(),
    };
  });
  const cited = [
    ...network.nodes,
    ...network.links,
    ...network.services,
    ...network.transfers,
    ...network.emissionFactors,
  ];
  const byConfidence: Partial<Record<Confidence, number>> = {};
  // Region targets are cited figures too (they were parameter rows before region.yaml).
  const figures = [...network.parameters, ...(network.region?.targets ?? [])];
  for (const record of [...cited, ...figures]) tally(byConfidence, record.confidence);
  return {
    nodes: network.nodes.length,
    links: network.links.length,
    sources: network.sources.length,
    countries: [...nodesPerCountry]
      .map(([code, nodes]) => ({ code, name: countryName(code), nodes }))
      .sort((a, b) => b.nodes - a.nodes || a.code.localeCompare(b.code)),
    nodesByKind,
    linksByMode,
    linksByStatus,
    totalKm: network.links.reduce((sum, link) => sum + link.km, 0),
    operationalKm: network.links
      .filter((link) => link.status === 'operational')
      .reduce((sum, link) => sum + link.km, 0),
    corridors,
    provenance: {
      byConfidence,
      withEstimatedFigures:
        cited.filter((record) => record.confidence === 'estimate' || record.estimatedFields.length > 0).length +
        figures.filter((figure) => figure.confidence === 'estimate').length,
      records: cited.length + figures.length,
    },
    overview: (network.region?.overview ?? []).map(({ from, to, title }) => ({ from, to, title })),
    keyPlaces: [
      ...new Set([
        ...(network.region?.overview ?? []).flatMap(({ from, to }) => [from, to]),
        ...(network.region?.synthetic?.origins ?? []),
        ...(network.region?.synthetic?.destinations ?? []),
      ]),
    ],
  };
}
