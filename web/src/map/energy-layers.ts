import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { fetchEnergyGeoJson } from '../api.js';
import type { LegendItem } from '../legend.js';
import { ENERGY_COLORS, ENERGY_LABELS, type EnergyCommodityName } from '../palette.js';
import { setLayersVisible } from './visibility.js';

const SOURCE = 'energy';
export const ENERGY_LINK_LAYERS = ['energy-pipelines', 'energy-power'] as const;
export const ENERGY_POINT_LAYER = 'energy-points';
const LAYERS = [...ENERGY_LINK_LAYERS, ENERGY_POINT_LAYER];
const POINT_COLOR = '#5c5c5c';
/** Links not in service are drawn faded (the dash already tells a power line from a pipeline). */
const NOT_IN_SERVICE_OPACITY = 0.45;

/** Line width by utilization (net swap flow + reserved over capacity); a link with no figure is drawn thin. */
export const energyWidth = (utilization: number | null): number =>
  utilization === null ? 1.5 : 2 + 5 * Math.min(Math.max(utilization, 0), 1.2);

const width: ExpressionSpecification = [
  'case',
  ['==', ['typeof', ['get', 'utilization']], 'number'],
  ['+', 2, ['*', 5, ['min', ['max', ['get', 'utilization'], 0], 1.2]]],
  1.5,
];
const commodityColor: ExpressionSpecification = [
  'match',
  ['get', 'commodity'],
  'gas',
  ENERGY_COLORS.gas,
  'oil',
  ENERGY_COLORS.oil,
  ENERGY_COLORS.power,
];
const opacity: ExpressionSpecification = ['case', ['==', ['get', 'status'], 'operational'], 1, NOT_IN_SERVICE_OPACITY];
const isLink: ExpressionSpecification = ['==', ['get', 'layer'], 'energy-link'];

/** The energy layers as the API served them, fetched when first shown; and whether the user wants them drawn. */
let loaded: Promise<FeatureCollection> | undefined;
let drawn: FeatureCollection | undefined;
let wanted = false;

export const isEnergyWanted = (): boolean => wanted;

function addLayers(map: MapLibreMap, collection: FeatureCollection): void {
  map.addSource(SOURCE, { type: 'geojson', data: collection });
  map.addLayer({
    id: 'energy-pipelines',
    type: 'line',
    source: SOURCE,
    filter: ['all', isLink, ['!=', ['get', 'commodity'], 'power']],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': commodityColor, 'line-width': width, 'line-opacity': opacity },
  });
  map.addLayer({
    id: 'energy-power',
    type: 'line',
    source: SOURCE,
    filter: ['all', isLink, ['==', ['get', 'commodity'], 'power']],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': commodityColor,
      'line-width': width,
      'line-opacity': opacity,
      'line-dasharray': [1, 0.8],
    },
  });
  map.addLayer({
    id: ENERGY_POINT_LAYER,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'layer'], 'energy-point'],
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 2.5, 7, 4.5],
      'circle-color': '#ffffff',
      'circle-stroke-color': POINT_COLOR,
      'circle-stroke-width': 1.5,
    },
  });
}

/**
 * Draws or hides the energy layers as the views that offer them come and go, without changing what the user
 * asked for. Once drawn, the map's container says how many energy links MapLibre rendered (tests read it).
 */
export async function drawEnergy(map: MapLibreMap, visible: boolean): Promise<void> {
  const container = map.getContainer();
  if (!visible || !wanted) {
    setLayersVisible(map, LAYERS, false);
    delete container.dataset['renderedEnergyFeatures'];
    return;
  }
  loaded ??= fetchEnergyGeoJson().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  const collection = await loaded;
  if (!wanted) return;
  if (map.getSource(SOURCE) === undefined) addLayers(map, collection);
  drawn = collection;
  setLayersVisible(map, LAYERS, true);
  map.once('idle', () => {
    if (wanted)
      container.dataset['renderedEnergyFeatures'] = String(
        map.queryRenderedFeatures({ layers: [...ENERGY_LINK_LAYERS] }).length,
      );
  });
  map.triggerRepaint();
}

/** The user's toggle: off by default, so the freight views look as they do without energy. */
export function setEnergyWanted(map: MapLibreMap, shown: boolean): Promise<void> {
  wanted = shown;
  return drawEnergy(map, shown);
}

/** Legend entries for what the energy layers drew: the commodities present, the faded links, the width scale. */
export function energyLegendItems(): LegendItem[] {
  if (!wanted || drawn === undefined) return [];
  const links = drawn.features.filter((feature) => feature.properties?.['layer'] === 'energy-link');
  const commodities = new Set(links.map((feature) => String(feature.properties?.['commodity'])));
  const items: LegendItem[] = (Object.keys(ENERGY_COLORS) as EnergyCommodityName[])
    .filter((commodity) => commodities.has(commodity))
    .map((commodity) => ({
      swatch: commodity === 'power' ? 'dashed' : 'line',
      color: ENERGY_COLORS[commodity],
      label: ENERGY_LABELS[commodity],
    }));
  if (links.some((feature) => feature.properties?.['status'] !== 'operational'))
    items.push({ swatch: 'line', color: `${ENERGY_COLORS.gas}73`, label: 'Energy, not in service' });
  if (links.some((feature) => typeof feature.properties?.['utilization'] === 'number'))
    items.push(
      { swatch: 'line', color: POINT_COLOR, label: 'Energy 50% used', width: energyWidth(0.5) },
      { swatch: 'line', color: POINT_COLOR, label: 'Energy 100% used', width: energyWidth(1) },
    );
  if (drawn.features.some((feature) => feature.properties?.['layer'] === 'energy-point'))
    items.push({ swatch: 'dot', color: POINT_COLOR, label: 'Energy point' });
  return items;
}
