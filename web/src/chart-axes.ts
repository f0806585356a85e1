import { formatNumber } from './format.js';
import { linearScale, niceTicks } from './planner/chart-scale.js';
import { svgElement as svg } from './svg.js';

/** A plot's place in its SVG: the left and right of the plot area, and its bottom and top (pixels). */
export interface PlotArea {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

/**
 * The vertical scale of a chart: round ticks from 0 to about `max`, a grid line at each across the plot and its
 * label left of it; gives the scale from values to pixels.
 */
export function valueAxis(chart: SVGSVGElement, max: number, area: PlotArea, count = 4): (value: number) => number {
  const ticks = niceTicks(max, count);
  const y = linearScale(ticks.at(-1)!, area.bottom, area.top);
  for (const tick of ticks)
    chart.append(
      svg('line', { x1: area.left, x2: area.right, y1: y(tick), y2: y(tick), class: 'chart-grid' }),
      svg(
        'text',
        { x: area.left - 5, y: y(tick) + 3.5, class: 'chart-tick', 'text-anchor': 'end' },
        formatNumber(tick),
      ),
    );
  return y;
}
