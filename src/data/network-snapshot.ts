import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { InputIssue } from '../model/issues.js';
import type { Network } from '../model/types.js';
import { displayPath } from './display-path.js';

/**
 * A compiled snapshot of a validated network folder. Parsing and validating the CSV files costs more than most
 * commands do with the network, so the result is kept in a cache file and reused while the folder's files and the
 * code that reads them are unchanged.
 */
export interface LoadedNetwork {
  network: Network;
  warnings: InputIssue[];
}

/** Bumped whenever the layout of a snapshot file changes, so that old files read as stale rather than as garbage. */
const FORMAT = 'caravan-network-snapshot/2';
const MAGIC = Buffer.from('CRVNSNP2');
const DIGEST_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * DIGEST_BYTES;

/** Where snapshots live: $CARAVAN_CACHE_DIR, else the XDG cache folder; undefined when CARAVAN_NO_CACHE=1. */
export function networkCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['CARAVAN_NO_CACHE'] === '1') return undefined;
  if (env['CARAVAN_CACHE_DIR']) return env['CARAVAN_CACHE_DIR'];
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'caravan');
}

export interface SnapshotOptions {
  /** The cache folder; no cache at all when undefined. */
  cacheDir: string | undefined;
  /** The Caravan version: a new release never trusts the snapshots of the last. */
  version: string;
}

/**
 * Returns the network of folder `dir` from its snapshot when that is current, else from `load`, writing a fresh
 * snapshot. The cache can only speed things up: an unreadable or corrupt snapshot is a miss, and a failure to write
 * one (a read-only home) goes unnoticed. Loads that throw (invalid networks) are never cached, nor are files.
 */
export function loadWithSnapshot(dir: string, options: SnapshotOptions, load: () => LoadedNetwork): LoadedNetwork {
  const lookup = lookUpSnapshot(dir, options);
  if (lookup.cached !== undefined) return lookup.cached;
  const loaded = load();
  lookup.save(loaded);
  return loaded;
}

export interface SnapshotLookup {
  /** The network from a current snapshot, if there is one. */
  cached?: LoadedNetwork;
  /** Keeps what a full load gave, for the next time (does nothing when the folder cannot be cached). */
  save(loaded: LoadedNetwork): void;
}

/** The two halves of loadWithSnapshot, for a caller that must import the full loader itself on a miss. */
export function lookUpSnapshot(dir: string, options: SnapshotOptions): SnapshotLookup {
  const nothing: SnapshotLookup = { save: () => {} };
  if (options.cacheDir === undefined) return nothing;
  let files: string[];
  let key: Buffer;
  try {
    if (!statSync(dir).isDirectory()) return nothing;
    files = folderFiles(dir);
    key = snapshotKey(dir, files, options.version);
  } catch {
    // Unreadable: the full load says what is wrong.
    return nothing;
  }
  const labels = Object.fromEntries(files.map((name) => [name, displayPath(join(dir, name))]));
  const file = snapshotFile(options.cacheDir, dir);
  const cached = readSnapshot(file, key, labels);
  return {
    ...(cached === undefined ? {} : { cached }),
    save: (loaded) => writeSnapshot(file, key, { ...loaded, labels }),
  };
}

/** One slot per folder, overwritten when its content changes, so the cache does not grow with every edit. */
function snapshotFile(cacheDir: string, dir: string): string {
  const slot = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 24);
  return join(cacheDir, `network-${slot}.snapshot`);
}

/**
 * The files of a folder (symbolic links followed, so that a linked CSV file counts), sorted so that the key does not
 * depend on the order the system lists them in.
 */
function folderFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

/**
 * The content hash a snapshot must match: every file of the folder (name, size and bytes), the Caravan version, and
 * the modules that turn files into a Network (a rebuilt or edited loader or schema must not serve old results).
 */
function snapshotKey(dir: string, files: readonly string[], version: string): Buffer {
  const hash = createHash('sha256').update(`${FORMAT}\0${version}\0`);
  for (const name of files) {
    const bytes = readFileSync(join(dir, name));
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  for (const codeDir of LOADER_CODE_DIRS) {
    for (const name of readdirSync(codeDir).filter(isModule).sort()) {
      const stat = statSync(join(codeDir, name));
      if (stat.isFile()) hash.update(`${name}\0${stat.size}\0${stat.mtimeMs}\0`);
    }
  }
  return hash.digest();
}

/** The folders of the code that reads and validates a network: this one (the loaders) and the model's schemas. */
const LOADER_CODE_DIRS = [
  dirname(fileURLToPath(import.meta.url)),
  fileURLToPath(new URL('../model/', import.meta.url)),
];

/** Source maps and declarations do not change what the code does, and statting them would cost a third more. */
const isModule = (name: string) => (name.endsWith('.js') || name.endsWith('.ts')) && !name.endsWith('.d.ts');

interface SnapshotContent extends LoadedNetwork {
  labels: Readonly<Record<string, string>>;
}

function readSnapshot(file: string, key: Buffer, labels: Readonly<Record<string, string>>): LoadedNetwork | undefined {
  try {
    const bytes = readFileSync(file);
    if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    if (!bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES).equals(key)) return undefined;
    const payload = bytes.subarray(HEADER_BYTES);
    const digest = createHash('sha256').update(payload).digest();
    if (!digest.equals(bytes.subarray(MAGIC.length + DIGEST_BYTES, HEADER_BYTES))) return undefined;
    const content = JSON.parse(payload.toString('utf8')) as SnapshotContent;
    if (!Array.isArray(content.warnings) || typeof content.network !== 'object' || content.network === null) {
      return undefined;
    }
    relabel(content, labels);
    return { network: content.network, warnings: content.warnings };
  } catch {
    return undefined;
  }
}

/**
 * Origins and issues name files by their path relative to the working folder, so a snapshot written from another
 * folder names them differently: rename them to what a load from here would say.
 */
function relabel(content: SnapshotContent, labels: Readonly<Record<string, string>>): void {
  const renamed = new Map<string, string>();
  for (const [file, label] of Object.entries(content.labels)) {
    const current = labels[file];
    if (current !== undefined && current !== label) renamed.set(label, current);
  }
  if (renamed.size === 0) return;
  for (const records of Object.values(content.network) as { origin?: { file?: string } }[][]) {
    for (const record of records) {
      const origin = record.origin;
      if (origin?.file !== undefined) origin.file = renamed.get(origin.file) ?? origin.file;
    }
  }
  for (const issue of content.warnings) issue.file = renamed.get(issue.file) ?? issue.file;
}

function writeSnapshot(file: string, key: Buffer, content: SnapshotContent): void {
  // Written aside and renamed into place, so a concurrent reader sees the old snapshot or the new, never half of one.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    // JSON parses several times faster than v8.deserialize; a network it would not carry faithfully (undefined,
    // NaN, a class instance) is simply not cached.
    const json = JSON.stringify(content);
    if (!isDeepStrictEqual(JSON.parse(json), content)) return;
    const payload = Buffer.from(json, 'utf8');
    const digest = createHash('sha256').update(payload).digest();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([MAGIC, key, digest, payload]));
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}
