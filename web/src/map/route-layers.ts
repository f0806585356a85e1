import type { ExpressionSpecification, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { ROUTE_COLORS } from '../palette.js';
import { dimNetwork } from './network-layers.js';
import { setLayersVisible } from './visibility.js';

const SOURCE = 'routes';
const ROUTE_LINE_LAYERS = ['route-lines', 'route-selected'];
const ROUTE_LAYERS = ['route-lines', 'route-selected-casing', 'route-selected', 'route-stops'];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const colorByRank: ExpressionSpecification = [
  'match',
  ['get', 'route'],
  ...ROUTE_COLORS.flatMap((color, index) => [index + 1, color]),
  ROUTE_COLORS[ROUTE_COLORS.length - 1]!,
] as unknown as ExpressionSpecification;

const isLeg: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];

/** Planned routes over the network: the alternatives thin, the selected one thick with a white casing, its stops. */
export function addRouteLayers(map: MapLibreMap): void {
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
  const lineLayout = { 'line-cap': 'round', 'line-join': 'round' } as const;
  map.addLayer({
    id: 'route-lines',
    type: 'line',
    source: SOURCE,
    filter: isLeg,
    layout: lineLayout,
    paint: { 'line-color': colorByRank, 'line-width': 3, 'line-opacity': 0.7 },
  });
  map.addLayer({
    id: 'route-selected-casing',
    type: 'line',
    source: SOURCE,
    filter: ['all', isLeg, ['==', ['get', 'route'], 1]],
    layout: lineLayout,
    paint: { 'line-color': '#ffffff', 'line-width': 9 },
  });
  map.addLayer({
    id: 'route-selected',
    type: 'line',
    source: SOURCE,
    filter: ['all', isLeg, ['==', ['get', 'route'], 1]],
    layout: lineLayout,
    paint: { 'line-color': colorByRank, 'line-width': 5 },
  });
  map.addLayer({
    id: 'route-stops',
    type: 'circle',
    source: SOURCE,
    filter: ['all', ['==', ['geometry-type'], 'Point'], ['==', ['get', 'route'], 1]],
    paint: {
      'circle-radius': 4.5,
      'circle-color': '#ffffff',
      'circle-stroke-color': colorByRank,
      'circle-stroke-width': 2.5,
    },
  });
}

/** Shows these routes (GeoJSON from /api/route) with `selected` highlighted, and fits the map to them. */
export function showRoutes(map: MapLibreMap, routes: FeatureCollection, selected: number): void {
  const source = map.getSource(SOURCE);
  if (source?.type !== 'geojson') return;
  (source as import('maplibre-gl').GeoJSONSource).setData(routes);
  selectRoute(map, selected);
  dimNetwork(map, routes.features.length > 0);
  const bounds = boundsOf(routes);
  // The legend sits at the bottom left: leave it room.
  if (bounds)
    map.fitBounds(bounds, { padding: { top: 40, right: 60, bottom: 150, left: 60 }, maxZoom: 7, duration: 600 });
  // Tests and assistive checks read how many route features were actually drawn once the map settles.
  map.once('idle', () => {
    map.getContainer().dataset['renderedRouteFeatures'] = String(
      map.queryRenderedFeatures({ layers: ROUTE_LINE_LAYERS }).length,
    );
  });
}

/** The planned routes come and go with the route planner. */
export function setRouteLayersVisible(map: MapLibreMap, visible: boolean): void {
  setLayersVisible(map, ROUTE_LAYERS, visible);
}

export function selectRoute(map: MapLibreMap, rank: number): void {
  const isSelected: ExpressionSpecification = ['==', ['get', 'route'], rank];
  map.setFilter('route-selected-casing', ['all', isLeg, isSelected]);
  map.setFilter('route-selected', ['all', isLeg, isSelected]);
  map.setFilter('route-stops', ['all', ['==', ['geometry-type'], 'Point'], isSelected]);
}

function boundsOf(collection: FeatureCollection): LngLatBoundsLike | undefined {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const item of collection.features) {
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
