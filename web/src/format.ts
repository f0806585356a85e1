const formatters = new Map<number, Intl.NumberFormat>();

/** A number as people read it: grouped thousands, a fixed number of decimals. */
export function formatNumber(value: number, decimals = 0): string {
  let formatter = formatters.get(decimals);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(decimals, formatter);
  }
  return formatter.format(value);
}

/** "Saryagash (KZ) / Keles (UZ) rail crossing" → "Saryagash": tables are narrow, the full name is on the map. */
export const shortName = (name: string): string => name.split(' (')[0]!.split(' /')[0]!;

/** "Farap (TM) / Alat (UZ) road crossing" → "Farap road": short, yet the rail and road posts stay apart. */
export function crossingName(name: string): string {
  const mode = /\b(rail|road)\b[^/]*$/.exec(name)?.[1];
  return mode === undefined ? shortName(name) : `${shortName(name)} ${mode}`;
}

/** A change with its sign: +1.2, −0.4 (a true minus), 0.0. */
export function formatChange(value: number, decimals = 1): string {
  const text = formatNumber(Math.abs(value), decimals);
  if (Number(text.replaceAll(',', '')) === 0) return text;
  return `${value > 0 ? '+' : '−'}${text}`;
}

export const formatPercent = (share: number, decimals = 0): string => `${formatNumber(100 * share, decimals)}%`;

export const formatDays = (hours: number): string => formatNumber(hours / 24, 1);

/** Creates an element with a class and text, the building block of the panels. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attributes?: Record<string, string> } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (options.className !== undefined) created.className = options.className;
  if (options.text !== undefined) created.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) created.setAttribute(name, value);
  created.append(...children);
  return created;
}
