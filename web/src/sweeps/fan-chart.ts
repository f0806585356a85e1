import type { SweepReport } from '../api.js';
import { element, formatNumber } from '../format.js';
import { valueAxis } from '../chart-axes.js';
import type { LegendItem } from '../legend.js';
import { swatchOf } from '../legend.js';
import { svgElement as svg } from '../svg.js';

type MeasureYear = SweepReport['measures'][number];

const WIDTH = 420;
const HEIGHT = 200;
const MARGIN = { left: 40, right: 12, top: 14, bottom: 30 };
/** Room before the first year and after the last, so that a band's ends and the markers are not on the frame. */
const YEAR_PAD = 0.4;

export const FAN_COLORS = { band: '#9ec5e8', median: '#2567a8', target: '#d62839' } as const;

/**
 * One measure's throughput over the sweep's years as a fan: the band from P5 to P95 of the samples, the median line,
 * and each year's target level as a mark with the chance of reaching it. Every measure's fan takes the same Mt
 * scale (`topMt`), since they stand one under the other to be compared.
 */
function fan(rows: readonly MeasureYear[], topMt: number): SVGSVGElement {
  const years = rows.map((row) => row.year);
  const first = Math.min(...years) - YEAR_PAD;
  const span = Math.max(...years) + YEAR_PAD - first;
  const x = (year: number) => MARGIN.left + ((year - first) / span) * (WIDTH - MARGIN.left - MARGIN.right);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'fan-chart', role: 'img' });
  chart.append(
    svg(
      'title',
      {},
      `${rows[0]!.label}: throughput P5 to P95 by year, ${rows.map((row) => `${row.year} ${formatNumber(row.flowMt.p5, 1)}–${formatNumber(row.flowMt.p95, 1)} Mt (median ${formatNumber(row.flowMt.p50, 1)})`).join('; ')}`,
    ),
  );
  const y = valueAxis(chart, topMt, {
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    bottom: HEIGHT - MARGIN.bottom,
    top: MARGIN.top,
  });
  for (const year of years)
    chart.append(
      svg(
        'text',
        { x: x(year), y: HEIGHT - MARGIN.bottom + 14, class: 'chart-tick', 'text-anchor': 'middle' },
        String(year),
      ),
    );
  chart.append(
    svg('text', { x: MARGIN.left, y: HEIGHT - 3, class: 'chart-axis-label' }, 'Mt/yr, both directions, by year'),
  );
  const upper = rows.map((row) => `${x(row.year).toFixed(1)},${y(row.flowMt.p95).toFixed(1)}`);
  const lower = [...rows].reverse().map((row) => `${x(row.year).toFixed(1)},${y(row.flowMt.p5).toFixed(1)}`);
  chart.append(
    svg('polygon', { points: [...upper, ...lower].join(' '), class: 'fan-band', fill: FAN_COLORS.band }),
    svg('polyline', {
      points: rows.map((row) => `${x(row.year).toFixed(1)},${y(row.flowMt.p50).toFixed(1)}`).join(' '),
      class: 'fan-median',
      stroke: FAN_COLORS.median,
    }),
  );
  const lastYear = Math.max(...years);
  for (const row of rows) {
    const cx = x(row.year);
    chart.append(svg('circle', { cx: cx.toFixed(1), cy: y(row.flowMt.p50).toFixed(1), r: 3, fill: FAN_COLORS.median }));
    if (row.targetMt === null) continue;
    const ty = y(row.targetMt);
    const mark = svg('path', {
      d: `M ${(cx - 7).toFixed(1)} ${ty.toFixed(1)} h 14`,
      class: 'fan-target',
      stroke: FAN_COLORS.target,
    });
    mark.append(svg('title', {}, `Target ${formatNumber(row.targetMt)} Mt/yr by ${row.targetYear ?? row.year}`));
    // The last year's label goes to the left of its mark, inside the frame; the others to the right.
    const last = row.year === lastYear;
    chart.append(
      mark,
      svg(
        'text',
        { x: last ? cx - 10 : cx + 10, y: ty - 5, class: 'fan-target-label', 'text-anchor': last ? 'end' : 'start' },
        `target ${formatNumber(row.targetMt)} Mt · P(≥) ${row.probability === null ? '—' : `${formatNumber(100 * row.probability)}%`}`,
      ),
    );
  }
  return chart;
}

/** What the fans draw, for their key: built from the same colors and the sweep's sample count. */
export function fanLegend(report: SweepReport): LegendItem[] {
  return [
    {
      swatch: 'line',
      color: FAN_COLORS.band,
      label: `P5–P95 of ${formatNumber(report.sweep.completed)} samples`,
      width: 10,
    },
    { swatch: 'line', color: FAN_COLORS.median, label: 'P50 (median)' },
    { swatch: 'line', color: FAN_COLORS.target, label: 'target level, with the share of samples reaching it' },
  ];
}

/** "tonnes crossing …" → "Tonnes crossing …": the region's measure labels read as a chart's title. */
const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A fan per measure the region gives a target, on one scale, with the key of what is drawn. */
export function renderFans(report: SweepReport): HTMLElement {
  const byMeasure = new Map<string, MeasureYear[]>();
  for (const row of report.measures) byMeasure.set(row.measure, [...(byMeasure.get(row.measure) ?? []), row]);
  const charted = [...byMeasure.values()]
    .filter((rows) => rows.some((row) => row.targetMt !== null))
    .map((rows) => [...rows].sort((a, b) => a.year - b.year));
  if (charted.length === 0)
    return element('p', { className: 'muted', text: 'No measure of this sweep has a target to chart against.' });
  const topMt = Math.max(...charted.flat().flatMap((row) => [row.flowMt.p95, row.targetMt ?? 0]));
  return element('div', { className: 'fan-charts', attributes: { id: 'sweep-fans' } }, [
    element(
      'ul',
      { className: 'chart-legend', attributes: { 'aria-label': 'What the fans show' } },
      fanLegend(report).map((item) => element('li', {}, [swatchOf(item), element('span', { text: item.label })])),
    ),
    ...charted.map((rows) =>
      element('figure', { className: 'fan', attributes: { 'data-measure': rows[0]!.measure } }, [
        element('figcaption', {}, [element('strong', { text: sentenceCase(rows[0]!.label) })]),
        fan(rows, topMt),
      ]),
    ),
  ]);
}
