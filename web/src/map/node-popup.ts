import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { NODE_LAYER } from './network-layers.js';

const KIND_LABELS: Record<string, string> = {
  city: 'City',
  port: 'Port',
  border_crossing: 'Border crossing',
  gauge_change: 'Gauge-change station',
  terminal: 'Terminal',
  junction: 'Junction',
};

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'button button-small';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

/** Clicking a place shows its name, kind and country, and offers to plan a route from or to it. */
export function enableNodePopups(
  map: MapLibreMap,
  pickPlace: (which: 'from' | 'to', id: string, name: string) => void,
): void {
  const popup = new maplibregl.Popup({ closeButton: true, maxWidth: '280px' });
  map.on('mouseenter', NODE_LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', NODE_LAYER, () => (map.getCanvas().style.cursor = ''));
  map.on('click', NODE_LAYER, (event: MapLayerMouseEvent) => {
    const properties = event.features?.[0]?.properties;
    if (!properties) return;
    const id = String(properties['id']);
    const name = String(properties['name']);
    const content = document.createElement('div');
    content.className = 'node-popup';
    const title = document.createElement('h3');
    title.textContent = name;
    const facts = document.createElement('p');
    facts.textContent = `${KIND_LABELS[String(properties['kind'])] ?? String(properties['kind'])} · ${String(properties['country'])} · ${id}`;
    const buttons = document.createElement('div');
    buttons.className = 'node-popup-actions';
    buttons.append(
      button('Route from here', () => {
        pickPlace('from', id, name);
        popup.remove();
      }),
      button('Route to here', () => {
        pickPlace('to', id, name);
        popup.remove();
      }),
    );
    content.append(title, facts, buttons);
    popup.setLngLat(event.lngLat).setDOMContent(content).addTo(map);
  });
}
