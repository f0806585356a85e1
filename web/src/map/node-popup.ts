import type { FeatureCollection } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { MapGeoJSONFeature, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import type { AppContext } from '../app-context.js';
import { element, formatNumber } from '../format.js';
import { ENERGY_LINK_LAYERS, ENERGY_POINT_LAYER } from './energy-layers.js';
import { energyPopupContent, energyTooltip } from './energy-popup.js';
import { FLOW_LINE_LAYER, flowLinesSelectable } from './flow-layers.js';
import { NODE_LAYER } from './network-layers.js';

const KIND_LABELS: Record<string, string> = {
  city: 'City',
  port: 'Port',
  border_crossing: 'Border crossing',
  gauge_change: 'Gauge-change station',
  terminal: 'Terminal',
  junction: 'Junction',
};
const LINK_LAYERS = ['network-links', 'network-links-planned'];
const ENERGY_LAYERS: string[] = [ENERGY_POINT_LAYER, ...ENERGY_LINK_LAYERS];

/** The figures a popup shows, by column of nodes.csv / links.csv, with their units. */
const NODE_FACTS: [string, string, string][] = [
  ['dwell_median_h', 'Border dwell, median', 'h'],
  ['dwell_p90_h', 'Border dwell, P90', 'h'],
  ['crossing_usd_per_t', 'Crossing cost', 'USD/t'],
  ['crossing_usd_per_teu', 'Crossing cost', 'USD/TEU'],
  ['handling_hours', 'Handling time', 'h'],
  ['handling_usd_per_t', 'Handling cost', 'USD/t'],
  ['capacity_mt_per_yr', 'Capacity', 'Mt/yr'],
];
const LINK_FACTS: [string, string, string][] = [
  ['km', 'Length', 'km'],
  ['speed_kmh', 'Speed', 'km/h'],
  ['tariff_usd_per_tkm', 'Tariff', 'USD/t-km'],
  ['tariff_usd_per_teu_km', 'Tariff', 'USD/TEU-km'],
  ['capacity_mt_per_yr', 'Capacity', 'Mt/yr'],
  ['service_interval_h', 'Service every', 'h'],
  ['opening_year', 'Opening', ''],
];

type Properties = Record<string, unknown>;

function button(label: string, onClick: () => void): HTMLButtonElement {
  const created = element('button', { className: 'button button-small', text: label, attributes: { type: 'button' } });
  created.addEventListener('click', onClick);
  return created;
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Each figure with its unit, "(estimate)" on the columns the data marks as estimated. */
function factsList(properties: Properties, facts: [string, string, string][]): HTMLElement {
  const estimated = new Set(String(properties['estimated_fields'] ?? '').split(';'));
  const rows = facts
    .filter(([key]) => present(properties[key]))
    .map(([key, label, unit]) => {
      const raw = properties[key];
      const value = typeof raw === 'number' || /^-?[\d.]+$/.test(String(raw)) ? formatNumber(Number(raw), 1) : raw;
      return element('li', {}, [
        element('span', { className: 'popup-fact-label', text: label }),
        ` ${String(value)}${unit === '' ? '' : ` ${unit}`}${estimated.has(key) ? ' (estimate)' : ''}`,
      ]);
    });
  return element('ul', { className: 'popup-facts' }, rows);
}

/** The titles of the network's sources (sources.csv) by id, from the `caravan` member of its GeoJSON. */
export function sourceTitles(network: FeatureCollection): Map<string, string> {
  const tables = (network as FeatureCollection & { caravan?: { sources?: Properties[] } }).caravan;
  return new Map((tables?.sources ?? []).map((row) => [String(row['id']), String(row['title'])]));
}

/** Where the figures come from: the titles of the sources (sources.csv) and the confidence of the row. */
export function sourcesLine(properties: Properties, sources: ReadonlyMap<string, string>): HTMLElement {
  const raw = properties['sources'];
  const ids = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(';')).filter((id) => id !== '');
  const titles = ids.map((id) => sources.get(id) ?? id);
  return element('p', {
    className: 'popup-source',
    text: `Source: ${titles.length === 0 ? 'none given' : titles.join('; ')} · confidence: ${String(properties['confidence'] ?? 'not given')}`,
  });
}

/**
 * Hovering a place or a link names it in a tooltip; clicking opens its figures (dwell, costs, capacity) with their
 * sources and confidence, from the network the API serves, and for a place, buttons to plan a route from or to it.
 */
export function enableNodePopups(map: MapLibreMap, network: FeatureCollection, context: AppContext): void {
  const sources = sourceTitles(network);
  const popup = new maplibregl.Popup({ closeButton: true, maxWidth: '300px', className: 'place-popup' });
  const tooltip = new maplibregl.Popup({
    closeButton: false,
    closeOnClick: false,
    className: 'map-tooltip',
    offset: 10,
  });

  const hover = (event: MapLayerMouseEvent, text: (properties: Properties) => string) => {
    const properties = event.features?.[0]?.properties;
    if (properties === undefined) return;
    map.getCanvas().style.cursor = 'pointer';
    tooltip.setLngLat(event.lngLat).setText(text(properties)).addTo(map);
  };
  const leave = () => {
    map.getCanvas().style.cursor = '';
    tooltip.remove();
  };
  map.on('mousemove', NODE_LAYER, (event) =>
    hover(event, (properties) => `${String(properties['name'])} · ${KIND_LABELS[String(properties['kind'])] ?? ''}`),
  );
  map.on('mouseleave', NODE_LAYER, leave);
  for (const layer of LINK_LAYERS) {
    map.on('mousemove', layer, (event) => {
      if (map.queryRenderedFeatures(event.point, { layers: [NODE_LAYER] }).length > 0) return;
      hover(
        event,
        (properties) => `${context.linkName(String(properties['id']))} · ${formatNumber(Number(properties['km']))} km`,
      );
    });
    map.on('mouseleave', layer, leave);
  }
  for (const layer of ENERGY_LAYERS) {
    map.on('mousemove', layer, (event) => hover(event, energyTooltip));
    map.on('mouseleave', layer, leave);
  }

  map.on('click', (event) => {
    // A drawn route or, in the flows view, a flow line over the link is selected by the click instead
    // (route-layers.ts, flow-layers.ts); places keep their popup.
    const selectable = ['route-lines', ...(flowLinesSelectable() ? [FLOW_LINE_LAYER] : [])];
    const [feature]: MapGeoJSONFeature[] = map.queryRenderedFeatures(event.point, {
      layers: [...ENERGY_LAYERS, NODE_LAYER, ...selectable, ...LINK_LAYERS].filter(
        (layer) => map.getLayer(layer) !== undefined,
      ),
    });
    if (feature !== undefined) tooltip.remove();
    if (feature === undefined || selectable.includes(feature.layer.id)) return;
    const properties = feature.properties as Properties;
    if (ENERGY_LAYERS.includes(feature.layer.id)) {
      popup
        .setLngLat(event.lngLat)
        .setDOMContent(energyPopupContent(properties, sourcesLine(properties, sources)))
        .addTo(map);
      return;
    }
    const id = String(properties['id']);
    const content = element('div', { className: 'node-popup' });
    if (feature.layer.id === NODE_LAYER) {
      const name = String(properties['name']);
      content.append(
        element('h3', { text: name }),
        element('p', {
          text: `${KIND_LABELS[String(properties['kind'])] ?? String(properties['kind'])} · ${String(properties['country'])} · ${id}`,
        }),
        factsList(properties, NODE_FACTS),
        sourcesLine(properties, sources),
        element('div', { className: 'node-popup-actions' }, [
          button('Route from here', () => {
            context.pickPlace('from', id, name);
            popup.remove();
          }),
          button('Route to here', () => {
            context.pickPlace('to', id, name);
            popup.remove();
          }),
        ]),
      );
    } else {
      const corridors = String(properties['corridors'] ?? '')
        .split(';')
        .filter((corridor) => corridor !== '')
        .map((corridor) => context.summary.corridors.find((item) => item.id === corridor)?.name ?? corridor);
      content.append(
        element('h3', { text: context.linkName(id) }),
        element('p', {
          text: `${String(properties['status']).replace('_', ' ')} · ${corridors.length === 0 ? 'no corridor' : corridors.join(', ')}`,
        }),
        factsList(properties, LINK_FACTS),
        sourcesLine(properties, sources),
      );
    }
    popup.setLngLat(event.lngLat).setDOMContent(content).addTo(map);
  });
}
