/**
 * A plain pg pool on the current test file's database, for assertions and raw setup, as its
 * superuser (the app code under test connects as courtside_app through DATABASE_URL).
 */
import pg from "pg";
import { afterAll } from "vitest";

let pool: pg.Pool | undefined;

export function sql(): pg.Pool {
  pool ??= new pg.Pool({
    connectionString: process.env.ADMIN_DATABASE_URL ?? process.env.DATABASE_URL,
    max: 20,
  });
  return pool;
}

afterAll(async () => {
  await pool?.end();
  pool = undefined;
});

/** One query on its own connection to `url` (a database of another cluster, another role). */
export async function queryOnce<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values?: unknown[],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}
