import type { Legend } from '../app-context.js';
import type { LegendItem } from '../legend.js';
import { formatNumber } from '../format.js';
import { SELECTED_CASING_COLOR, WIDEST_MT, flowWidth, type WidthScale } from '../map/flow-layers.js';
import { NO_CAPACITY_COLOR, UTILIZATION_BANDS } from '../palette.js';

/**
 * What the flows view draws: widths at the scale of the map's size, from a small flow to the run's largest (at
 * most the widest drawn), colors by v/c, and the selected corridors' outline.
 */
export function flowsLegend(
  widths: WidthScale,
  largestMt: number | undefined,
  selectedNames: readonly string[],
): Legend {
  const largest = Math.min(largestMt ?? WIDEST_MT, WIDEST_MT);
  const sizes = [1, largest >= 25 ? 10 : 5, largest].filter((mt, index, all) => index === 0 || mt > all[index - 1]!);
  return {
    title: 'Flows · width Mt/yr, color v/c',
    items: [
      ...sizes.map((mt): LegendItem => ({
        swatch: 'line',
        color: NO_CAPACITY_COLOR,
        label: `${formatNumber(mt, Number.isInteger(mt) || mt >= 10 ? 0 : 1)}${mt === WIDEST_MT && (largestMt ?? 0) > WIDEST_MT ? '+' : ''} Mt/yr`,
        width: flowWidth(mt, widths),
      })),
      ...UTILIZATION_BANDS.map((band): LegendItem => ({ swatch: 'line', color: band.color, label: band.label })),
      { swatch: 'line', color: NO_CAPACITY_COLOR, label: 'no capacity figure' },
      { swatch: 'dot', color: UTILIZATION_BANDS[3].color, label: 'Border or port, by v/c' },
      ...(selectedNames.length === 0
        ? []
        : [{ swatch: 'line' as const, color: SELECTED_CASING_COLOR, label: `Selected: ${selectedNames.join(', ')}` }]),
    ],
  };
}
