// The app formats numbers exactly as the CLI and the server's text reports do: one formatter, shared from src.
import { formatChange, formatNumber, formatPercent } from '../../src/render/format.js';

export { formatChange, formatNumber, formatPercent };

/** "Saryagash (KZ) / Keles (UZ) rail crossing" → "Saryagash": tables are narrow, the full name is on the map. */
export const shortName = (name: string): string => name.split(' (')[0]!.split(' /')[0]!;

/** "Farap (TM) / Alat (UZ) road crossing" → "Farap road": short, yet the rail and road posts stay apart. */
export function crossingName(name: string): string {
  const mode = /\b(rail|road)\b[^/]*$/.exec(name)?.[1];
  return mode === undefined ? shortName(name) : `${shortName(name)} ${mode}`;
}

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
