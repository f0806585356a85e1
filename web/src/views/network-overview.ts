import type { View } from '../app-context.js';
import { NETWORK_LEGEND } from '../legend.js';
import { drawEnergy, energyLegendItems, isEnergyWanted } from '../map/energy-layers.js';
import { dimNetwork } from '../map/network-layers.js';
import { energyToggle } from '../map/energy-toggle.js';
import { panelIntro } from '../panel.js';
import { element, formatNumber } from '../format.js';
import { MODE_COLORS, MODE_LABELS, type ModeName } from '../palette.js';

const STATUS_LABELS: Record<string, string> = {
  operational: 'Operational',
  under_construction: 'Under construction',
  planned: 'Planned',
};

function countsTable(caption: string, rows: [HTMLElement | string, number, number][]): HTMLTableElement {
  return element('table', { className: 'data-table' }, [
    element('caption', { text: caption }),
    element('thead', {}, [
      element('tr', {}, [
        element('th', { text: '', attributes: { scope: 'col' } }),
        element('th', { className: 'numeric', text: 'Links', attributes: { scope: 'col' } }),
        element('th', { className: 'numeric', text: 'km', attributes: { scope: 'col' } }),
      ]),
    ]),
    element(
      'tbody',
      {},
      rows.map(([label, links, km]) =>
        element('tr', {}, [
          element('th', { attributes: { scope: 'row' } }, [label]),
          element('td', { className: 'numeric', text: formatNumber(links) }),
          element('td', { className: 'numeric', text: formatNumber(km) }),
        ]),
      ),
    ),
  ]);
}

/** Set by mount: puts the energy switch in line with the choice made in another view. */
let syncToggle: () => void = () => {};

/** What the network holds: links and km by mode and status, and its corridors. */
export const networkOverviewView: View = {
  id: 'network',
  title: 'Network',
  legend: () => ({ ...NETWORK_LEGEND, items: [...NETWORK_LEGEND.items, ...energyLegendItems()] }),
  // With the energy layer on, the freight network steps back so the pipelines and power lines read first.
  show({ map }) {
    syncToggle();
    dimNetwork(map, isEnergyWanted());
    void drawEnergy(map, true);
  },
  hide({ map }) {
    dimNetwork(map, false);
    void drawEnergy(map, false);
  },
  mount(panel, context) {
    const { summary } = context;
    const toggle = energyToggle(context, 'network', (shown) => dimNetwork(context.map, shown));
    syncToggle = toggle.sync;
    const modeRows = (Object.entries(summary.linksByMode) as [ModeName, { links: number; km: number }][]).map(
      ([mode, { links, km }]): [HTMLElement, number, number] => {
        const swatch = element('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } });
        swatch.style.backgroundColor = MODE_COLORS[mode];
        return [element('span', {}, [swatch, MODE_LABELS[mode]]), links, km];
      },
    );
    const statusRows = Object.entries(summary.linksByStatus).map(([status, totals]): [string, number, number] => [
      STATUS_LABELS[status] ?? status,
      totals!.links,
      totals!.km,
    ]);
    const corridors = element(
      'ul',
      { className: 'corridor-list' },
      summary.corridors.map((corridor) =>
        element('li', {}, [
          element('strong', { text: corridor.name }),
          element('span', {
            className: 'muted',
            text: ` · ${formatNumber(corridor.km)} km · ${corridor.countries.join(', ')}`,
          }),
        ]),
      ),
    );
    panel.append(
      ...panelIntro(
        'The network',
        `${formatNumber(summary.nodes)} places and ${formatNumber(summary.links)} links in ${summary.countries.length} countries; ${formatNumber(summary.operationalKm)} of ${formatNumber(summary.totalKm)} km operational. Every figure names its source.`,
      ),
      toggle.control,
      countsTable('By mode', modeRows),
      countsTable('By status', statusRows),
      element('h2', { className: 'section-title', text: 'Corridors' }),
      corridors,
      element('p', { className: 'muted small' }, [
        'Click a place on the map for its details. The whole network is at ',
        element('a', { text: '/api/network', attributes: { href: '/api/network' } }),
        ' (GeoJSON).',
      ]),
    );
  },
};
