import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../model/issues.js';
import { isDecimalNumber } from '../../model/text.js';

/** Reads a whole text file, turning a missing or unreadable file into an input error located at the file. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`;
    throw new InvalidInputError([{ severity: 'error', file: path, message }], `cannot read ${path}`);
  }
}

/** Parses a TNTP number cell; TNTP files use plain decimals and E-notation. Anything else is NaN. */
export function parseNumberCell(text: string): number {
  const trimmed = text.trim();
  return isDecimalNumber(trimmed) ? Number(trimmed) : NaN;
}
