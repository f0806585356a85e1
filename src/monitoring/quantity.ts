import { formatNumber as fixed } from '../render/format.js';
import type { TradeUnit } from './trade.js';

/** A trade figure as people read it: $340.0 M, $1.00 B, 1.60 Mt, 277 kt (the CLI and the web app alike). */
export function formatQuantity(value: number, unit: TradeUnit): string {
  if (unit === 'usd') {
    if (Math.abs(value) >= 1e9) return `$${fixed(value / 1e9, 2)} B`;
    return `$${fixed(value / 1e6, 1)} M`;
  }
  if (Math.abs(value) >= 1e6) return `${fixed(value / 1e6, 2)} Mt`;
  return `${fixed(value / 1e3, 0)} kt`;
}
