import { INDICATOR_LABELS } from '../../../src/monitoring/observation-labels.js';
import type { ObservationSeries } from '../../../src/monitoring/observations.js';
import { cardTable, cell, rowHeader } from '../data-table.js';
import { element, formatNumber, formatPercent } from '../format.js';

/** Source ids are long and unbroken: they may break anywhere rather than widen the table past the panel. */
function sourcesCell(sources: readonly string[]): HTMLTableCellElement {
  const created = cell(sources.join('; '), false);
  created.classList.add('cell-wrap');
  return created;
}

/** The published CPMM and port series (GET /api/observations), labelled OBSERVED, each with its sources. */
export function renderObservedSeries(series: readonly ObservationSeries[]): HTMLElement[] {
  const value = (s: ObservationSeries) =>
    s.indicator === 'volume'
      ? `${formatNumber(s.latest.value / 1e6, 2)} Mt`
      : s.indicator === 'tfi2' || s.indicator === 'tfi3'
        ? `$${formatNumber(s.latest.value)}`
        : formatNumber(s.latest.value, 1);
  const rows = series.map((s) =>
    element('tr', {}, [
      rowHeader(INDICATOR_LABELS[s.indicator]),
      cell(
        `${s.scope === 'carec' ? 'CAREC' : `${s.scope} ${s.scopeId}`}${s.direction === 'all' ? '' : ` ${s.direction}`}`,
        false,
      ),
      cell(s.mode, false),
      cell(s.latest.period.text, false),
      cell(value(s)),
      cell(s.change === undefined ? '—' : `${s.change >= 0 ? '+' : '−'}${formatPercent(Math.abs(s.change))}`),
      sourcesCell(s.latest.sources),
    ]),
  );
  return [
    element('h2', { className: 'section-title', text: 'Published indicators (OBSERVED)' }),
    element('p', {
      className: 'muted small',
      text: 'CAREC CPMM trade facilitation indicators and port and operator volumes as published (data/monitoring/observations.csv and imports), never generated.',
    }),
    cardTable(
      'Published corridor indicators, OBSERVED',
      'observed-series',
      ['indicator', 'scope', 'mode', 'period', 'latest', 'Δ year', 'source'],
      rows,
      4,
    ),
  ];
}
