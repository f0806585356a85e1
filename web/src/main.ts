import type { FeatureCollection } from 'geojson';
import { fetchNetwork, fetchSummary } from './api.js';
import type { AppContext, View } from './app-context.js';
import { element, shortName } from './format.js';
import { renderLegend } from './legend.js';
import { addBasemap } from './map/basemap.js';
import { addExportControl } from './map/export-png.js';
import { addFlowLayers } from './map/flow-layers.js';
import { createMap } from './map/create-map.js';
import { fitNetwork, mapPadding } from './map/fit.js';
import { addNetworkLayers } from './map/network-layers.js';
import { enableNodePopups } from './map/node-popup.js';
import { addPlaceLabels } from './map/place-labels.js';
import { addRouteLayers } from './map/route-layers.js';
import './styles.css';
import { VIEWS, viewAt, type ViewEntry } from './views/index.js';

const byId = (id: string) => document.getElementById(id)!;

type Base = Omit<AppContext, 'showView' | 'setUrlState' | 'refreshLegend' | 'pickPlace' | 'onPlacePicked'>;

/**
 * Navigation as tabs: one button per view, arrow keys move between them, the panel beside the map shows it. Each
 * view has its own address (views/index.ts): a tab pushes it, Back and Forward bring the view of the address, and
 * a view keeps its state (the route asked, the scenarios chosen) in the query. A view's code is loaded when it is
 * first opened; the one that leaves takes its map layers with it, the one that comes shows its own and its legend.
 */
function mountViews(base: Base): { context: AppContext; ready: Promise<void> } {
  const nav = byId('view-nav');
  const panel = byId('panel');
  const legend = byId('legend');
  const tabList = element('div', { className: 'tabs', attributes: { role: 'tablist', 'aria-label': 'Views' } });
  nav.append(tabList);
  const tabs = VIEWS.map((view) =>
    element('a', {
      className: 'tab',
      text: view.title,
      attributes: { href: view.path, role: 'tab', id: `tab-${view.id}`, 'aria-controls': `view-${view.id}` },
    }),
  );
  const panels = VIEWS.map((view) =>
    element('div', {
      className: 'view',
      attributes: { id: `view-${view.id}`, role: 'tabpanel', 'aria-labelledby': `tab-${view.id}` },
    }),
  );
  const loaded = new Map<string, Promise<View>>();
  let current: { entry: ViewEntry; view: View } | undefined;
  let requested: ViewEntry | undefined;

  const load = (entry: ViewEntry): Promise<View> => {
    let view = loaded.get(entry.id);
    if (view === undefined) {
      view = entry.load().then((module) => {
        module.mount(panels[VIEWS.indexOf(entry)]!, context);
        return module;
      });
      loaded.set(entry.id, view);
    }
    return view;
  };
  const urlOf = (entry: ViewEntry, params: URLSearchParams | undefined) => {
    const query = params?.toString() ?? '';
    return query === '' ? entry.path : `${entry.path}?${query}`;
  };
  const writeUrl = (url: string, mode: 'push' | 'replace') => {
    if (url === `${location.pathname}${location.search}`) return;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  };

  /** Brings a view forward; `params` is the state of an address to restore, `push` a tab's new history entry. */
  const show = async (entry: ViewEntry, options: { params?: URLSearchParams; push?: boolean } = {}) => {
    requested = entry;
    VIEWS.forEach((view, index) => {
      const shown = view === entry;
      tabs[index]!.setAttribute('aria-selected', String(shown));
      tabs[index]!.tabIndex = shown ? 0 : -1;
      panels[index]!.hidden = !shown;
    });
    document.title = `${entry.title} · Caravan`;
    const view = await load(entry);
    if (requested !== entry) return;
    if (options.push === true) writeUrl(urlOf(entry, view.urlState?.()), 'push');
    if (current?.view !== view) {
      current?.view.hide?.(context);
      current = { entry, view };
      renderLegend(legend, view.legend?.());
      if (options.params !== undefined) view.restore?.(options.params, context);
      view.show?.(context);
    } else if (options.params !== undefined) view.restore?.(options.params, context);
  };

  const placeHandlers: ((which: 'from' | 'to', id: string, name: string) => void)[] = [];
  const context: AppContext = {
    ...base,
    showView: (id) => show(VIEWS.find((view) => view.id === id) ?? VIEWS[0]!, { push: current?.entry.id !== id }),
    pickPlace: (which, id, name) => {
      void context.showView('route').then(() => placeHandlers.forEach((handler) => handler(which, id, name)));
    },
    onPlacePicked: (handler) => placeHandlers.push(handler),
    setUrlState: (params, mode) => {
      if (current !== undefined) writeUrl(urlOf(current.entry, params), mode);
    },
    refreshLegend: () => renderLegend(legend, current?.view.legend?.()),
  };

  tabs.forEach((tab, index) => {
    tab.addEventListener('click', (event) => {
      event.preventDefault();
      void context.showView(VIEWS[index]!.id);
    });
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      const next = (index + step + VIEWS.length) % VIEWS.length;
      void context.showView(VIEWS[next]!.id);
      tabs[next]!.focus();
      tabs[next]!.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  });
  tabList.append(...tabs);
  panel.append(...panels);
  window.addEventListener('popstate', () => {
    void show(viewAt(location.pathname), { params: new URLSearchParams(location.search) });
  });
  const ready = show(viewAt(location.pathname), { params: new URLSearchParams(location.search) }).then(() => {
    tabs[VIEWS.indexOf(viewAt(location.pathname))]!.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
  return { context, ready };
}

async function start(): Promise<void> {
  // Marks for bench:web, which reads them to say where the time to the first drawn network goes.
  performance.mark('app-start');
  // The first view's code comes in beside the map's data rather than after it (the import is kept for mountViews).
  void viewAt(location.pathname).load();
  const fetched = Promise.all([fetchNetwork(), fetchSummary()]).then((answers) => {
    performance.mark('network-fetched');
    return answers;
  });
  const mapLoaded = createMap(byId('map')).then((map) => {
    performance.mark('map-loaded');
    return map;
  });
  const [map, [network, summary]] = await Promise.all([mapLoaded, fetched]);
  // For browser tests and for looking around in the console: where a feature is drawn (project), what is drawn.
  (window as unknown as { caravanMap?: unknown }).caravanMap = map;
  const legendBox = byId('legend');
  addNetworkLayers(map, network as FeatureCollection);
  addRouteLayers(map);
  addFlowLayers(map);
  addPlaceLabels(map, network as FeatureCollection, summary.keyPlaces);
  fitNetwork(map, network as FeatureCollection, mapPadding(map, legendBox));
  performance.mark('layers-added');
  // When the network is first on screen (bench:web reads it): the land comes in under it when its file arrives.
  const onRender = () => {
    if (!map.isSourceLoaded('network')) return;
    map.getContainer().dataset['networkDrawn'] = String(Math.round(performance.now()));
    map.off('render', onRender);
  };
  map.on('render', onRender);
  const basemap = addBasemap(map);

  const names = new Map(
    network.features.flatMap((feature) =>
      feature.properties?.['layer'] === 'node'
        ? [[String(feature.properties['id']), String(feature.properties['name'])] as const]
        : [],
    ),
  );
  const nodeName = (id: string) => names.get(id) ?? id;
  const linkNames = new Map(
    network.features.flatMap((feature) => {
      const properties = feature.properties;
      if (properties?.['layer'] !== 'link') return [];
      const [from, to] = [String(properties['from']), String(properties['to'])].map((id) => shortName(nodeName(id)));
      return [[String(properties['id']), `${from} – ${to} (${String(properties['mode'])})`] as const];
    }),
  );
  const { context, ready } = mountViews({
    map,
    summary,
    network: network as FeatureCollection,
    nodeName,
    linkName: (id) => linkNames.get(id) ?? id,
    fitPadding: () => mapPadding(map, legendBox),
  });
  enableNodePopups(map, network as FeatureCollection, context);
  addExportControl(map);
  await Promise.all([basemap, ready]);
  document.body.dataset['ready'] = 'true';
}

start().catch((error: unknown) => {
  byId('panel').replaceChildren(
    element('div', {
      className: 'alert',
      text: `Caravan could not start: ${(error as Error).message}`,
      attributes: { role: 'alert' },
    }),
  );
});
