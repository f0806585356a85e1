import type { DistanceChart, DistanceChartKind } from '../monitoring/time-distance.js';
import { fixed, formatNumber } from '../render/format.js';
import { renderTable, titled } from '../render/table.js';
import { plural } from './output.js';

/** Characters across the widest bar. */
const BAR_WIDTH = 40;
/** Ways drawn, those with the most trips; JSON gives every one. */
const WAYS_SHOWN = 5;

/**
 * A time/cost-distance chart as text: one table per way, a row per checkpoint down the distance axis, and a bar
 * across whose solid part is the time (or USD/t) on arrival and whose shaded part is the dwell (or payment) there.
 * Bars of every way share one scale, so the ways compare at a glance.
 */
export function renderDistanceChart(chart: DistanceChart, kind: DistanceChartKind): string {
  if (chart.series.length === 0)
    return 'no shipments in the store match: import some with `caravan shipments import FILE`';
  const time = kind === 'time-distance';
  const at = (point: DistanceChart['series'][number]['points'][number]) =>
    time ? [point.arrivalH, point.departureH] : [point.arrivalUsdPerT, point.departureUsdPerT];
  const shown = chart.series.slice(0, WAYS_SHOWN);
  const top = Math.max(...shown.flatMap((line) => line.points.map((point) => at(point)[1]!)));
  const scale = top > 0 ? BAR_WIDTH / top : 0;
  const unit = time ? 'h' : 'USD/t';
  const sections = shown.map((line) => {
    const last = line.points.at(-1)!;
    const title =
      `${line.label} ${line.corridor}: ${line.points.map((p) => p.node).join(' → ')} ` +
      `(${plural(line.trips, 'trip')}, ${formatNumber(line.tonnes)} t, ${formatNumber(last.km)} km, ` +
      `${fixed(at(last)[1], time ? 1 : 2)} ${unit})`;
    const rows = line.points.map((point) => {
      const [arrival, departure] = at(point) as [number, number];
      const solid = Math.round(arrival * scale);
      const shaded = Math.max(0, Math.round(departure * scale) - solid);
      return [
        point.node,
        formatNumber(point.km),
        fixed(arrival, time ? 1 : 2),
        fixed(departure, time ? 1 : 2),
        `${'█'.repeat(solid)}${'░'.repeat(shaded)}`,
      ];
    });
    const header = time
      ? ['checkpoint', 'km', 'arrive h', 'depart h', '█ until arrival ░ dwell here']
      : ['checkpoint', 'km', 'USD/t in', 'USD/t out', '█ paid before ░ paid here'];
    return titled(title, renderTable(header, rows));
  });
  const head =
    (time
      ? 'Time-distance: mean hours since leaving the origin, by km along the network'
      : 'Cost-distance: USD per tonne paid since the origin (total USD over total tonnes), by km along the network') +
    `; one scale, ${fixed(top / BAR_WIDTH, time ? 1 : 2)} ${unit} a character`;
  const tail = [
    ...(chart.series.length > shown.length
      ? [`${plural(chart.series.length - shown.length, 'more way')} with fewer trips: --json gives every one`]
      : []),
    ...(chart.unmeasured.length > 0 ? [`No network distance (left out): ${chart.unmeasured.join('; ')}`] : []),
  ];
  return [head, ...sections, ...tail].join('\n\n');
}
