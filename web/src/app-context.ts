import type { Map as MapLibreMap } from 'maplibre-gl';
import type { NetworkSummary } from './api.js';

/** What every view works with: the map, the network's summary and names, and the way to bring a view forward. */
export interface AppContext {
  map: MapLibreMap;
  summary: NetworkSummary;
  nodeName(id: string): string;
  showView(id: string): void;
  /** A place picked outside a view (a map popup's "Route from here"): the views that plan routes listen. */
  pickPlace(which: 'from' | 'to', id: string, name: string): void;
  onPlacePicked(handler: (which: 'from' | 'to', id: string, name: string) => void): void;
}

/**
 * One area of the app: a panel beside the map. Views for corridor flows, scenario comparison and monitoring join
 * by adding a module to VIEWS (views/index.ts), each with the map layers of its own.
 */
export interface View {
  id: string;
  title: string;
  mount(panel: HTMLElement, context: AppContext): void;
}
