import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { MAP_COLORS, MODE_COLORS } from '../palette.js';

export const NODE_LAYER = 'network-nodes';
const LINK_LAYERS = ['network-links', 'network-links-planned'] as const;

const modeColor: ExpressionSpecification = [
  'match',
  ['get', 'mode'],
  'rail',
  MODE_COLORS.rail,
  'road',
  MODE_COLORS.road,
  'sea',
  MODE_COLORS.sea,
  'ferry',
  MODE_COLORS.ferry,
  '#888888',
];

const isLink: ExpressionSpecification = ['==', ['get', 'layer'], 'link'];
const isOperational: ExpressionSpecification = ['==', ['get', 'status'], 'operational'];

/**
 * The network by mode (color) and status: operational links solid, planned and under-construction links dashed
 * (two layers, since a dash pattern cannot vary by feature). Places are dots: ports blue, border crossings red.
 */
export function addNetworkLayers(map: MapLibreMap, network: FeatureCollection): void {
  map.addSource('network', { type: 'geojson', data: network });
  const width: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 3, 1.4, 7, 3];
  map.addLayer({
    id: 'network-links',
    type: 'line',
    source: 'network',
    filter: ['all', isLink, isOperational],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': modeColor, 'line-width': width },
  });
  map.addLayer({
    id: 'network-links-planned',
    type: 'line',
    source: 'network',
    filter: ['all', isLink, ['!', isOperational]],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': modeColor, 'line-width': width, 'line-dasharray': [2, 1.5] },
  });
  map.addLayer({
    id: NODE_LAYER,
    type: 'circle',
    source: 'network',
    filter: ['==', ['get', 'layer'], 'node'],
    paint: {
      'circle-radius': [
        'interpolate',
        ['linear'],
        ['zoom'],
        3,
        ['match', ['get', 'kind'], 'port', 3.5, 'city', 3, 2],
        7,
        ['match', ['get', 'kind'], 'port', 6, 'city', 5, 4],
      ],
      'circle-color': [
        'match',
        ['get', 'kind'],
        'port',
        MAP_COLORS.port,
        'border_crossing',
        MAP_COLORS.borderCrossing,
        MAP_COLORS.node,
      ],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  });
}

/** With a route on the map, the network steps back so the route reads first. */
export function dimNetwork(map: MapLibreMap, dimmed: boolean): void {
  for (const layer of LINK_LAYERS) map.setPaintProperty(layer, 'line-opacity', dimmed ? 0.35 : 1);
  map.setPaintProperty(NODE_LAYER, 'circle-opacity', dimmed ? 0.5 : 1);
}
