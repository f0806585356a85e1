import type { EnergyReport } from './analysis.js';
import { COMMODITY_UNITS, type EnergyNetwork, type Provenance } from './types.js';

type Position = [number, number];

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: Position } | { type: 'LineString'; coordinates: Position[] };
  properties: Record<string, unknown>;
}

/** Source ids joined by `;` as the freight network's GeoJSON has them, so one popup reads both. */
const provenance = (row: Provenance) => ({
  sources: row.sources.join(';'),
  confidence: row.confidence,
  estimated_fields: row.estimatedFields.join(';'),
});

/**
 * The energy layers as GeoJSON for a map: each point, and each link as a straight line between its ends, with its
 * layer, capacity and (operational links) utilization at the published swap volumes from `report`.
 */
export function energyToGeoJson(
  energy: EnergyNetwork,
  report: EnergyReport,
): { type: 'FeatureCollection'; features: Feature[] } {
  const points = new Map(energy.points.map((point) => [point.id, point]));
  const used = new Map(report.links.map((link) => [link.id, link]));
  const features: Feature[] = energy.points.map((point) => ({
    type: 'Feature',
    id: `point:${point.id}`,
    geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
    properties: {
      layer: 'energy-point',
      id: point.id,
      name: point.name,
      country: point.country,
      kind: point.kind,
      ...provenance(point),
    },
  }));
  for (const link of energy.links) {
    const from = points.get(link.from)!;
    const to = points.get(link.to)!;
    const use = used.get(link.id);
    features.push({
      type: 'Feature',
      id: `link:${link.id}`,
      geometry: {
        type: 'LineString',
        coordinates: [
          [from.lon, from.lat],
          [to.lon, to.lat],
        ],
      },
      properties: {
        layer: 'energy-link',
        id: link.id,
        name: link.name,
        commodity: link.commodity,
        unit: COMMODITY_UNITS[link.commodity],
        capacity: link.capacity ?? null,
        status: link.status,
        opening_year: link.openingYear ?? null,
        flow: use?.flow ?? 0,
        utilization: use?.utilization ?? null,
        swaps: use?.swaps ?? [],
        ...provenance(link),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
