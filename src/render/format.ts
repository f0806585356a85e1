/**
 * The one number formatter of the project, shared by the CLI, the server's text output and the web app (pure, no
 * imports, so the web bundle can take it as it is). en-US grouping everywhere, so reports read the same anywhere.
 */
const formatters = new Map<number, Intl.NumberFormat>();

/** A number as people read it: grouped thousands, a fixed number of decimals. */
export function formatNumber(value: number, digits = 0): string {
  let formatter = formatters.get(digits);
  if (formatter === undefined) {
    // Building an Intl.NumberFormat costs far more than formatting with one; reports format thousands of cells.
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter.format(value);
}

/** Like formatNumber, with an em dash for a figure that is missing or not finite. */
export const fixed = (value: number | undefined, digits = 1): string =>
  value === undefined || !Number.isFinite(value) ? '—' : formatNumber(value, digits);

/** A change with its sign: +1.2, −0.4 (a true minus), 0.0 when it rounds to nothing. */
export function formatChange(value: number, digits = 1): string {
  const text = formatNumber(Math.abs(value), digits);
  if (Number(text.replaceAll(',', '')) === 0) return text;
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** A share as a signed percentage change (+12%, −3%), or an em dash when it is unknown. */
export const percent = (value: number | undefined, digits = 0): string =>
  value === undefined || !Number.isFinite(value)
    ? '—'
    : `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value) * 100, digits)}%`;

/** A share as a plain percentage: 0.25 → 25%. */
export const formatPercent = (share: number, digits = 0): string => `${formatNumber(100 * share, digits)}%`;

/** Rounds a figure to a step that is meaningful for it (0.1 km, 0.01 USD) for machine-readable outputs. */
export function roundTo(value: number, step: number): number {
  const rounded = Math.round(value / step) * step;
  // Multiplying back reintroduces binary noise (0.30000000000000004); going through the decimal text removes it.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(rounded.toFixed(decimals));
}
