import type { Feature, FeatureCollection, Point } from 'geojson';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';

export type Padding = { top: number; right: number; bottom: number; left: number };

/**
 * Room around what the map fits: the zoom buttons at the top right, the legend at the bottom left (only as much as
 * it covers of a small map), and never more than a third of the map on either axis, so a phone still shows it all.
 */
export function mapPadding(map: MapLibreMap, legend: HTMLElement): Padding {
  const { width, height } = map.getContainer().getBoundingClientRect();
  const box = legend.getBoundingClientRect();
  const legendCovers = box.width > 0 && box.width > width * 0.4;
  const side = Math.min(40, width / 10);
  return {
    top: Math.min(30, height / 10),
    right: Math.min(50, width / 6),
    bottom: Math.min(Math.max(side, (legendCovers ? box.height : 0) + 12), height / 3),
    left: Math.min(Math.max(side, legendCovers ? 0 : box.width + 16), width / 3),
  };
}

/** West, south, east, north of the points and lines given. */
export function boundsOf(features: readonly Feature[]): [number, number, number, number] | undefined {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const item of features) {
    const geometry = item.geometry;
    const points =
      geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : [];
    for (const [lon, lat] of points) {
      west = Math.min(west, lon!);
      east = Math.max(east, lon!);
      south = Math.min(south, lat!);
      north = Math.max(north, lat!);
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : undefined;
}

/**
 * Where the corridor system lies: Türkiye to Urumqi, Kazakhstan to the Arabian Sea. The network reaches far beyond
 * (Rotterdam, Shanghai, the Cape), and fitting all of it would shrink the corridors to a smudge.
 */
const CORRIDOR_REGION: [number, number, number, number] = [25, 20, 90, 53];

/** The first view: the network's places within the corridor region (all of them, for a network elsewhere). */
export function fitNetwork(map: MapLibreMap, network: FeatureCollection, padding: Padding): void {
  const [west, south, east, north] = CORRIDOR_REGION;
  const places = network.features.filter((feature) => feature.properties?.['layer'] === 'node');
  const inRegion = places.filter((feature) => {
    const [lon, lat] = (feature.geometry as Point).coordinates as [number, number];
    return lon >= west && lon <= east && lat >= south && lat <= north;
  });
  const bounds = boundsOf(inRegion.length > 0 ? inRegion : places);
  if (bounds !== undefined) map.fitBounds(bounds as LngLatBoundsLike, { padding, duration: 0 });
}
