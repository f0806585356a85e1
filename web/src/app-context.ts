import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { NetworkSummary } from './api.js';
import type { LegendItem } from './legend.js';

export interface Legend {
  title: string;
  items: LegendItem[];
}

/** What every view works with: the map, the network's summary and names, and the way to bring a view forward. */
export interface AppContext {
  map: MapLibreMap;
  summary: NetworkSummary;
  /** The network as GeoJSON (GET /api/network): the geometry of links that views draw flows on. */
  network: FeatureCollection;
  nodeName(id: string): string;
  /** A link in words: "Sarakhs – Mashhad (rail)". */
  linkName(id: string): string;
  showView(id: string): Promise<void>;
  /** A place picked outside a view (a map popup's "Route from here"): the views that plan routes listen. */
  pickPlace(which: 'from' | 'to', id: string, name: string): void;
  onPlacePicked(handler: (which: 'from' | 'to', id: string, name: string) => void): void;
  /**
   * Records the view's state in the address bar: `push` for a new answer the user asked for (Back returns to the
   * one before), `replace` for a detail of the same one.
   */
  setUrlState(params: URLSearchParams, mode: 'push' | 'replace'): void;
  /** The view's legend changed with what it draws: render it again. */
  refreshLegend(): void;
  /** Room to leave around what a view fits the map to: the legend and the map's controls cover the edges. */
  fitPadding(): { top: number; right: number; bottom: number; left: number };
}

/**
 * One area of the app: a panel beside the map, registered in VIEWS (views/index.ts). A view that draws on the map
 * shows its layers in `show` and takes them away in `hide`; `legend` says what its colors mean (default: the
 * network's modes and statuses). `restore` takes the state an address holds (a shared link, Back, reload) and
 * `urlState` gives the view's current one, for the address when the view comes forward again.
 */
export interface View {
  id: string;
  title: string;
  mount(panel: HTMLElement, context: AppContext): void;
  show?(context: AppContext): void;
  hide?(context: AppContext): void;
  legend?(): Legend;
  restore?(params: URLSearchParams, context: AppContext): void;
  urlState?(): URLSearchParams;
}
