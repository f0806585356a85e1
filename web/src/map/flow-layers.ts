import type { Feature, FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { dimNetwork } from './network-layers.js';
import { setLayersVisible } from './visibility.js';

const SOURCE = 'flows';
const FLOW_LAYERS = ['flow-lines', 'flow-nodes'];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** How a link is drawn: its width and color, and what it shows in words (for the map's pop-up title). */
export interface LinkStyle {
  width: number;
  color: string;
}

/**
 * Line width for a flow in Mt/yr. Area-like (square root), so that a corridor carrying four times as much looks
 * twice as wide, and a small flow stays visible beside a large one.
 */
export const flowWidth = (mt: number): number => 1.5 + 3.5 * Math.sqrt(Math.max(0, mt));

/** Flows over the network: one line per link with traffic, one dot per capacity-limited node; hidden until shown. */
export function addFlowLayers(map: MapLibreMap): void {
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'flow-lines',
    type: 'line',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: {
      'line-cap': 'round',
      'line-join': 'round',
      'line-sort-key': ['-', 0, ['get', 'width']],
      visibility: 'none',
    },
    paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.9 },
  });
  map.addLayer({
    id: 'flow-nodes',
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    layout: { visibility: 'none' },
    paint: {
      'circle-radius': 5.5,
      'circle-color': ['get', 'color'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
}

/**
 * Draws links and nodes of the network in the styles given by id (the rest are left out), and says how many link
 * features MapLibre drew once the map settles (tests and assistive checks read it).
 */
export function showFlowStyles(
  map: MapLibreMap,
  network: FeatureCollection,
  links: ReadonlyMap<string, LinkStyle>,
  nodes: ReadonlyMap<string, LinkStyle> = new Map(),
): void {
  const features: Feature[] = [];
  for (const feature of network.features) {
    const layer = feature.properties?.['layer'];
    const id = String(feature.properties?.['id']);
    const style = layer === 'link' ? links.get(id) : layer === 'node' ? nodes.get(id) : undefined;
    if (style === undefined) continue;
    features.push({
      type: 'Feature',
      geometry: feature.geometry as Point,
      properties: { id, width: style.width, color: style.color },
    });
  }
  (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
  map.once('idle', () => {
    map.getContainer().dataset['renderedFlowFeatures'] = String(
      map.queryRenderedFeatures({ layers: ['flow-lines'] }).length,
    );
  });
}

export function setFlowLayersVisible(map: MapLibreMap, visible: boolean): void {
  setLayersVisible(map, FLOW_LAYERS, visible);
}

/** The flows and compare views: their lines in front, the network stepped back behind them. */
export function setFlowView(map: MapLibreMap, shown: boolean): void {
  setFlowLayersVisible(map, shown);
  dimNetwork(map, shown);
}
