import type { FlowReport, ScenarioRunResult } from '../api.js';
import { element, formatNumber } from '../format.js';
import { linearScale } from '../planner/chart-scale.js';
import { svgElement as svg } from '../svg.js';

const WIDTH = 440;
const HEIGHT = 46;
const TRACK = { left: 4, right: 36, top: 14, height: 14 };

type Target = FlowReport['targets'][number];

/** Filled to the throughput, with a mark at each target level; the level of the scenario's year stands out. */
function gauge(target: Target, levels: ScenarioRunResult['targetLevels'], scaleMt: number): SVGSVGElement {
  const x = linearScale(scaleMt, TRACK.left, WIDTH - TRACK.right);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'gauge', 'aria-hidden': 'true' });
  chart.append(
    svg('rect', { x: x(0), y: TRACK.top, width: x(scaleMt) - x(0), height: TRACK.height, rx: 3, class: 'gauge-track' }),
    svg('rect', {
      x: x(0),
      y: TRACK.top,
      width: Math.max(0, x(Math.min(target.throughputMt, scaleMt)) - x(0)),
      height: TRACK.height,
      rx: 3,
      class: target.attained ? 'gauge-fill gauge-fill-met' : 'gauge-fill',
    }),
  );
  for (const level of levels) {
    const current = level.year === target.targetYear;
    const at = x(level.mt);
    chart.append(
      svg('line', {
        x1: at,
        x2: at,
        y1: TRACK.top - 4,
        y2: TRACK.top + TRACK.height + 4,
        class: current ? 'gauge-mark gauge-mark-current' : 'gauge-mark',
      }),
      svg(
        'text',
        {
          x: at,
          y: TRACK.top - 6,
          'text-anchor': 'middle',
          class: current ? 'gauge-label gauge-label-current' : 'gauge-label',
        },
        `${formatNumber(level.mt)} Mt · ${level.year}`,
      ),
    );
  }
  for (const tick of [0, 5, 10, 15, 20, 25, 30].filter((value) => value <= scaleMt)) {
    chart.append(
      svg('text', { x: x(tick), y: HEIGHT - 2, 'text-anchor': 'middle', class: 'gauge-tick' }, formatNumber(tick)),
    );
  }
  return chart;
}

/**
 * The throughput of each measure the network's region.yaml defines (e.g. the eastern INSTC and the KTI) against its
 * target levels: one gauge per measure, each a meter for assistive technology with its value and the target of the
 * scenario's year in words.
 */
export function renderTargetGauges(result: ScenarioRunResult, corridorName: (id: string) => string): HTMLElement {
  const { targets } = result.report;
  const highest = Math.max(...result.targetLevels.map((level) => level.mt), ...targets.map((t) => t.throughputMt));
  const scaleMt = Math.ceil((highest * 1.1) / 5) * 5;
  return element(
    'div',
    { className: 'gauges', attributes: { id: 'target-gauges' } },
    targets.map((target) => {
      const share = target.throughputMt / target.targetMt;
      const verdict = target.attained
        ? `meets the ${target.targetYear} target`
        : `${formatNumber(target.gapMt, 1)} Mt short of the ${target.targetYear} target`;
      return element(
        'div',
        {
          className: 'gauge-block',
          attributes: {
            role: 'meter',
            'aria-valuemin': '0',
            'aria-valuemax': String(target.targetMt),
            'aria-valuenow': String(Math.min(target.throughputMt, target.targetMt)),
            'aria-valuetext': `${formatNumber(target.throughputMt, 1)} Mt/yr, ${verdict} of ${formatNumber(target.targetMt)} Mt`,
            'aria-label': `${corridorName(target.corridor)}: ${target.measure}`,
          },
        },
        [
          element('div', { className: 'gauge-head' }, [
            element('span', { className: 'gauge-title', text: corridorName(target.corridor) }),
            element('span', { className: 'gauge-value', text: `${formatNumber(target.throughputMt, 1)} Mt/yr` }),
          ]),
          element('div', { className: 'gauge-measure', text: target.measure }),
          gauge(target, result.targetLevels, scaleMt),
          element('div', {
            className: target.attained ? 'gauge-verdict gauge-verdict-met' : 'gauge-verdict',
            text: `${formatNumber(100 * share)}% of ${formatNumber(target.targetMt)} Mt (${target.targetYear}): ${verdict}`,
          }),
        ],
      );
    }),
  );
}
