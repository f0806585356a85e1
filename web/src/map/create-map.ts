import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre's worker, served from this origin like every other asset (the default looks beside the library's file,
// which bundling moves).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MAP_COLORS } from '../palette.js';

/** The corridor region: Caucasus to Xinjiang, Kazakhstan to the Arabian Sea. */
const REGION: [number, number, number, number] = [40, 18, 82, 50];

/**
 * A map with no remote resources at all: no tiles, no sprites, no glyphs; place names are HTML over it
 * (place-labels.ts). The drawing buffer is kept, so that printing and the PNG export get the picture on screen.
 */
export function createMap(container: HTMLElement): Promise<MapLibreMap> {
  maplibregl.setWorkerUrl(workerUrl);
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'sea', type: 'background', paint: { 'background-color': MAP_COLORS.sea } }],
    },
    bounds: REGION,
    fitBoundsOptions: { padding: 20 },
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.addControl(
    new maplibregl.AttributionControl({ compact: false, customAttribution: 'Country outlines: Natural Earth' }),
    'bottom-right',
  );
  return new Promise((resolve) => map.on('load', () => resolve(map)));
}
