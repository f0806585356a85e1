import { sql, type Insertable, type Kysely } from 'kysely';
import type { Tables } from './tables.js';

export type ColumnType = 'text' | 'integer' | 'bigint' | 'double precision';

/** Rows per statement: each column travels as one array parameter, so the bound is memory, not parameters. */
const ROWS_PER_STATEMENT = 10_000;

/**
 * Inserts rows into a PostgreSQL table as one array per column, `insert … select * from unnest($1::text[], …)`:
 * a statement of one parameter per column instead of a VALUES list of one per cell, which the server parses and
 * plans once per 10,000 rows and the client builds without a query-builder node per cell (most of what COPY
 * saves, without a COPY driver). `types` names the columns, in the statement's order, with their SQL types;
 * `conflict` is appended as is (e.g. `on conflict (id) do nothing`).
 */
export async function insertByColumns<T extends keyof Tables>(
  db: Kysely<Tables>,
  table: T,
  types: Partial<Record<keyof Insertable<Tables[T]> & string, ColumnType>>,
  rows: readonly Insertable<Tables[T]>[],
  conflict = '',
  onProgress?: (done: number) => void,
): Promise<void> {
  const columns = Object.entries(types) as [keyof Insertable<Tables[T]> & string, ColumnType][];
  const names = sql.raw(columns.map(([name]) => name).join(', '));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays = columns.map(([name, type]) => sql`${batch.map((row) => row[name] ?? null)}::${sql.raw(type)}[]`);
    await sql`insert into ${sql.table(table)} (${names}) select * from unnest(${sql.join(arrays)}) ${sql.raw(conflict)}`.execute(
      db,
    );
    onProgress?.(start + batch.length);
  }
}
