import pg from 'pg';

/** Runs `work` on a connection of its own to a PostgreSQL database, and closes it whatever happens. */
export async function withPgClient<T>(
  config: string | pg.ClientConfig,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(typeof config === 'string' ? { connectionString: config } : config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a schema of the database at `url` and everything in it (nothing if there is no such schema). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  await withPgClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
}
