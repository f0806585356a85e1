/**
 * ISO 8601 date-times with an explicit time zone offset: the form shipment records use, since a checkpoint's
 * local time matters (reports bucket a visit by the month it happened where it happened) as much as the instant.
 */
export interface Timestamp {
  /** Canonical text: `YYYY-MM-DDTHH:MM:SS±HH:MM` (with `.sss` when there are milliseconds). */
  text: string;
  /** Milliseconds since 1970-01-01T00:00Z. */
  ms: number;
  /** Offset of the local time from UTC, in minutes (Iran: +210). */
  offsetMin: number;
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * The years a shipment record may fall in: the corridors' recorded era (CAREC monitoring starts in 2010; Soviet-era
 * records are not shipments of these corridors) to well past any plan. Outside it a date is a typo, and years
 * 0000–0099 would otherwise be re-dated to 1900–1999 by Date.UTC.
 */
export const TIMESTAMP_YEARS = { min: 1970, max: 2100 } as const;

export const TIMESTAMP_EXPECTED = `an ISO 8601 date-time with a time zone offset in the years ${TIMESTAMP_YEARS.min}–${TIMESTAMP_YEARS.max}, e.g. 2025-03-14T08:30:00+05:00`;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatOffset(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Parses a date-time with offset; undefined when the text is not one or names an impossible date or time. */
export function parseTimestamp(input: string): Timestamp | undefined {
  const match = ISO_WITH_OFFSET.exec(input.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  if (year < TIMESTAMP_YEARS.min || year > TIMESTAMP_YEARS.max) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || millis > 999) return undefined;
  let offsetMin = 0;
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const offH = Number(digits.slice(0, 2));
    const offM = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (offH > 14 || offM > 59) return undefined;
    offsetMin = (zone.startsWith('-') ? -1 : 1) * (offH * 60 + offM);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMin * 60_000;
  return { ms, offsetMin, text: formatTimestamp(ms, offsetMin) };
}

/** The canonical text of an instant shown in the local time of the given offset. */
export function formatTimestamp(ms: number, offsetMin: number): string {
  const local = new Date(ms + offsetMin * 60_000);
  const millis = local.getUTCMilliseconds();
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${millis === 0 ? '' : `.${pad(millis, 3)}`}${formatOffset(offsetMin)}`
  );
}

/** Calendar year and month (1–12) of an instant in the local time of the given offset. */
export function localYearMonth(ms: number, offsetMin: number): { year: number; month: number } {
  const local = new Date(ms + offsetMin * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const HOUR_MS = 3_600_000;
