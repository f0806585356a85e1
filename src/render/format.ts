/**
 * The one number formatter of the project, shared by the CLI, the server's text output and the web app (pure, no
 * imports, so the web bundle can take it as it is). en-US grouping everywhere, so reports read the same anywhere.
 */
const formatters = new Map<number, Intl.NumberFormat>();

function intlFormat(value: number, digits: number): string {
  let formatter = formatters.get(digits);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter.format(value);
}

/**
 * A number as people read it: grouped thousands, a fixed number of decimals. Gives exactly what
 * Intl.NumberFormat('en-US') gives (it rounds the shortest decimal form of the number half away from zero, and
 * keeps the minus of a negative number that rounds to zero), at a fraction of its cost: a route report formats
 * hundreds of cells per request. Exponent forms and non-finite values go to Intl itself.
 */
export function formatNumber(value: number, digits = 0): string {
  const magnitude = Math.abs(value);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (digits <= 6) {
    // Scaled to an integer, the number rounds like its shortest decimal form unless it lies within a hair of a
    // half, where binary noise could flip the decision (1.005 is 1.00499… in binary): those take the exact path.
    const scale = POWERS[digits]!;
    const scaled = magnitude * scale;
    const below = Math.floor(scaled);
    if (scaled < 1e9 && Math.abs(scaled - below - 0.5) > 1e-6) {
      const units = scaled - below > 0.5 ? below + 1 : below;
      const whole = group(String(Math.floor(units / scale)));
      if (digits === 0) return sign + whole;
      return `${sign}${whole}.${String(units % scale).padStart(digits, '0')}`;
    }
  }
  return exactFormat(value, magnitude, sign, digits);
}

const POWERS = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** Groups the digits of a whole number by thousands: "1234567" → "1,234,567". */
function group(whole: string): string {
  if (whole.length <= 3) return whole;
  const head = whole.length % 3;
  let grouped = head > 0 ? whole.slice(0, head) : '';
  for (let i = head; i < whole.length; i += 3) grouped += (grouped === '' ? '' : ',') + whole.slice(i, i + 3);
  return grouped;
}

/** Rounds the shortest decimal form of the number as text, half away from zero, as Intl does. */
function exactFormat(value: number, magnitude: number, sign: string, digits: number): string {
  const text = String(magnitude);
  if (!Number.isFinite(value) || text.includes('e') || digits > 20) return intlFormat(value, digits);
  const point = text.indexOf('.');
  let whole = point < 0 ? text : text.slice(0, point);
  let fraction = point < 0 ? '' : text.slice(point + 1);
  if (fraction.length > digits) {
    const roundUp = fraction.charCodeAt(digits) >= 53; // '5'
    fraction = fraction.slice(0, digits);
    if (roundUp) {
      const carried = increment(whole + fraction);
      whole = carried.slice(0, carried.length - digits);
      fraction = carried.slice(carried.length - digits);
    }
  } else fraction = fraction.padEnd(digits, '0');
  return digits > 0 ? `${sign}${group(whole)}.${fraction}` : `${sign}${group(whole)}`;
}

/** Adds one in the last place of a string of decimal digits: "1299" → "1300", "99" → "100". */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57) i--; // '9'
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${'0'.repeat(digits.length - i - 1)}`;
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
