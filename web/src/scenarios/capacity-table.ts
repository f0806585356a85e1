import type { FlowReport, ScenarioCapacity } from '../api.js';
import { cell, dataTable, rowHeader } from '../data-table.js';
import { element, formatNumber } from '../format.js';

const mt = (value: number | null | undefined) => (value === null || value === undefined ? '–' : formatNumber(value, 1));

/**
 * Each measure's capacity beside the run's flow, both against the target. The flows are the report's targets, which
 * come from the same measures in the same order (those with a target level for the year).
 */
export function renderCapacityTable(capacity: ScenarioCapacity, report: FlowReport): HTMLElement {
  const measures = capacity.measures.filter((m) => m.target !== undefined);
  const rows = measures.map((m, k) =>
    element('tr', {}, [
      rowHeader(m.label),
      cell(mt(report.targets[k]?.throughputMt)),
      cell(`${mt(m.capacityMt)}${m.unlimitedLinks.length > 0 ? '+' : ''}`),
      cell(mt(m.target?.mt)),
      cell(m.binding.map((b) => `${b.element} (${mt(b.capacityMt)})`).join(', ') || '–', false),
    ]),
  );
  return element('div', {}, [
    dataTable(
      'Capacity next to flow (Mt/yr)',
      'flow-capacity',
      ['Measure', 'Flow', 'Capacity', 'Target', 'What binds'],
      rows,
      1,
    ),
    element('p', {
      className: 'muted small',
      text: 'Capacity: the most each measure can carry whatever the demand table holds (max-flow over the capacities of links, border crossings and ports). Blank capacities count as unlimited, so every figure is an upper bound; + marks links with no capacity on some path, left out of the figure.',
    }),
  ]);
}
