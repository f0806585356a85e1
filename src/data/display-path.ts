import { basename, isAbsolute, relative } from 'node:path';

/** Paths in messages are relative to the working folder when inside it: shorter, and still clickable. */
export function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/**
 * A path as it may be shown to other machines and in JSON output: relative to caravan's own folder for its bundled
 * files (data/monitoring/trade.csv), else the file's name only; never the server's absolute path.
 */
export function publicPath(path: string, root: string): string {
  if (!isAbsolute(path)) return path;
  const inside = relative(root, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : basename(path);
}

/** A copy of a JSON value with every `file` member made a publicPath. */
export function withPublicPaths<T>(value: T, root: string): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withPublicPaths(item, root)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      (key === 'file' || key === 'files') && typeof member === 'string'
        ? publicPath(member, root)
        : key === 'files' && Array.isArray(member)
          ? member.map((item: unknown) => (typeof item === 'string' ? publicPath(item, root) : item))
          : withPublicPaths(member, root),
    ]),
  ) as T;
}
