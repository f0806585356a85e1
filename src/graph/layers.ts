import type { GaugeMm, Mode } from '../model/vocabulary.js';
import { GAUGES_MM } from '../model/vocabulary.js';

/**
 * A layer is one way of being at a place: on a truck, on a ship, on a ferry, or on rail wagons of one gauge.
 * Splitting rail by gauge is what makes a gauge change an explicit, costed step instead of a free pass.
 */
export interface Layer {
  mode: Mode;
  gaugeMm?: GaugeMm;
  label: string;
}

export const LAYERS: readonly Layer[] = [
  { mode: 'road', label: 'road' },
  ...GAUGES_MM.map((gaugeMm): Layer => ({ mode: 'rail', gaugeMm, label: `rail ${gaugeMm} mm` })),
  { mode: 'sea', label: 'sea' },
  { mode: 'ferry', label: 'ferry' },
];

export function layerOf(mode: Mode, gaugeMm: GaugeMm | undefined): number {
  const index = LAYERS.findIndex((layer) => layer.mode === mode && (mode !== 'rail' || layer.gaugeMm === gaugeMm));
  if (index < 0) throw new RangeError(`no layer for ${mode}${gaugeMm === undefined ? '' : ` ${gaugeMm} mm`}`);
  return index;
}

export const isWaterMode = (mode: Mode): boolean => mode === 'sea' || mode === 'ferry';
