import { element, formatNumber, formatPercent } from '../format.js';

type Properties = Record<string, unknown>;

const STATUS = (status: unknown) => String(status).replace('_', ' ');

/** MapLibre hands a queried feature's array properties back as JSON text. */
function swapsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

const number = (value: unknown) => (typeof value === 'number' ? value : null);

/** The hover text of an energy link or point. */
export function energyTooltip(properties: Properties): string {
  if (properties['layer'] === 'energy-point')
    return `${String(properties['name'])} · energy ${String(properties['kind'])}`;
  const utilization = number(properties['utilization']);
  return `${String(properties['name'])} · ${utilization === null ? 'no utilization figure' : `${formatPercent(utilization)} used`}`;
}

/**
 * An energy link's figures: capacity in its unit, status and opening, utilization and net swap flow at the published
 * swap volumes, and the swaps that use it; a point's kind and country. `sourcesLine` names the sources.
 */
export function energyPopupContent(properties: Properties, sourcesLine: HTMLElement): HTMLElement {
  const content = element('div', { className: 'node-popup energy-popup' });
  if (properties['layer'] === 'energy-point') {
    content.append(
      element('h3', { text: String(properties['name']) }),
      element('p', {
        text: `Energy ${String(properties['kind'])} · ${String(properties['country'])} · ${String(properties['id'])}`,
      }),
      sourcesLine,
    );
    return content;
  }
  const unit = String(properties['unit']);
  const capacity = number(properties['capacity']);
  const utilization = number(properties['utilization']);
  const flow = number(properties['flow']) ?? 0;
  const estimated = new Set(String(properties['estimated_fields'] ?? '').split(';'));
  const opening = number(properties['opening_year']);
  const swaps = swapsOf(properties['swaps']);
  const fact = (label: string, text: string) =>
    element('li', {}, [element('span', { className: 'popup-fact-label', text: label }), ` ${text}`]);
  content.append(
    element('h3', { text: String(properties['name']) }),
    element('p', {
      text: `${String(properties['commodity'])} · ${STATUS(properties['status'])}${opening === null ? '' : ` · opened ${opening}`}`,
    }),
    element('ul', { className: 'popup-facts' }, [
      fact(
        'Capacity',
        capacity === null
          ? 'no published figure'
          : `${formatNumber(capacity, 1)} ${unit}${estimated.has('capacity') ? ' (estimate)' : ''}`,
      ),
      fact(
        'Utilization',
        utilization === null
          ? 'not computed (no capacity figure or not in service)'
          : `${formatPercent(utilization)} (net swap flow ${formatNumber(flow, 1)} ${unit})`,
      ),
      fact('Swaps', swaps.length === 0 ? 'none' : swaps.join(', ')),
    ]),
    sourcesLine,
  );
  return content;
}
