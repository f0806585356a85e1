import { element } from './format.js';
import { MAP_COLORS, MODE_COLORS, MODE_LABELS, ROUTE_COLORS, type ModeName } from './palette.js';

/** One entry of the legend: a line (solid or dashed, optionally of a given width) or a dot, and what it means. */
export interface LegendItem {
  swatch: 'line' | 'dashed' | 'dot';
  color: string;
  label: string;
  /** Line width in pixels, for legends where width carries meaning (flows). */
  width?: number;
}

function swatchOf(item: LegendItem): HTMLElement {
  if (item.swatch === 'dot') {
    const dot = element('span', { className: 'legend-dot', attributes: { 'aria-hidden': 'true' } });
    dot.style.backgroundColor = item.color;
    return dot;
  }
  const line = element('span', {
    className: item.swatch === 'dashed' ? 'legend-line legend-line-dashed' : 'legend-line',
    attributes: { 'aria-hidden': 'true' },
  });
  line.style.setProperty('--swatch-color', item.color);
  if (item.width !== undefined) line.style.setProperty('--swatch-width', `${item.width}px`);
  return line;
}

/** The network's legend: modes by color, status by dash, places by dot, the selected route. */
export const NETWORK_LEGEND: { title: string; items: LegendItem[] } = {
  title: 'Legend',
  items: [
    ...(Object.keys(MODE_COLORS) as ModeName[]).map((mode): LegendItem => ({
      swatch: 'line',
      color: MODE_COLORS[mode],
      label: MODE_LABELS[mode],
    })),
    { swatch: 'line', color: '#555555', label: 'Operational' },
    { swatch: 'dashed', color: '#555555', label: 'Planned / under construction' },
    { swatch: 'dot', color: MAP_COLORS.port, label: 'Port' },
    { swatch: 'dot', color: MAP_COLORS.borderCrossing, label: 'Border crossing' },
    { swatch: 'dot', color: MAP_COLORS.node, label: 'City, terminal, junction' },
    { swatch: 'line', color: ROUTE_COLORS[0], label: 'Selected route' },
  ],
};

/** What the colors, widths and dashes on the map mean, for the view in front. */
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
