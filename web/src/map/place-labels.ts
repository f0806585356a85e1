import type { FeatureCollection, Point } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { shortName } from '../format.js';

interface Label {
  element: HTMLElement;
  lngLat: [number, number];
  /** Shown from this zoom on: the main places always, the smaller ones as the map comes closer. */
  minZoom: number;
  width: number;
  height: number;
}

const KIND_WEIGHT: Record<string, number> = { port: 3, city: 3, border_crossing: 1, gauge_change: 1 };

/** "Aktau international sea trade port" → "Aktau", "Karachi port" → "Karachi": the dot already says port. */
const labelText = (name: string) =>
  shortName(name)
    .replace(/\s+(international\s+)?(sea\s*)?(trade\s+)?port$/i, '')
    .trim();

/**
 * Place names drawn as HTML over the map rather than as map text, which would need glyph files from a server: the
 * app stays offline. Importance: first the region's key places (the ends of its freight, region.yaml), then the
 * kind of place (cities and ports before crossings) and how many links meet there. The more important name wins
 * where two would overlap, and the smaller places appear as one zooms in.
 */
export function addPlaceLabels(map: MapLibreMap, network: FeatureCollection, keyPlaces: readonly string[]): void {
  const key = new Set(keyPlaces);
  const degree = new Map<string, number>();
  for (const feature of network.features) {
    if (feature.properties?.['layer'] !== 'link') continue;
    for (const end of ['from', 'to']) {
      const id = String(feature.properties[end]);
      degree.set(id, (degree.get(id) ?? 0) + 1);
    }
  }
  const layer = document.createElement('div');
  layer.className = 'map-labels';
  layer.setAttribute('aria-hidden', 'true');
  map.getCanvasContainer().append(layer);
  const places = network.features
    .filter((feature) => feature.properties?.['layer'] === 'node')
    .map((feature) => {
      const id = String(feature.properties!['id']);
      const weight = KIND_WEIGHT[String(feature.properties!['kind'])] ?? 0;
      return { feature, id, score: (key.has(id) ? 100 : 0) + weight * 10 + (degree.get(id) ?? 0) };
    })
    .filter((place) => place.score >= 12)
    .sort((a, b) => b.score - a.score);
  const labels: Label[] = places.map(({ feature, id, score }) => {
    const element = document.createElement('div');
    const major = score >= 33;
    element.className = major ? 'map-label map-label-major' : 'map-label';
    element.textContent = labelText(String(feature.properties!['name']));
    element.dataset['node'] = id;
    return {
      element,
      lngLat: (feature.geometry as Point).coordinates as [number, number],
      minZoom: major ? 0 : score >= 30 ? 4.2 : 5.2,
      width: 0,
      height: 0,
    };
  });
  // All in first, then measured: reading a size after each append would lay the page out once per label.
  layer.append(...labels.map((label) => label.element));
  for (const label of labels) [label.width, label.height] = [label.element.offsetWidth, label.element.offsetHeight];

  let frame = 0;
  const place = () => {
    frame = 0;
    const zoom = map.getZoom();
    const { clientWidth: width, clientHeight: height } = map.getContainer();
    const taken: [number, number, number, number][] = [];
    for (const label of labels) {
      if (label.width === 0) [label.width, label.height] = [label.element.offsetWidth, label.element.offsetHeight];
      const point = map.project(label.lngLat);
      const inView = zoom >= label.minZoom && point.x >= 0 && point.x <= width && point.y >= 0 && point.y <= height;
      // Right of the dot, else left, above or below it: the first place that is free and inside the map.
      const spots: [number, number][] = [
        [point.x + 6, point.y - label.height / 2],
        [point.x - 6 - label.width, point.y - label.height / 2],
        [point.x - label.width / 2, point.y - 5 - label.height],
        [point.x - label.width / 2, point.y + 5],
      ];
      const spot = inView
        ? spots.find(
            ([left, top]) =>
              left >= 0 &&
              left + label.width <= width &&
              top >= 0 &&
              top + label.height <= height &&
              !taken.some(
                ([x0, y0, x1, y1]) =>
                  left - 2 < x1 && left + label.width + 2 > x0 && top < y1 && top + label.height > y0,
              ),
          )
        : undefined;
      label.element.hidden = spot === undefined;
      if (spot === undefined) continue;
      const [left, top] = spot;
      taken.push([left - 2, top, left + label.width + 2, top + label.height]);
      label.element.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
    }
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(place);
  };
  map.on('move', schedule);
  map.on('resize', schedule);
  place();
}
