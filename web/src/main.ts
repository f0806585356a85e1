import type { FeatureCollection } from 'geojson';
import { fetchNetwork, fetchSummary } from './api.js';
import type { AppContext, View } from './app-context.js';
import { element, shortName } from './format.js';
import { renderLegend } from './legend.js';
import { addBasemap } from './map/basemap.js';
import { addFlowLayers } from './map/flow-layers.js';
import { createMap } from './map/create-map.js';
import { addNetworkLayers } from './map/network-layers.js';
import { enableNodePopups } from './map/node-popup.js';
import { addRouteLayers } from './map/route-layers.js';
import './styles.css';
import { VIEWS } from './views/index.js';

const byId = (id: string) => document.getElementById(id)!;

/**
 * Navigation as tabs: one button per view, arrow keys move between them, the panel beside the map shows it. The
 * view that leaves takes its map layers with it; the one that comes shows its own and its legend.
 */
function mountViews(context: Omit<AppContext, 'showView'>): void {
  const nav = byId('view-nav');
  const panel = byId('panel');
  const tabList = element('div', { className: 'tabs', attributes: { role: 'tablist', 'aria-label': 'Views' } });
  nav.append(tabList);
  const tabs = VIEWS.map((view) =>
    element('button', {
      className: 'tab',
      text: view.title,
      attributes: { type: 'button', role: 'tab', id: `tab-${view.id}`, 'aria-controls': `view-${view.id}` },
    }),
  );
  const panels = VIEWS.map((view) =>
    element('div', {
      className: 'view',
      attributes: { id: `view-${view.id}`, role: 'tabpanel', 'aria-labelledby': `tab-${view.id}` },
    }),
  );
  let current: View | undefined;
  const showView = (id: string) => {
    const next = VIEWS.find((view) => view.id === id) ?? VIEWS[0]!;
    if (next === current) return;
    current?.hide?.(full);
    VIEWS.forEach((view, index) => {
      const shown = view === next;
      tabs[index]!.setAttribute('aria-selected', String(shown));
      tabs[index]!.tabIndex = shown ? 0 : -1;
      panels[index]!.hidden = !shown;
    });
    current = next;
    renderLegend(byId('legend'), next.legend?.());
    next.show?.(full);
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => showView(VIEWS[index]!.id));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      const next = (index + step + VIEWS.length) % VIEWS.length;
      showView(VIEWS[next]!.id);
      tabs[next]!.focus();
    });
  });
  tabList.append(...tabs);
  panel.append(...panels);
  const full: AppContext = { ...context, showView };
  VIEWS.forEach((view, index) => view.mount(panels[index]!, full));
  showView(VIEWS[0]!.id);
}

async function start(): Promise<void> {
  const [map, network, summary] = await Promise.all([createMap(byId('map')), fetchNetwork(), fetchSummary()]);
  await addBasemap(map);
  addNetworkLayers(map, network as FeatureCollection);
  addRouteLayers(map);
  addFlowLayers(map);

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
  const placeHandlers: ((which: 'from' | 'to', id: string, name: string) => void)[] = [];
  const pickPlace = (which: 'from' | 'to', id: string, name: string) =>
    placeHandlers.forEach((handler) => handler(which, id, name));
  mountViews({
    map,
    summary,
    network: network as FeatureCollection,
    nodeName,
    linkName: (id) => linkNames.get(id) ?? id,
    pickPlace,
    onPlacePicked: (handler) => placeHandlers.push(handler),
  });
  enableNodePopups(map, pickPlace);
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
