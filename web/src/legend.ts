import { element } from './format.js';
import type { Legend } from './app-context.js';
import { MAP_COLORS, MODE_COLORS, MODE_LABELS, type ModeName } from './palette.js';

/** One entry of the legend: a line (solid or dashed, optionally of a given width) or a dot, and what it means. */
export interface LegendItem {
  swatch: 'line' | 'dashed' | 'dot';
  color: string;
  label: string;
  /** Line width in pixels, for legends where width carries meaning (flows). */
  width?: number;
}

/** The swatch of a legend entry, also the key of a chart's lines (colors through the CSSOM: the CSP refuses style attributes). */
export function swatchOf(item: LegendItem): HTMLElement {
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

/** The network's legend: modes by color, status by dash, places by dot. */
export const NETWORK_LEGEND: Legend = {
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
  ],
};

/** Whether the legend is folded away: by default on a small map, where it would cover much of it. */
let collapsed: boolean | undefined;

/**
 * What the colors, widths and dashes on the map mean, for the view in front: a heading that folds and unfolds it
 * (the folding is kept across views), and the items.
 */
export function renderLegend(container: HTMLElement, legend: Legend = NETWORK_LEGEND): void {
  collapsed ??= window.matchMedia('(max-width: 900px)').matches;
  const list = element(
    'ul',
    { className: 'legend-list', attributes: { id: 'legend-items' } },
    legend.items.map((item) => element('li', {}, [swatchOf(item), element('span', { text: item.label })])),
  );
  const toggle = element('button', {
    className: 'legend-toggle',
    attributes: { type: 'button', 'aria-controls': 'legend-items' },
  });
  const apply = () => {
    list.hidden = collapsed === true;
    toggle.setAttribute('aria-expanded', String(collapsed !== true));
    toggle.textContent = `${legend.title} ${collapsed === true ? '▸' : '▾'}`;
  };
  toggle.addEventListener('click', () => {
    collapsed = collapsed !== true;
    apply();
  });
  apply();
  container.replaceChildren(element('h2', { className: 'legend-title' }, [toggle]), list);
}
