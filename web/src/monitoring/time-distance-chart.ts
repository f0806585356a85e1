import type { TimeDistanceChart } from '../api.js';
import { element, formatNumber, shortName } from '../format.js';
import { valueAxis } from '../chart-axes.js';
import { swatchOf } from '../legend.js';
import { linearScale, niceTicks } from '../planner/chart-scale.js';
import { routeColor } from '../palette.js';
import { svgElement as svg } from '../svg.js';

type Series = TimeDistanceChart['series'][number];

const WIDTH = 420;
const HEIGHT = 230;
const MARGIN = { left: 44, right: 14, top: 14, bottom: 34 };

/** The lines drawn: those with the most trips; the rest are counted under the chart. */
export const CHARTED_WAYS = 5;

/**
 * The CPMM time–distance chart of the stored trips: for each way through the checkpoints (most trips first), the
 * mean hours since leaving the origin against km from it. A checkpoint is a vertical step from arrival to departure
 * (its dwell); the slopes between are the time on the move. All lines share the axes, since they are compared.
 */
export function renderTimeDistance(
  chart: TimeDistanceChart,
  nodeName: (id: string) => string,
  corridorName: (id: string) => string,
): HTMLElement {
  const drawn = chart.series.filter((series) => series.points.length >= 2).slice(0, CHARTED_WAYS);
  if (drawn.length === 0)
    return element('p', {
      className: 'muted',
      attributes: { id: 'time-distance-empty' },
      text: 'No trip in these shipments runs through two checkpoints of known distance: nothing to chart.',
    });
  const maxKm = Math.max(...drawn.flatMap((series) => series.points.map((point) => point.km)));
  const maxH = Math.max(...drawn.flatMap((series) => series.points.map((point) => point.departureH)));
  const xTicks = niceTicks(maxKm, 5);
  const x = linearScale(xTicks.at(-1)!, MARGIN.left, WIDTH - MARGIN.right);
  const way = (series: Series) =>
    `${shortName(nodeName(series.points[0]!.node))} → ${shortName(nodeName(series.points.at(-1)!.node))}`;
  const figure = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'time-distance-chart',
    role: 'img',
    'aria-labelledby': 'time-distance-title',
  });
  figure.append(
    svg(
      'title',
      { id: 'time-distance-title' },
      `Mean hours since departure against km from the origin, for ${drawn.length} way${drawn.length === 1 ? '' : 's'} through the checkpoints`,
    ),
  );
  const y = valueAxis(figure, maxH, {
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    bottom: HEIGHT - MARGIN.bottom,
    top: MARGIN.top,
  });
  xTicks.forEach((tick, index) => {
    // The last label ends at the plot's edge, where a centered one would be cut.
    const anchor = index === xTicks.length - 1 ? 'end' : 'middle';
    figure.append(
      svg('line', { x1: x(tick), x2: x(tick), y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom, class: 'chart-grid' }),
      svg(
        'text',
        { x: x(tick), y: HEIGHT - MARGIN.bottom + 13, class: 'chart-tick', 'text-anchor': anchor },
        formatNumber(tick),
      ),
    );
  });
  figure.append(
    svg(
      'text',
      { x: WIDTH - MARGIN.right, y: HEIGHT - 4, class: 'chart-axis-label', 'text-anchor': 'end' },
      'km from the origin',
    ),
    svg(
      'text',
      {
        x: 12,
        y: MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2,
        class: 'chart-axis-label',
        'text-anchor': 'middle',
        transform: `rotate(-90 12 ${MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2})`,
      },
      'hours since departure (mean)',
    ),
  );
  // The busiest last, on top.
  [...drawn].reverse().forEach((series) => {
    const color = routeColor(drawn.indexOf(series) + 1);
    const points = series.points.flatMap((point) => [
      `${x(point.km).toFixed(1)},${y(point.arrivalH).toFixed(1)}`,
      `${x(point.km).toFixed(1)},${y(point.departureH).toFixed(1)}`,
    ]);
    figure.append(
      svg('polyline', { points: points.join(' '), class: 'chart-line chart-line-selected', stroke: color }),
    );
    for (const point of series.points) {
      const mark = svg('circle', {
        cx: x(point.km).toFixed(1),
        cy: y(point.departureH).toFixed(1),
        r: 2.5,
        fill: color,
        class: 'time-distance-point',
      });
      mark.append(
        svg(
          'title',
          {},
          `${nodeName(point.node)}: ${formatNumber(point.km)} km, arrival ${formatNumber(point.arrivalH, 1)} h, departure ${formatNumber(point.departureH, 1)} h`,
        ),
      );
      figure.append(mark);
    }
  });
  const left = chart.series.length - drawn.length;
  return element('figure', { className: 'time-distance', attributes: { id: 'time-distance' } }, [
    figure,
    element(
      'ul',
      { className: 'chart-legend', attributes: { 'aria-label': 'Ways drawn' } },
      drawn.map((series, index) =>
        element('li', {}, [
          swatchOf({ swatch: 'line', color: routeColor(index + 1), label: '' }),
          element('span', {}, [
            `${way(series)} · ${corridorName(series.corridor)} · ${formatNumber(series.trips)} trip${series.trips === 1 ? '' : 's'} `,
            element('span', { className: 'observed-label', text: series.label }),
          ]),
        ]),
      ),
    ),
    element('figcaption', {
      className: 'muted small',
      text: `Vertical steps are the mean dwell at each checkpoint, slopes the time on the move between them (mean over the trips of each way, as caravan indicators --chart time-distance draws it).${left > 0 ? ` ${formatNumber(left)} more way${left === 1 ? '' : 's'} with fewer trips not drawn.` : ''}${chart.unmeasured.length > 0 ? ` ${formatNumber(chart.unmeasured.length)} left out: a section of unknown length.` : ''}`,
    }),
  ]);
}
