import type { Command } from 'commander';
import { countryName } from '../../model/countries.js';
import { HOURS_PER_WEEK, serviceMtPerYear, serviceStops } from '../../model/services.js';
import type { Link, Network, NetworkNode, Service } from '../../model/types.js';
import { requireNode } from '../require-node.js';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { formatNumber } from '../../render/format.js';
import { renderFields, renderTable, titled } from '../../render/table.js';
import { networkIndex } from '../../model/network-index.js';

export function registerNetworkShow(network: Command, context: CliContext): void {
  network
    .command('show')
    .description('show one node: its figures, where they come from, the links at it and the scheduled services calling')
    .argument('<node>', 'node id or name, in any case ("bandar-abbas", "Bandar Abbas")')
    .addOption(dataOption())
    .addOption(jsonOption())
    .action((query: string, options: { data?: string; json?: boolean }) => {
      const { stdout, stderr } = context.io;
      const loaded = networkFromOption(options.data, stderr);
      const node = requireNode(loaded, query);
      const details = describeNode(loaded, node);
      if (options.json) writeJson(stdout, details);
      else writeText(stdout, renderNodeDetails(details));
    });
}

interface LinkAtNode {
  id: string;
  /** The node at the other end. */
  to: string;
  toName: string;
  /** `both` ways, or only `out` of / `in` to the node shown, for one-way links. */
  direction: 'both' | 'out' | 'in';
  mode: Link['mode'];
  km: number;
  gaugeMm?: number;
  status: Link['status'];
  openingYear?: number;
  corridors: string[];
}

/** A scheduled service that calls at or passes the node. */
interface ServiceAtNode {
  id: string;
  name: string;
  mode: Service['mode'];
  operator: string;
  /** The places on its route, in running order. */
  stops: string[];
  departuresPerWeek: number;
  capacityPerDeparture: number;
  capacityUnit: Service['capacityUnit'];
  /** Each way; absent when a TEU capacity has no t_per_teu to become tonnes. */
  mtPerYear?: number;
  /** Hours between departures; the mean wait is half of it. */
  headwayH: number;
  exclusive: boolean;
  confidence: Service['confidence'];
  sources: string[];
}

interface NodeDetails {
  node: NetworkNode;
  sources: { id: string; title: string; publisher: string; year: number; url?: string; document?: string }[];
  links: LinkAtNode[];
  services: ServiceAtNode[];
}

function describeNode(network: Network, node: NetworkNode): NodeDetails {
  const sourcesById = new Map(network.sources.map((source) => [source.id, source]));
  const { nodeById } = networkIndex(network);
  const links = network.links
    .filter((link) => link.from === node.id || link.to === node.id)
    .map((link): LinkAtNode => {
      const outgoing = link.from === node.id;
      const other = outgoing ? link.to : link.from;
      return {
        id: link.id,
        to: other,
        toName: nodeById.get(other)?.name ?? other,
        direction: link.bidirectional ? 'both' : outgoing ? 'out' : 'in',
        mode: link.mode,
        km: link.km,
        ...(link.gaugeMm === undefined ? {} : { gaugeMm: link.gaugeMm }),
        status: link.status,
        ...(link.openingYear === undefined ? {} : { openingYear: link.openingYear }),
        corridors: link.corridors,
      };
    });
  const { linkById, parameters } = networkIndex(network);
  const services = network.services.flatMap((service): ServiceAtNode[] => {
    const stops = serviceStops(service.links.flatMap((id) => linkById.get(id) ?? [])).stops ?? [];
    if (!stops.includes(node.id)) return [];
    const mtPerYear = serviceMtPerYear(service, parameters.tPerTeu);
    return [
      {
        id: service.id,
        name: service.name,
        mode: service.mode,
        operator: service.operator,
        stops,
        departuresPerWeek: service.departuresPerWeek,
        capacityPerDeparture: service.capacityPerDeparture,
        capacityUnit: service.capacityUnit,
        ...(mtPerYear === undefined ? {} : { mtPerYear }),
        headwayH: HOURS_PER_WEEK / service.departuresPerWeek,
        exclusive: service.exclusive,
        confidence: service.confidence,
        sources: service.sources,
      },
    ];
  });
  const sources = node.sources.flatMap((id) => {
    const source = sourcesById.get(id);
    if (source === undefined) return [];
    const { origin: _origin, notes: _notes, ...citation } = source;
    return [citation];
  });
  return { node, sources, links, services };
}

/** Kinds where a blank capacity is a gap in the data, not a property of the place: it is worth saying so. */
const CAPACITY_KINDS: ReadonlySet<NetworkNode['kind']> = new Set([
  'port',
  'border_crossing',
  'gauge_change',
  'terminal',
]);

const coordinate = (value: number, positive: string, negative: string): string =>
  `${Math.abs(value).toFixed(4)}° ${value >= 0 ? positive : negative}`;

function renderNodeDetails({ node, sources, links, services }: NodeDetails): string {
  const where = node.origin?.line === undefined ? node.origin?.file : `${node.origin.file}:${node.origin.line}`;
  const attributes: [string, string][] = [
    ['kind', node.kind],
    ['country', `${countryName(node.country)} (${node.country})`],
    ['coordinates', `${coordinate(node.lat, 'N', 'S')}, ${coordinate(node.lon, 'E', 'W')}`],
  ];
  if (node.border) {
    const { border } = node;
    attributes.push(
      ['border with', `${countryName(border.with)} (${border.with})`],
      [
        'dwell',
        `median ${formatNumber(border.dwellMedianH, 1)} h, 90th percentile ${formatNumber(border.dwellP90H, 1)} h`,
      ],
      ['crossing cost', `${formatNumber(border.usdPerT, 2)} USD/t, ${formatNumber(border.usdPerTeu)} USD/TEU`],
    );
  }
  if (node.handling) {
    const { handling } = node;
    attributes.push([
      'handling',
      `${formatNumber(handling.hours, 1)} h, ${formatNumber(handling.usdPerT, 2)} USD/t, ${formatNumber(handling.usdPerTeu)} USD/TEU`,
    ]);
  }
  if (node.capacityMtPerYr !== undefined)
    attributes.push(['capacity', `${formatNumber(node.capacityMtPerYr, 1)} Mt/yr`]);
  else if (CAPACITY_KINDS.has(node.kind))
    attributes.push(['capacity', 'not constrained in the model (no sourced figure)']);
  if (where !== undefined) attributes.push(['defined at', where]);

  const provenance: [string, string | string[]][] = [
    ['confidence', node.confidence],
    ['sources', sources.map((source) => `${source.id}: ${source.title} (${source.publisher}, ${source.year})`)],
  ];
  if (node.estimatedFields.length > 0) provenance.push(['estimated', node.estimatedFields.join(', ')]);
  if (node.notes !== undefined) provenance.push(['notes', node.notes]);

  const directionNote = { both: '', out: ' (one-way, outbound)', in: ' (one-way, inbound)' } as const;
  const linkTable =
    links.length === 0
      ? 'no links'
      : renderTable(
          ['link', 'to', 'mode', 'km', 'gauge', 'status', 'corridors'],
          links.map((link) => [
            link.id,
            `${link.toName} (${link.to})${directionNote[link.direction]}`,
            link.mode,
            link.km,
            link.gaugeMm === undefined ? '' : `${link.gaugeMm} mm`,
            link.status === 'operational' || link.openingYear === undefined
              ? link.status
              : `${link.status} (${link.openingYear})`,
            link.corridors.join(' '),
          ]),
        );

  const unit = { t: 't', teu: 'TEU' } as const;
  const serviceTable =
    services.length === 0
      ? 'none in the data'
      : renderTable(
          [
            'service',
            'mode',
            'route',
            'per week',
            'every h',
            'per departure',
            'Mt/yr each way',
            'limits link',
            'confidence',
          ],
          services.map((service) => [
            `${service.name} (${service.id})`,
            service.mode,
            routeText(service.stops),
            formatNumber(service.departuresPerWeek, 1),
            formatNumber(service.headwayH, 0),
            `${formatNumber(service.capacityPerDeparture)} ${unit[service.capacityUnit]}`,
            service.mtPerYear === undefined ? '' : formatNumber(service.mtPerYear, 2),
            service.exclusive ? 'yes' : 'no',
            service.confidence,
          ]),
        );

  return [
    titled(`${node.name} (${node.id})`, renderFields(attributes)),
    titled('Provenance', renderFields(provenance)),
    titled(`Links at ${node.id} (${links.length})`, linkTable),
    titled(`Scheduled services at ${node.id} (${services.length})`, serviceTable),
  ].join('\n\n');
}

/** A long train route as its first two and last two places: the table stays readable. */
function routeText(stops: readonly string[]): string {
  if (stops.length <= 5) return stops.join(' – ');
  return `${stops.slice(0, 2).join(' – ')} – … (${stops.length - 4}) – ${stops.slice(-2).join(' – ')}`;
}
