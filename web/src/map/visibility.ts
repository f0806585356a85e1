import type { Map as MapLibreMap } from 'maplibre-gl';

/** Shows or hides map layers: each view shows its own and leaves the others' alone. */
export function setLayersVisible(map: MapLibreMap, layers: readonly string[], visible: boolean): void {
  for (const layer of layers) {
    if (map.getLayer(layer) !== undefined) map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
  }
}
