import { isAbsolute, relative } from 'node:path';

/** Paths in messages are relative to the working folder when inside it: shorter, and still clickable. */
export function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
