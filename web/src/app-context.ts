import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { NetworkSummary } from './api.js';
import type { LegendItem } from './legend.js';

/** What every view works with: the map, the network's summary and names, and the way to bring a view forward. */
export interface AppContext {
  map: MapLibreMap;
  summary: NetworkSummary;
  /** The network as GeoJSON (GET /api/network): the geometry of links that views draw flows on. */
  network: FeatureCollection;
  nodeName(id: string): string;
  /** A link in words: "Sarakhs – Mashhad (rail)". */
  linkName(id: string): string;
  showView(id: string): void;
  /** A place picked outside a view (a map popup's "Route from here"): the views that plan routes listen. */
  pickPlace(which: 'from' | 'to', id: string, name: string): void;
  onPlacePicked(handler: (which: 'from' | 'to', id: string, name: string) => void): void;
}

/**
 * One area of the app: a panel beside the map, registered in VIEWS (views/index.ts). A view that draws on the map
 * shows its layers in `show` and takes them away in `hide`; `legend` says what its colors mean (default: the
 * network's modes and statuses).
 */
export interface View {
  id: string;
  title: string;
  mount(panel: HTMLElement, context: AppContext): void;
  show?(context: AppContext): void;
  hide?(context: AppContext): void;
  legend?(): { title: string; items: LegendItem[] };
}
