import { existsSync, readFileSync } from 'node:fs';
import { isNode } from 'yaml';
import { checkRegion } from '../model/check-region.js';
import { fieldPath, type InputIssue } from '../model/issues.js';
import { regionFromParsed, regionSchema, type RegionFacts } from '../model/region.js';
import type { Network } from '../model/types.js';
import { boundedToJs, parseBoundedYaml } from './yaml-input.js';

export const REGION_FILE = 'region.yaml';

/**
 * Reads a network folder's region.yaml (optional) and checks it against the network read so far. Issues carry the
 * line of the value at fault, like the CSV files'.
 */
export function readRegionFile(
  path: string,
  label: string,
  network: Network,
): { region?: RegionFacts; issues: InputIssue[] } {
  if (!existsSync(path)) return { issues: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { issues: [{ severity: 'error', file: label, message: `cannot read: ${(error as Error).message}` }] };
  }
  const { document, lineCounter, issues: yamlIssues } = parseBoundedYaml(text, label);
  if (document === undefined) return { issues: yamlIssues };
  const { value, issues: aliasIssues } = boundedToJs(document, label);
  if (aliasIssues.length > 0) return { issues: aliasIssues };
  // The line of the deepest node that exists along the path: a missing key points at its parent.
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = regionSchema.safeParse(value ?? {});
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((issue): InputIssue => {
        const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
        const line = lineOf(path);
        const field = fieldPath(path);
        return {
          severity: 'error',
          file: label,
          ...(line === undefined ? {} : { line }),
          ...(field === undefined ? {} : { field }),
          message: issue.message,
        };
      }),
    };
  }
  const region = regionFromParsed(parsed.data, { file: label });
  return { region, issues: checkRegion(region, network, label, lineOf) };
}
