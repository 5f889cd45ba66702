/** Creates empty throwaway databases on the test server (for tests of migrations themselves). */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { withDatabase } from "../setup/global-db.ts";

const created: string[] = [];

export async function createEmptyDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `s_${randomBytes(6).toString("hex")}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  created.push(name);
  return withDatabase(adminUrl, name);
}

afterAll(async () => {
  if (!created.length) return;
  const c = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});
