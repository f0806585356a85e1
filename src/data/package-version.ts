import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';

let cached: string | undefined;

/**
 * The version in package.json, read at run time because package.json lies outside the compiled sources. Here, not
 * in the CLI, because the server's OpenAPI document states it too and the server must not import the CLI.
 */
export function packageVersion(): string {
  if (cached === undefined) {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    cached = typeof manifest.version === 'string' ? manifest.version : 'unknown';
  }
  return cached;
}
