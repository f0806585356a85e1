import { element } from './format.js';
import { MAP_COLOURS, MODE_COLOURS, MODE_LABELS, ROUTE_COLOURS, type ModeName } from './palette.js';

function lineSwatch(colour: string, dashed = false): HTMLElement {
  const swatch = element('span', {
    className: dashed ? 'legend-line legend-line-dashed' : 'legend-line',
    attributes: { 'aria-hidden': 'true' },
  });
  swatch.style.setProperty('--swatch-colour', colour);
  return swatch;
}

function dotSwatch(colour: string): HTMLElement {
  const swatch = element('span', { className: 'legend-dot', attributes: { 'aria-hidden': 'true' } });
  swatch.style.backgroundColor = colour;
  return swatch;
}

const item = (swatch: HTMLElement, label: string) => element('li', {}, [swatch, element('span', { text: label })]);

/** What the colours and dashes on the map mean. */
export function renderLegend(container: HTMLElement): void {
  const modes = (Object.keys(MODE_COLOURS) as ModeName[]).map((mode) =>
    item(lineSwatch(MODE_COLOURS[mode]), MODE_LABELS[mode]),
  );
  container.replaceChildren(
    element('h2', { className: 'legend-title', text: 'Legend' }),
    element('ul', { className: 'legend-list' }, [
      ...modes,
      item(lineSwatch('#555555'), 'Operational'),
      item(lineSwatch('#555555', true), 'Planned / under construction'),
      item(dotSwatch(MAP_COLOURS.port), 'Port'),
      item(dotSwatch(MAP_COLOURS.borderCrossing), 'Border crossing'),
      item(dotSwatch(MAP_COLOURS.node), 'City, terminal, junction'),
      item(lineSwatch(ROUTE_COLOURS[0]), 'Selected route'),
    ]),
  );
}
