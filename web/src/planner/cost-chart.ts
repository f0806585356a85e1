import type { PlannedRoute } from '../api.js';
import { formatNumber } from '../format.js';
import { routeColor } from '../palette.js';
import { svgElement as svg } from '../svg.js';
import { cumulativeSeries, linearScale, niceTicks, type CumulativePoint } from './chart-scale.js';

const WIDTH = 400;
const PLOT_HEIGHT = 120;
const MARGIN = { left: 52, right: 22, top: 18, bottom: 30, gap: 34 };

interface Panel {
  title: string;
  value: (point: CumulativePoint) => number;
  top: number;
}

/**
 * The time–cost–distance view: running hours and running USD against km for each alternative, one line per route
 * in its map color. Flat stretches are cheap fast legs; vertical rises are borders, transfers and port handling.
 */
export function renderCostChart(routes: readonly PlannedRoute[], selected: number): SVGSVGElement {
  const unit = routes[0]?.unit === 'teu' ? 'TEU' : 't';
  const series = routes.map((route) => ({ rank: route.rank, points: cumulativeSeries(route.steps) }));
  const maxKm = Math.max(...series.flatMap(({ points }) => points.map((point) => point.km)));
  const panels: Panel[] = [
    { title: 'Hours in transit', value: (point) => point.hours, top: MARGIN.top },
    { title: `USD per ${unit}`, value: (point) => point.usd, top: MARGIN.top + PLOT_HEIGHT + MARGIN.gap },
  ];
  const height = MARGIN.top + 2 * PLOT_HEIGHT + MARGIN.gap + MARGIN.bottom;
  const xTicks = niceTicks(maxKm, 5);
  const x = linearScale(xTicks[xTicks.length - 1]!, MARGIN.left, WIDTH - MARGIN.right);
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: 'cost-chart',
    role: 'img',
    'aria-labelledby': 'cost-chart-title',
  });
  chart.append(
    svg(
      'title',
      { id: 'cost-chart-title' },
      `Cumulative hours and USD per ${unit} against distance for ${routes.length} route${routes.length === 1 ? '' : 's'}`,
    ),
  );
  for (const panel of panels) {
    const maxValue = Math.max(...series.flatMap(({ points }) => points.map(panel.value)));
    const yTicks = niceTicks(maxValue, 4);
    const y = linearScale(yTicks[yTicks.length - 1]!, panel.top + PLOT_HEIGHT, panel.top);
    chart.append(svg('text', { x: MARGIN.left, y: panel.top - 6, class: 'chart-title' }, panel.title));
    for (const tick of yTicks) {
      chart.append(
        svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick), class: 'chart-grid' }),
        svg(
          'text',
          { x: MARGIN.left - 6, y: y(tick) + 3.5, class: 'chart-tick', 'text-anchor': 'end' },
          formatNumber(tick),
        ),
      );
    }
    for (const tick of xTicks) {
      chart.append(
        svg('line', { x1: x(tick), x2: x(tick), y1: panel.top, y2: panel.top + PLOT_HEIGHT, class: 'chart-grid' }),
      );
    }
    // The selected route last, so it is drawn on top.
    const ordered = [...series].sort((a, b) => Number(a.rank === selected) - Number(b.rank === selected));
    for (const { rank, points } of ordered) {
      chart.append(
        svg('polyline', {
          points: points.map((point) => `${x(point.km).toFixed(1)},${y(panel.value(point)).toFixed(1)}`).join(' '),
          class: rank === selected ? 'chart-line chart-line-selected' : 'chart-line',
          stroke: routeColor(rank),
        }),
      );
    }
  }
  const axisY = panels[1]!.top + PLOT_HEIGHT;
  for (const tick of xTicks) {
    chart.append(
      svg('text', { x: x(tick), y: axisY + 14, class: 'chart-tick', 'text-anchor': 'middle' }, formatNumber(tick)),
    );
  }
  chart.append(
    svg(
      'text',
      { x: WIDTH - MARGIN.right, y: axisY + 27, class: 'chart-axis-label', 'text-anchor': 'end' },
      'km from origin',
    ),
  );
  return chart;
}
