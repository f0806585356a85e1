import { element } from './format.js';
import { MAP_COLOURS, MODE_COLOURS, MODE_LABELS, ROUTE_COLOURS, type ModeName } from './palette.js';

/** One entry of the legend: a line (solid or dashed, optionally of a given width) or a dot, and what it means. */
export interface LegendItem {
  swatch: 'line' | 'dashed' | 'dot';
  colour: string;
  label: string;
  /** Line width in pixels, for legends where width carries meaning (flows). */
  width?: number;
}

function swatchOf(item: LegendItem): HTMLElement {
  if (item.swatch === 'dot') {
    const dot = element('span', { className: 'legend-dot', attributes: { 'aria-hidden': 'true' } });
    dot.style.backgroundColor = item.colour;
    return dot;
  }
  const line = element('span', {
    className: item.swatch === 'dashed' ? 'legend-line legend-line-dashed' : 'legend-line',
    attributes: { 'aria-hidden': 'true' },
  });
  line.style.setProperty('--swatch-colour', item.colour);
  if (item.width !== undefined) line.style.setProperty('--swatch-width', `${item.width}px`);
  return line;
}

/** The network's legend: modes by colour, status by dash, places by dot, the selected route. */
export const NETWORK_LEGEND: { title: string; items: LegendItem[] } = {
  title: 'Legend',
  items: [
    ...(Object.keys(MODE_COLOURS) as ModeName[]).map((mode): LegendItem => ({
      swatch: 'line',
      colour: MODE_COLOURS[mode],
      label: MODE_LABELS[mode],
    })),
    { swatch: 'line', colour: '#555555', label: 'Operational' },
    { swatch: 'dashed', colour: '#555555', label: 'Planned / under construction' },
    { swatch: 'dot', colour: MAP_COLOURS.port, label: 'Port' },
    { swatch: 'dot', colour: MAP_COLOURS.borderCrossing, label: 'Border crossing' },
    { swatch: 'dot', colour: MAP_COLOURS.node, label: 'City, terminal, junction' },
    { swatch: 'line', colour: ROUTE_COLOURS[0], label: 'Selected route' },
  ],
};

/** What the colours, widths and dashes on the map mean, for the view in front. */
export function renderLegend(container: HTMLElement, legend = NETWORK_LEGEND): void {
  container.replaceChildren(
    element('h2', { className: 'legend-title', text: legend.title }),
    element(
      'ul',
      { className: 'legend-list' },
      legend.items.map((item) => element('li', {}, [swatchOf(item), element('span', { text: item.label })])),
    ),
  );
}
