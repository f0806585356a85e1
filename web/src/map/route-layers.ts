import * as maplibregl from 'maplibre-gl';
import type { ExpressionSpecification, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { boundsOf, type Padding } from './fit.js';
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

/** Where a route starts and ends: a pin with a letter, named for assistive technology and in its tooltip. */
export interface Endpoint {
  name: string;
  lngLat: [number, number];
}

let pins: maplibregl.Marker[] = [];

function pin(letter: string, role: string, endpoint: Endpoint): maplibregl.Marker {
  const element = document.createElement('div');
  element.className = `map-pin map-pin-${role}`;
  element.textContent = letter;
  element.title = `${role === 'origin' ? 'From' : 'To'}: ${endpoint.name}`;
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', element.title);
  return new maplibregl.Marker({ element }).setLngLat(endpoint.lngLat);
}

/**
 * Shows these routes (GeoJSON from /api/route) with `selected` highlighted and pins at their ends, and fits the map
 * to them, clear of the legend and the controls.
 */
export function showRoutes(
  map: MapLibreMap,
  routes: FeatureCollection,
  selected: number,
  padding: Padding,
  ends?: { from: Endpoint; to: Endpoint },
): void {
  const source = map.getSource(SOURCE);
  if (source?.type !== 'geojson') return;
  (source as import('maplibre-gl').GeoJSONSource).setData(routes);
  selectRoute(map, selected);
  dimNetwork(map, routes.features.length > 0);
  for (const marker of pins) marker.remove();
  pins = ends === undefined ? [] : [pin('A', 'origin', ends.from), pin('B', 'destination', ends.to)];
  for (const marker of pins) marker.addTo(map);
  const bounds = boundsOf(routes.features);
  if (bounds) map.fitBounds(bounds as LngLatBoundsLike, { padding, maxZoom: 7, duration: 600 });
  // Tests and assistive checks read how many route features were actually drawn once the map settles.
  map.once('idle', () => {
    map.getContainer().dataset['renderedRouteFeatures'] = String(
      map.queryRenderedFeatures({ layers: ROUTE_LINE_LAYERS }).length,
    );
  });
}

/** Clicking a drawn route selects it, as its button in the table does. */
export function onRouteClicked(map: MapLibreMap, select: (rank: number) => void): void {
  map.on('click', 'route-lines', (event) => {
    const rank = Number(event.features?.[0]?.properties?.['route']);
    if (Number.isInteger(rank) && rank > 0) select(rank);
  });
  map.on('mouseenter', 'route-lines', () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', 'route-lines', () => (map.getCanvas().style.cursor = ''));
}

/** The planned routes and their pins come and go with the route planner. */
export function setRouteLayersVisible(map: MapLibreMap, visible: boolean): void {
  setLayersVisible(map, ROUTE_LAYERS, visible);
  for (const marker of pins) marker.getElement().hidden = !visible;
}

export function selectRoute(map: MapLibreMap, rank: number): void {
  const isSelected: ExpressionSpecification = ['==', ['get', 'route'], rank];
  map.setFilter('route-selected-casing', ['all', isLeg, isSelected]);
  map.setFilter('route-selected', ['all', isLeg, isSelected]);
  map.setFilter('route-stops', ['all', ['==', ['geometry-type'], 'Point'], isSelected]);
}
