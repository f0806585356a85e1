import type { FlowReport } from '../api.js';
import { cardTable, cell, dataTable, rowHeader } from '../data-table.js';
import { element, formatNumber, formatPercent } from '../format.js';
import { utilizationColor } from '../palette.js';

type Element = FlowReport['elements'][number];

/** "Sarakhs (entry)", "Aktau – Alat (ferry) forward", "asco-kuryk-alat on Kuryk – Alat (ferry), forward", "Bandar Abbas: unload (sea)". */
function elementName(item: Element, nodeName: (id: string) => string, linkName: (id: string) => string): string {
  if (item.kind === 'link') return `${linkName(item.id)}, ${item.direction}`;
  if (item.kind === 'service') return `${item.id} on ${linkName(item.link ?? item.id)}, ${item.direction}`;
  const layer = item.layer === undefined ? '' : ` (${item.layer})`;
  return `${nodeName(item.id)}: ${item.direction}${layer}`;
}

function utilizationCell(vc: number): HTMLTableCellElement {
  const chip = element('span', { className: 'vc-chip', attributes: { 'aria-hidden': 'true' } });
  chip.style.backgroundColor = utilizationColor(vc);
  const td = cell(formatNumber(vc, 2));
  td.prepend(chip);
  return td;
}

/** The binding bottlenecks (v/c ≥ 0.9): where more freight would queue. */
export function renderBottlenecks(
  report: FlowReport,
  nodeName: (id: string) => string,
  linkName: (id: string) => string,
): HTMLElement {
  if (report.bottlenecks.length === 0)
    return element('p', { className: 'muted', text: 'None: every capacity-limited element runs below v/c 0.9.' });
  return dataTable(
    'Binding bottlenecks (v/c ≥ 0.9)',
    'flow-bottlenecks',
    ['Where', 'Flow Mt/yr', 'Capacity', 'v/c', 'Delay h/t'],
    report.bottlenecks.map((item) =>
      element('tr', {}, [
        rowHeader(elementName(item, nodeName, linkName)),
        cell(formatNumber(item.flowMt, 2)),
        cell(formatNumber(item.capacityMt, 1)),
        utilizationCell(item.vc),
        cell(formatNumber(item.delayH, 1)),
      ]),
    ),
    1,
  );
}

/** Demand the corridors do not carry (its cheapest option is another way), by origin–destination pair. */
export function renderUnserved(report: FlowReport, nodeName: (id: string) => string): HTMLElement {
  const pairs = report.pairs.filter((pair) => pair.unservedMt >= 0.005).sort((a, b) => b.unservedMt - a.unservedMt);
  const { totals } = report;
  const summary = element('p', {
    className: 'muted',
    text:
      totals.unservedMt < 0.005
        ? `All ${formatNumber(totals.demandMt, 1)} Mt/yr of demand is served.`
        : `${formatNumber(totals.unservedMt, 2)} of ${formatNumber(totals.demandMt, 1)} Mt/yr (${formatPercent(totals.unservedMt / totals.demandMt, 1)}) is not served: on these pairs shipping by these corridors costs more than the outside option.`,
  });
  if (pairs.length === 0) return summary;
  return element('div', {}, [
    summary,
    dataTable(
      'Unserved demand by pair',
      'flow-unserved',
      ['From → to, class', 'Demand Mt', 'Unserved Mt', 'Share'],
      pairs.map((pair) =>
        element('tr', {}, [
          // The class under the pair, not in a column of its own: five columns did not fit a phone's panel.
          rowHeader(
            element('span', {}, [
              `${nodeName(pair.from)} → ${nodeName(pair.to)}`,
              element('span', { className: 'row-detail', text: pair.class.replaceAll('_', ' ') }),
            ]),
          ),
          cell(formatNumber(pair.demandMt, 2)),
          cell(formatNumber(pair.unservedMt, 2)),
          cell(formatPercent(pair.unservedMt / pair.demandMt)),
        ]),
      ),
      1,
    ),
  ]);
}

/**
 * Each corridor's share of the tonne-km, with a bar to compare them at a glance. A corridor's name is a button that
 * selects it on the map (`onSelect`); the rows of `selected` are marked.
 */
export function renderCorridorShares(
  report: FlowReport,
  selected: readonly string[],
  onSelect: (corridor: string) => void,
): HTMLElement {
  const corridors = [...report.corridors].sort((a, b) => b.share - a.share);
  return cardTable(
    'Corridor shares of tonne-km',
    'flow-corridors',
    ['Corridor', 'Share', 'M t-km', 'Busiest Mt/yr'],
    corridors.map((corridor) => {
      const bar = element('span', { className: 'share-bar', attributes: { 'aria-hidden': 'true' } });
      bar.style.width = `${Math.round(100 * corridor.share)}%`;
      const isSelected = selected.includes(corridor.id);
      const button = element('button', {
        className: 'corridor-button',
        text: corridor.name,
        attributes: {
          type: 'button',
          'aria-pressed': String(isSelected),
          'data-corridor': corridor.id,
          title: 'Show this corridor on the map',
        },
      });
      button.addEventListener('click', () => onSelect(corridor.id));
      return element('tr', { className: isSelected ? 'selected' : '', attributes: { 'data-corridor': corridor.id } }, [
        rowHeader(button),
        element('td', { className: 'numeric share-cell' }, [bar, formatPercent(corridor.share)]),
        cell(formatNumber(corridor.mtKm)),
        cell(formatNumber(corridor.busiestSectionMt, 1)),
      ]);
    }),
    1,
  );
}

/** Marks the rows of these corridors (and their buttons) as selected, the others not. */
export function markSelectedCorridors(table: ParentNode, selected: readonly string[]): void {
  for (const row of table.querySelectorAll<HTMLTableRowElement>('#flow-corridors tbody tr')) {
    const isSelected = selected.includes(row.dataset['corridor'] ?? '');
    row.classList.toggle('selected', isSelected);
    row.querySelector('button')?.setAttribute('aria-pressed', String(isSelected));
  }
}

/** The headline figures of a run: demand, served, unserved, hours and USD per tonne. */
export function renderTotals(report: FlowReport): HTMLElement {
  const { totals } = report;
  const stat = (label: string, value: string, unit: string) =>
    element('div', { className: 'stat' }, [
      element('span', { className: 'stat-value', text: value }),
      element('span', { className: 'stat-unit', text: unit }),
      element('span', { className: 'stat-label', text: label }),
    ]);
  return element('div', { className: 'stats' }, [
    stat('Demand', formatNumber(totals.demandMt, 1), 'Mt/yr'),
    stat('Served', formatNumber(totals.servedMt, 1), 'Mt/yr'),
    stat('Unserved', formatNumber(totals.unservedMt, 2), 'Mt/yr'),
    stat('Time per tonne', formatNumber(totals.avgHoursPerT / 24, 1), 'days'),
    stat('Cost per tonne', formatNumber(totals.avgUsdPerT, 0), 'USD'),
  ]);
}
