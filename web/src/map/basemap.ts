import type { Map as MapLibreMap } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:50m countries, bundled as an asset of the app: the map needs no tile server and no other origin.
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { MAP_COLORS } from '../palette.js';

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Land and country borders under the network; the sea is the map's background color. */
export async function addBasemap(map: MapLibreMap): Promise<void> {
  const topology = (await (await fetch(countriesUrl)).json()) as Countries;
  const land = feature(topology, topology.objects.countries);
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  map.addSource('countries', { type: 'geojson', data: land });
  map.addSource('country-borders', { type: 'geojson', data: borders });
  map.addLayer({ id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': MAP_COLORS.land } });
  map.addLayer({
    id: 'country-borders',
    type: 'line',
    source: 'country-borders',
    paint: { 'line-color': MAP_COLORS.border, 'line-width': 0.8 },
  });
}
