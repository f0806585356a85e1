import { z } from 'zod';
import type { InputIssue } from '../model/issues.js';
import { type Network, type NetworkTables, emptyNetwork } from '../model/types.js';
import { NETWORK_FILES } from './network-files.js';
import { ROW_WRITERS, type Row } from './network-rows.js';
import { zodIssuesAt } from './zod-issues.js';
import { networkIndex } from '../model/network-index.js';

/**
 * GeoJSON form of a network: nodes as Points, links as LineStrings (endpoints plus way-points), every documented
 * column in `properties`, and the records without a geometry under a top-level `caravan` member.
 */

const FORMAT_VERSION = 1;

/** Keys of the `caravan` member, named like the CSV files they mirror. */
const TABLE_KEYS = {
  sources: 'sources',
  corridors: 'corridors',
  transfers: 'transfers',
  emissionFactors: 'emission_factors',
  parameters: 'parameters',
  services: 'services',
} as const satisfies Partial<Record<keyof NetworkTables, string>>;

type TableKey = keyof typeof TABLE_KEYS;

export interface NetworkGeoJson {
  type: 'FeatureCollection';
  caravan: { version: number } & Record<string, unknown>;
  features: {
    type: 'Feature';
    id: string;
    geometry:
      { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] };
    properties: Row & { layer: 'node' | 'link' };
  }[];
}

export function networkToGeoJson(network: Network): NetworkGeoJson {
  const nodesById = networkIndex(network).nodeById;
  const tables: Record<string, Row[]> = {};
  for (const [key, name] of Object.entries(TABLE_KEYS) as [TableKey, string][]) {
    const toRow = ROW_WRITERS[key] as (record: unknown) => Row;
    tables[name] = (network[key] as unknown[]).map(toRow);
  }
  const nodeFeatures = network.nodes.map((node) => {
    const { lat: _lat, lon: _lon, ...properties } = ROW_WRITERS.nodes(node);
    return {
      type: 'Feature' as const,
      id: node.id,
      geometry: { type: 'Point' as const, coordinates: [node.lon, node.lat] as [number, number] },
      properties: { layer: 'node' as const, ...properties },
    };
  });
  const linkFeatures = network.links.map((link) => {
    const { geometry: _geometry, ...properties } = ROW_WRITERS.links(link);
    const from = nodesById.get(link.from);
    const to = nodesById.get(link.to);
    const coordinates: [number, number][] = [
      ...(from ? [[from.lon, from.lat] as [number, number]] : []),
      ...link.waypoints.map(([lon, lat]) => [lon, lat] as [number, number]),
      ...(to ? [[to.lon, to.lat] as [number, number]] : []),
    ];
    return {
      type: 'Feature' as const,
      id: link.id,
      geometry: { type: 'LineString' as const, coordinates },
      properties: { layer: 'link' as const, ...properties },
    };
  });
  return {
    type: 'FeatureCollection',
    caravan: { version: FORMAT_VERSION, ...tables },
    features: [...nodeFeatures, ...linkFeatures],
  };
}

const position = z.tuple([z.number(), z.number()]).rest(z.number());
const envelope = z.object({
  type: z.literal('FeatureCollection', { error: 'expected "FeatureCollection"' }),
  caravan: z.object(
    {
      version: z.literal(FORMAT_VERSION, { error: `expected Caravan GeoJSON format version ${FORMAT_VERSION}` }),
      ...Object.fromEntries(
        Object.values(TABLE_KEYS).map((name) => [name, z.array(z.record(z.string(), z.unknown())).default([])]),
      ),
    },
    { error: 'expected a "caravan" member: this file was not written by caravan network export' },
  ),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Point'), coordinates: position }),
        z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
      ]),
      properties: z.object({ layer: z.enum(['node', 'link']) }).catchall(z.unknown()),
    }),
  ),
});

/** Parses a document written by networkToGeoJson back into records (before cross-file checks). */
export function networkFromGeoJson(document: unknown, label: string): { network?: Network; issues: InputIssue[] } {
  const parsedEnvelope = envelope.safeParse(document);
  if (!parsedEnvelope.success) return { issues: zodIssuesAt(parsedEnvelope.error, { file: label }) };
  const { caravan, features } = parsedEnvelope.data;
  const issues: InputIssue[] = [];
  const network: Network = emptyNetwork();
  const specOf = (key: keyof NetworkTables) => NETWORK_FILES.find((spec) => spec.key === key);

  const parseInto = (key: keyof NetworkTables, raw: Record<string, unknown>, pointer: string): void => {
    const spec = specOf(key);
    if (spec === undefined) return;
    const origin = { file: label, pointer };
    const unknownColumns = Object.keys(raw).filter((column) => !spec.columns.includes(column));
    for (const column of unknownColumns) {
      issues.push({
        severity: 'error',
        file: label,
        field: `${pointer}.${column}`,
        message: `unknown property; expected among ${spec.columns.join(', ')}`,
      });
    }
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) (network[key] as unknown[]).push({ ...parsed.data, origin });
    else issues.push(...zodIssuesAt(parsed.error, origin));
  };

  for (const [key, name] of Object.entries(TABLE_KEYS) as [TableKey, string][]) {
    const rows = (caravan as unknown as Record<string, Record<string, unknown>[]>)[name] ?? [];
    rows.forEach((raw, index) => parseInto(key, raw, `caravan.${name}[${index}]`));
  }
  features.forEach((feature, index) => {
    const { layer, ...properties } = feature.properties;
    const pointer = `features[${index}].properties`;
    if (layer === 'node') {
      if (feature.geometry.type !== 'Point') {
        issues.push({
          severity: 'error',
          file: label,
          field: `features[${index}].geometry`,
          message: 'expected a Point for a node',
        });
        return;
      }
      const [lon, lat] = feature.geometry.coordinates;
      parseInto('nodes', { ...properties, lat, lon }, pointer);
    } else {
      if (feature.geometry.type !== 'LineString') {
        issues.push({
          severity: 'error',
          file: label,
          field: `features[${index}].geometry`,
          message: 'expected a LineString for a link',
        });
        return;
      }
      const inner = feature.geometry.coordinates.slice(1, -1).map(([lon, lat]) => [lon, lat]);
      parseInto('links', { ...properties, geometry: inner }, pointer);
    }
  });
  return { network, issues };
}
