import { stepWhat } from '../../../src/routing/step-label.js';
import type { PlannedRoute, RouteStep } from '../api.js';
import { cardTable, cell, dataTable } from '../data-table.js';
import { element, formatDays, formatNumber, shortName } from '../format.js';
import { routeColor } from '../palette.js';

export type NameOf = (id: string) => string;

/** One row per alternative: what a person compares first. The route button selects it on the map and below. */
export function renderTotals(
  routes: readonly PlannedRoute[],
  selected: number,
  onSelect: (rank: number) => void,
): HTMLElement {
  const unit = routes[0]?.unit === 'teu' ? 'TEU' : 't';
  const rows = routes.map((route) => {
    const select = element(
      'button',
      {
        className: 'route-button',
        attributes: { type: 'button', 'aria-pressed': String(route.rank === selected) },
      },
      [element('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } }), `Route ${route.rank}`],
    );
    (select.firstElementChild as HTMLElement).style.backgroundColor = routeColor(route.rank);
    select.addEventListener('click', () => onSelect(route.rank));
    const row = element('tr', { className: route.rank === selected ? 'selected' : '' }, [
      element('th', { attributes: { scope: 'row' } }, [
        select,
        element('span', { className: 'route-countries', text: route.countries.join(' → ') }),
      ]),
      cell(formatDays(route.totals.hours)),
      cell(route.reliability ? formatDays(route.reliability.p50H) : '–'),
      cell(route.reliability ? formatDays(route.reliability.p90H) : '–'),
      cell(formatNumber(route.totals.usd, 0)),
      cell(formatNumber(route.totals.kgCo2e, 0)),
      cell(formatNumber(route.totals.km)),
    ]);
    return row;
  });
  return cardTable(
    'Route totals',
    'route-totals',
    ['Route', 'Days', 'P50 d', 'P90 d', `USD/${unit}`, `kg CO2e/${unit}`, 'km'],
    rows,
    1,
  );
}

function stepPlace(step: RouteStep, fullName: NameOf): string {
  const name = (id: string) => shortName(fullName(id));
  switch (step.kind) {
    case 'leg':
      return `${name(step.from)} → ${name(step.to)}`;
    case 'border':
      return `${name(step.node)} (${step.fromCountry} → ${step.toCountry})`;
    case 'transfer':
      return `${name(step.node)}: ${step.fromLayer} → ${step.toLayer}`;
    case 'handling':
      return `${name(step.node)}: ${step.operation}`;
  }
}

/** The legs, border crossings, transfers and handling of one route, each with its own and running totals. */
export function renderSteps(route: PlannedRoute, name: NameOf): HTMLElement {
  const rows = route.steps.map((step, index) =>
    element('tr', { className: `step-${step.kind}` }, [
      cell(String(index + 1), false),
      // What the step is, under where: eight columns did not fit a phone's panel.
      element('td', {}, [stepPlace(step, name), element('span', { className: 'row-detail', text: stepWhat(step) })]),
      cell(formatNumber(step.km)),
      cell(formatNumber(step.hours, 1)),
      cell(formatNumber(step.usd, 1)),
      cell(formatNumber(step.cumulative.hours, 1)),
      cell(formatNumber(step.cumulative.usd, 1)),
    ]),
  );
  return dataTable(
    `Steps of route ${route.rank}`,
    'route-steps',
    ['#', 'Where, what', 'km', 'Hours', 'USD', 'Σ hours', 'Σ USD'],
    rows,
    2,
  );
}
