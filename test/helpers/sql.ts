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
