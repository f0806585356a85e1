import { formatQuantity } from '../../../src/monitoring/quantity.js';
import type { IndicatorReport, TargetProgress } from '../api.js';
import { cardTable, cell, rowHeader } from '../data-table.js';
import { crossingName, element, formatNumber, formatPercent } from '../format.js';

type NodeRow = IndicatorReport['nodes'][number];

/** The most frequent delay reason other than none, with its share of visits: "customs 42%". */
function mainDelay(delays: NodeRow['delays']): string {
  const total = Object.values(delays).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const [reason, count] =
    Object.entries(delays)
      .filter(([name]) => name !== 'none')
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0] ?? [];
  return reason === undefined || total === 0
    ? 'none'
    : `${reason.replaceAll('_', ' ')} ${formatPercent((count ?? 0) / total)}`;
}

/** Fewer visits than this in a period and its median is one truck's luck: no change is shown ("+2,450%"). */
const FEWEST_VISITS_FOR_CHANGE = 5;

const relative = (change: number | undefined, visits: number) =>
  change === undefined || visits < FEWEST_VISITS_FOR_CHANGE
    ? '–'
    : `${change > 0 ? '+' : change < 0 ? '−' : ''}${formatPercent(Math.abs(change))}`;

/** Each border crossing in the latest period it has data for: dwell, its change, the main delay. */
export function renderCrossingTimes(report: IndicatorReport, nodeName: (id: string) => string): HTMLElement {
  const latest = new Map<string, NodeRow>();
  for (const row of report.nodes) if (row.kind === 'border_crossing') latest.set(row.node, row);
  const rows = [...latest.values()].sort((a, b) => b.dwellH.median - a.dwellH.median);
  const lastPeriod = report.periods.at(-1);
  return cardTable(
    `Border crossing times, ${lastPeriod ?? `latest ${report.by}`}`,
    'crossing-times',
    ['Crossing', 'Main delay', 'Visits', 'Median h', 'p90 h', 'Δ median'],
    rows.map((row) =>
      element('tr', {}, [
        rowHeader(
          element('span', {}, [
            crossingName(nodeName(row.node)),
            // A crossing without shipments in the last period shows its latest, named.
            ...(row.period === lastPeriod ? [] : [element('span', { className: 'row-detail', text: row.period })]),
          ]),
        ),
        cell(mainDelay(row.delays), false),
        cell(formatNumber(row.visits)),
        cell(formatNumber(row.dwellH.median, 1)),
        cell(formatNumber(row.dwellH.p90, 1)),
        cell(relative(row.medianDwellChange, row.visits)),
      ]),
    ),
    2,
  );
}

/** Each corridor's trips in the latest period: door-to-door time and speed with delay. */
export function renderCorridorTrips(report: IndicatorReport, corridorName: (id: string) => string): HTMLElement {
  const latest = new Map(report.corridors.map((row) => [row.corridor, row]));
  return cardTable(
    `Trips by corridor, latest ${report.by}`,
    'corridor-trips',
    ['Corridor', 'Shipments', 'Median days', 'p90 days', 'SWD km/h', 'USD/t'],
    [...latest.values()].map((row) =>
      element('tr', {}, [
        rowHeader(corridorName(row.corridor)),
        cell(formatNumber(row.shipments)),
        cell(formatNumber(row.tripH.median / 24, 1)),
        cell(formatNumber(row.tripH.p90 / 24, 1)),
        cell(row.swdKmh === undefined ? '–' : formatNumber(row.swdKmh, 1)),
        cell(formatNumber(row.usdPerT, 1)),
      ]),
    ),
    1,
  );
}

const growth = (rate: number | undefined) =>
  rate === undefined ? '–' : `${rate >= 0 ? '+' : '−'}${formatPercent(Math.abs(rate), 1)}/yr`;

/** Progress toward each target: the latest figure, the share reached (as a bar) and the gap, growth needed and seen. */
export function renderTargetProgress(targets: readonly TargetProgress[]): HTMLElement {
  const detail = (main: string, below: string) =>
    element('span', {}, [main, element('span', { className: 'row-detail', text: below })]);
  return cardTable(
    'Targets: latest full-year figure against each',
    'target-progress',
    ['Target', 'Latest', 'Reached', 'Needed', 'Recent'],
    targets.map((progress) => {
      const { target, latest } = progress;
      const reached = progress.reached ?? 0;
      const bar = element('span', { className: 'reach-bar', attributes: { 'aria-hidden': 'true' } }, [
        element('span', { className: 'reach-fill' }),
      ]);
      (bar.firstElementChild as HTMLElement).style.width = `${Math.min(100, Math.round(100 * reached))}%`;
      const recent = cell(growth(progress.recentGrowth?.rate));
      if (progress.recentGrowth !== undefined && progress.requiredGrowth !== undefined)
        recent.classList.add(progress.recentGrowth.rate >= progress.requiredGrowth ? 'change-better' : 'change-worse');
      return element('tr', {}, [
        rowHeader(
          element('span', {}, [
            element('strong', { text: target.label }),
            element('span', {
              className: 'row-detail',
              text: `${formatQuantity(target.value, target.unit)} by ${target.period.text}`,
            }),
          ]),
        ),
        element('td', { className: 'numeric cell-stack' }, [
          latest === undefined ? 'no figure' : detail(formatQuantity(latest.value, latest.unit), latest.period.text),
        ]),
        element('td', { className: 'numeric reach-cell cell-stack' }, [
          progress.reached === undefined ? '–' : formatPercent(reached),
          bar,
          ...(progress.gap === undefined
            ? []
            : [element('span', { className: 'row-detail', text: `gap ${formatQuantity(progress.gap, target.unit)}` })]),
        ]),
        cell(growth(progress.requiredGrowth)),
        recent,
      ]);
    }),
    1,
  );
}
