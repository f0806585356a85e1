import { isMap, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { InputIssue } from '../model/issues.js';

/**
 * Bounds on a YAML input file (scenarios, optimizations, region.yaml). The bundled files are a few kilobytes with a
 * few hundred keys; the bounds are far above that and keep a hostile file (a billion laughs, tens of thousands of
 * keys, deep nesting) from holding a core or the memory.
 */
export const YAML_LIMITS = { bytes: 256 * 1024, entries: 4000, depth: 32, aliases: 100 } as const;

export interface ParsedYaml {
  document?: Document.Parsed;
  lineCounter: LineCounter;
  issues: InputIssue[];
}

const issue = (file: string, message: string, line?: number): InputIssue => ({
  severity: 'error',
  file,
  ...(line === undefined ? {} : { line }),
  message,
});

/**
 * Parses YAML text within YAML_LIMITS; every problem becomes an issue naming the file and, where known, the line.
 * Merge keys (`<<`) are not expanded (YAML 1.2), so a merge bomb is just a key.
 */
export function parseBoundedYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const bytes = Buffer.byteLength(text);
  if (bytes > YAML_LIMITS.bytes)
    return { lineCounter, issues: [issue(file, `the file is ${bytes} bytes; at most ${YAML_LIMITS.bytes} are read`)] };
  // Every key or item needs a ':' or a '-' (or a ',' in flow style): their count bounds the parser's work before it starts.
  const marks = text.match(/[:,-]/g)?.length ?? 0;
  if (marks > YAML_LIMITS.entries * 2)
    return { lineCounter, issues: [issue(file, `too many keys and items: at most ${YAML_LIMITS.entries} are read`)] };
  const document = parseDocument(text, { lineCounter, merge: false, prettyErrors: true });
  if (document.errors.length > 0)
    return {
      lineCounter,
      issues: document.errors.map((error) =>
        issue(file, `not valid YAML: ${error.message.split('\n')[0]}`, error.linePos?.[0]?.line),
      ),
    };
  let entries = 0;
  let deepest: number | undefined;
  let tooDeep: number | undefined;
  visit(document, {
    Pair() {
      entries++;
    },
    Seq(_key, node) {
      entries += node.items.length;
    },
    Node(_key, node, path) {
      const depth = path.filter((step) => isMap(step) || isSeq(step)).length;
      if (depth > YAML_LIMITS.depth && tooDeep === undefined) {
        tooDeep = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
        deepest = depth;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (deepest !== undefined)
    return { lineCounter, issues: [issue(file, `nested deeper than ${YAML_LIMITS.depth} levels`, tooDeep)] };
  if (entries > YAML_LIMITS.entries)
    return { lineCounter, issues: [issue(file, `${entries} keys and items; at most ${YAML_LIMITS.entries} are read`)] };
  return { document, lineCounter, issues: [] };
}

/** The document as plain values, or an issue when its aliases would expand beyond YAML_LIMITS. */
export function boundedToJs(document: Document.Parsed, file: string): { value?: unknown; issues: InputIssue[] } {
  try {
    const value: unknown = document.toJS({ maxAliasCount: YAML_LIMITS.aliases });
    // `&a [*a]` is a list that contains itself: no file means that (found by the fuzz suite).
    if (circular(value, new Set()))
      return { issues: [issue(file, 'an alias refers to the node that contains it (&a [*a]): expected plain values')] };
    return { value, issues: [] };
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError)
      return {
        issues: [issue(file, `aliases expand too far (at most ${YAML_LIMITS.aliases} uses): ${error.message}`)],
      };
    throw error;
  }
}

function circular(value: unknown, open: Set<unknown>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (open.has(value)) return true;
  open.add(value);
  const members = value instanceof Map ? [...value.values()] : Object.values(value as object);
  const found = members.some((member) => circular(member, open));
  open.delete(value);
  return found;
}
