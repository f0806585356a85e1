import type { IndicatorReport } from '../api.js';
import { crossingName, element, formatNumber } from '../format.js';
import { linearScale, niceTicks } from '../planner/chart-scale.js';
import { svgElement as svg } from '../svg.js';

type NodeRow = IndicatorReport['nodes'][number];

const WIDTH = 220;
const HEIGHT = 118;
const MARGIN = { left: 30, right: 8, top: 8, bottom: 20 };

/** How many crossings get a chart: the busiest; the table below lists them all. */
export const CHARTED_CROSSINGS = 6;

/** "2025-Q3" → "Q3 25", "2025-07" → "Jul 25": axis labels that fit under a small chart. */
function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q(\d)$/.exec(period);
  if (quarter) return `Q${quarter[2]} ${quarter[1]!.slice(2)}`;
  const [year, month] = period.split('-');
  const name = new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleString('en-US', {
    month: 'short',
    timeZone: 'UTC',
  });
  return `${name} ${year!.slice(2)}`;
}

/**
 * One crossing's median and p90 dwell by period: two lines over the same periods and on the same hours scale as every
 * other chart (`topH`), since the charts stand side by side to be compared.
 */
function dwellChart(name: string, rows: readonly NodeRow[], periods: readonly string[], topH: number): SVGSVGElement {
  const yTicks = niceTicks(topH, 3);
  const y = linearScale(yTicks.at(-1)!, HEIGHT - MARGIN.bottom, MARGIN.top);
  const x = linearScale(Math.max(1, periods.length - 1), MARGIN.left, WIDTH - MARGIN.right);
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'dwell-chart', role: 'img' });
  const latest = rows.at(-1)!;
  chart.append(
    svg(
      'title',
      {},
      `${name}: median dwell ${formatNumber(latest.dwellH.median, 1)} h and p90 ${formatNumber(latest.dwellH.p90, 1)} h in ${latest.period}, by period from ${periods[0]} to ${periods.at(-1)}`,
    ),
  );
  for (const tick of yTicks) {
    chart.append(
      svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick), class: 'chart-grid' }),
      svg(
        'text',
        { x: MARGIN.left - 4, y: y(tick) + 3.5, 'text-anchor': 'end', class: 'chart-tick' },
        formatNumber(tick),
      ),
    );
  }
  const labelEvery = Math.ceil(periods.length / 4);
  const last = periods.length - 1;
  periods.forEach((period, index) => {
    // Every labelEvery-th period and the last, unless the last would crowd the one before it.
    const labeled = index === last || (index % labelEvery === 0 && last - index >= labelEvery * 0.75);
    if (!labeled) return;
    const anchor = index === 0 ? 'start' : index === last ? 'end' : 'middle';
    chart.append(
      svg('text', { x: x(index), y: HEIGHT - 6, 'text-anchor': anchor, class: 'chart-tick' }, periodLabel(period)),
    );
  });
  for (const [key, className] of [
    ['p90', 'dwell-line dwell-line-p90'],
    ['median', 'dwell-line dwell-line-median'],
  ] as const) {
    const points = periods.flatMap((period, index) => {
      const row = byPeriod.get(period);
      return row === undefined ? [] : [`${x(index).toFixed(1)},${y(row.dwellH[key]).toFixed(1)}`];
    });
    chart.append(svg('polyline', { points: points.join(' '), class: className }));
  }
  return chart;
}

/**
 * Small multiples of border dwell: for the busiest crossings, the median and p90 dwell (hours) by period.
 */
export function renderDwellCharts(report: IndicatorReport, nodeName: (id: string) => string): HTMLElement {
  const crossings = report.nodes.filter((row) => row.kind === 'border_crossing');
  const byNode = new Map<string, NodeRow[]>();
  for (const row of crossings) byNode.set(row.node, [...(byNode.get(row.node) ?? []), row]);
  const busiest = [...byNode]
    .map(([node, rows]) => ({ node, rows, visits: rows.reduce((sum, row) => sum + row.visits, 0) }))
    .sort((a, b) => b.visits - a.visits)
    .slice(0, CHARTED_CROSSINGS);
  if (busiest.length === 0) return element('p', { className: 'muted', text: 'No border crossing in these shipments.' });
  const periods = report.periods;
  const topH = Math.max(...busiest.flatMap(({ rows }) => rows.map((row) => row.dwellH.p90)));
  return element('div', { className: 'small-multiples', attributes: { id: 'dwell-charts' } }, [
    element('p', { className: 'chart-key', attributes: { 'aria-hidden': 'true' } }, [
      element('span', { className: 'key-median', text: 'median' }),
      element('span', { className: 'key-p90', text: 'p90' }),
      ' dwell, hours (one scale for all)',
    ]),
    ...busiest.map(({ node, rows }) =>
      element('figure', { className: 'small-chart' }, [
        element('figcaption', {}, [
          element('strong', { text: crossingName(nodeName(node)) }),
          element('span', {
            className: 'muted',
            text: ` ${formatNumber(rows.at(-1)!.dwellH.median, 1)} / ${formatNumber(rows.at(-1)!.dwellH.p90, 1)} h`,
          }),
        ]),
        dwellChart(crossingName(nodeName(node)), rows, periods, topH),
      ]),
    ),
  ]);
}
