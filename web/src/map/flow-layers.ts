import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, LngLat, Map as MapLibreMap } from 'maplibre-gl';
import { dimNetwork } from './network-layers.js';
import { setLayersVisible } from './visibility.js';

const SOURCE = 'flows';
/** The flow lines a click can select (the flows view), and the layers that draw the selected corridor over them. */
export const FLOW_LINE_LAYER = 'flow-lines';
const SELECTED_LAYERS = ['flow-selected-casing', 'flow-selected'];
const FLOW_LAYERS = [FLOW_LINE_LAYER, 'flow-nodes', ...SELECTED_LAYERS];
/** The casing around the selected corridor's lines, also its legend swatch. */
export const SELECTED_CASING_COLOR = '#14213d';
const isLine: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
const NOTHING: ExpressionSpecification = ['==', ['get', 'id'], ''];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** How a link is drawn: its width and color, and what it shows in words (for the map's pop-up title). */
export interface LinkStyle {
  width: number;
  color: string;
}

/** The narrowest and widest a flow line is drawn, in pixels: narrower on a phone, where wide lines bury the map. */
export interface WidthScale {
  minPx: number;
  maxPx: number;
}
export const DESKTOP_WIDTHS: WidthScale = { minPx: 1.5, maxPx: 16 };
export const PHONE_WIDTHS: WidthScale = { minPx: 1, maxPx: 9 };
/** Mt/yr drawn at the widest: about the busiest section of the bundled scenarios (China – Kazakhstan, 2030). */
export const WIDEST_MT = 40;

/** The scale for the map as it is now: a map under 600 px wide is a phone's (or a narrow window's). */
export const widthScaleOf = (map: MapLibreMap): WidthScale =>
  map.getContainer().clientWidth < 600 ? PHONE_WIDTHS : DESKTOP_WIDTHS;

/**
 * Line width for a flow in Mt/yr. Area-like (square root), so that a corridor carrying four times as much looks
 * twice as wide and a small flow stays visible beside a large one; flows above WIDEST_MT are drawn at the widest.
 */
export const flowWidth = (mt: number, scale: WidthScale = DESKTOP_WIDTHS): number =>
  scale.minPx + (scale.maxPx - scale.minPx) * Math.sqrt(Math.min(1, Math.max(0, mt) / WIDEST_MT));

/** Flows over the network: one line per link with traffic, one dot per capacity-limited node; hidden until shown. */
export function addFlowLayers(map: MapLibreMap): void {
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
  // Under the lines, so that the selected corridor stands out by its outline whatever crosses it.
  map.addLayer({
    id: 'flow-selected-casing',
    type: 'line',
    source: SOURCE,
    filter: NOTHING,
    layout: { 'line-cap': 'round', 'line-join': 'round', visibility: 'none' },
    paint: { 'line-color': SELECTED_CASING_COLOR, 'line-width': ['+', ['get', 'width'], 5] },
  });
  map.addLayer({
    id: FLOW_LINE_LAYER,
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
    id: 'flow-selected',
    type: 'line',
    source: SOURCE,
    filter: NOTHING,
    layout: { 'line-cap': 'round', 'line-join': 'round', visibility: 'none' },
    paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'] },
  });
  map.on('click', FLOW_LINE_LAYER, (event) => {
    const link = event.features?.[0]?.properties?.['id'];
    if (onFlowClick !== undefined && typeof link === 'string') onFlowClick(link, event.lngLat);
  });
  map.on('mouseenter', FLOW_LINE_LAYER, () => {
    if (onFlowClick !== undefined) map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', FLOW_LINE_LAYER, () => (map.getCanvas().style.cursor = ''));
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
      // ";kti;instc-east;": a corridor is matched by a substring test, since MapLibre keeps no arrays in properties.
      properties: { id, width: style.width, color: style.color, corridors: `;${corridorsOf(feature).join(';')};` },
    });
  }
  (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
  map.once('idle', () => {
    map.getContainer().dataset['renderedFlowFeatures'] = String(
      map.queryRenderedFeatures({ layers: ['flow-lines'] }).length,
    );
  });
}

/** A link's corridor ids, as the network's GeoJSON gives them (a list; a ';'-separated text in older answers). */
export function corridorsOf(feature: Feature): string[] {
  const value: unknown = feature.properties?.['corridors'];
  const ids = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(';') : [];
  return ids.filter((id) => id !== '');
}

/** What a click on a flow line does: set while the flows view is in front, unset in the views that only show flows. */
let onFlowClick: ((link: string, at: LngLat) => void) | undefined;

export function setFlowClickHandler(handler: ((link: string, at: LngLat) => void) | undefined): void {
  onFlowClick = handler;
}

/** Whether a click on a flow line is taken by the view (the network's popup then leaves it alone). */
export const flowLinesSelectable = (): boolean => onFlowClick !== undefined;

/**
 * Outlines the lines of these corridors (none: no outline) and steps the others back, then says how many selected
 * features MapLibre drew once the map settles.
 */
export function highlightCorridors(map: MapLibreMap, corridors: readonly string[]): void {
  const filter: ExpressionSpecification =
    corridors.length === 0
      ? NOTHING
      : [
          'all',
          isLine,
          ['any', ...corridors.map((id): ExpressionSpecification => ['in', `;${id};`, ['get', 'corridors']])],
        ];
  for (const layer of SELECTED_LAYERS) map.setFilter(layer, filter);
  map.setPaintProperty(FLOW_LINE_LAYER, 'line-opacity', corridors.length === 0 ? 0.9 : 0.45);
  map.once('idle', () => {
    map.getContainer().dataset['renderedFlowSelected'] = String(
      map.queryRenderedFeatures({ layers: ['flow-selected'] }).length,
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
