import { isAbsolute, resolve } from 'node:path';

/** Where the store lives: an SQLite file (the default) or a PostgreSQL database. */
export type StoreLocation = { backend: 'sqlite'; path: string } | { backend: 'postgres'; url: string; schema?: string };

export const DEFAULT_DATABASE_FILE = 'caravan.sqlite';
export const DATABASE_URL_VARIABLE = 'CARAVAN_DATABASE_URL';

/**
 * The store named by --db, else by $CARAVAN_DATABASE_URL, else ./caravan.sqlite. Accepts `postgres://…` and
 * `postgresql://…` URLs (with an optional `schema=NAME` parameter: the tables go in that schema, created if
 * missing), `sqlite:PATH` or `file:PATH`, `:memory:`, or a plain file path.
 */
export function resolveStoreLocation(option?: string, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const raw = option ?? env[DATABASE_URL_VARIABLE] ?? DEFAULT_DATABASE_FILE;
  const text = raw.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) {
    const url = new URL(text);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return { backend: 'postgres', url: url.toString(), ...(schema ? { schema } : {}) };
  }
  const path = text.replace(/^(sqlite|file):(\/\/)?/i, '');
  if (path === ':memory:') return { backend: 'sqlite', path };
  return { backend: 'sqlite', path: isAbsolute(path) ? path : resolve(path) };
}

/** A PostgreSQL URL with `schema=NAME`, so that a store opened with it keeps its tables in that schema. */
export function withSchema(url: string, schema: string): string {
  const withParameter = new URL(url);
  withParameter.searchParams.set('schema', schema);
  return withParameter.toString();
}

/** The location for messages, without a password. */
export function describeLocation(location: StoreLocation): string {
  if (location.backend === 'sqlite') return `sqlite ${location.path}`;
  const url = new URL(location.url);
  if (url.password !== '') url.password = '***';
  return `postgres ${url.toString()}${location.schema ? ` (schema ${location.schema})` : ''}`;
}
