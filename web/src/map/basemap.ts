import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
// The land and borders of the network's part of the world, cut from Natural Earth by web/scripts/region-outline.mjs:
// an asset of the app, so the map needs no tile server and no other origin.
import outlineUrl from './region-outline.json?url';
import { MAP_COLORS } from '../palette.js';

/** Land and country borders under the network; the sea is the map's background color. */
export async function addBasemap(map: MapLibreMap): Promise<void> {
  const outline = (await (await fetch(outlineUrl)).json()) as FeatureCollection;
  map.addSource('outline', { type: 'geojson', data: outline });
  map.addLayer(
    {
      id: 'land',
      type: 'fill',
      source: 'outline',
      filter: ['==', ['get', 'layer'], 'land'],
      paint: { 'fill-color': MAP_COLORS.land },
    },
    firstLayerAbove(map),
  );
  map.addLayer(
    {
      id: 'country-borders',
      type: 'line',
      source: 'outline',
      filter: ['==', ['get', 'layer'], 'border'],
      paint: { 'line-color': MAP_COLORS.border, 'line-width': 0.8 },
    },
    firstLayerAbove(map),
  );
}

/** The outline may arrive after the network is drawn: it goes under everything but the sea. */
function firstLayerAbove(map: MapLibreMap): string | undefined {
  return map.getStyle().layers.find((layer) => layer.id !== 'sea' && layer.id !== 'land')?.id;
}
