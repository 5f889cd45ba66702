/**
 * Least privilege (migration 20261204090000_database_roles): the app role, which the web server,
 * the worker and this whole suite's app code connect as, can read and write data but cannot change
 * the schema, empty a table, rewrite or silence the audit log, or touch the migration history.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/sql";

let app: pg.Client;

beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
  await sql().query(`INSERT INTO audit_event (action) VALUES ('test.role')`);
});

afterAll(async () => {
  await app?.end();
});

async function refused(statement: string): Promise<string> {
  const err = await app.query(statement).then(
    () => null,
    (e: unknown) => e as { code?: string; message?: string },
  );
  expect(err, `${statement} must fail`).not.toBeNull();
  return `${err!.code}: ${err!.message}`;
}

describe("the app role", () => {
  it("is who the app connects as: no superuser, owns nothing, cannot create roles or databases", async () => {
    const { rows } = await app.query<{
      user: string;
      rolsuper: boolean;
      rolcreaterole: boolean;
      rolcreatedb: boolean;
      owned: number;
    }>(
      `SELECT current_user AS user, rolsuper, rolcreaterole, rolcreatedb,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      user: "courtside_app",
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned: 0,
    });
    const owners = await sql().query<{ owner: string }>(
      `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
    );
    expect(owners.rows.map((r) => r.owner)).toEqual(["courtside_owner"]);
  });

  it("reads and writes data, and appends to the audit log", async () => {
    await app.query(`SELECT count(*) FROM club`);
    await app.query(`INSERT INTO audit_event (action) VALUES ('test.app')`);
    const { rows } = await app.query(`SELECT count(*)::int AS n FROM audit_event`);
    expect(rows[0].n).toBe(2);
  });

  it.each([
    ["ALTER a table", `ALTER TABLE booking ADD COLUMN intruder int`],
    ["DROP a table", `DROP TABLE booking`],
    ["TRUNCATE a table", `TRUNCATE booking`],
    ["TRUNCATE the audit log", `TRUNCATE audit_event`],
    ["UPDATE the audit log", `UPDATE audit_event SET action = 'forged'`],
    ["DELETE from the audit log", `DELETE FROM audit_event`],
    [
      "disable the audit log's trigger",
      `ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`,
    ],
    ["disable every trigger", `ALTER TABLE audit_event DISABLE TRIGGER ALL`],
    ["CREATE in the schema", `CREATE TABLE public.intruder (x int)`],
    [
      "CREATE a function",
      `CREATE FUNCTION public.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
    ],
    ["rewrite the migration history", `DELETE FROM _prisma_migrations`],
    [
      "add to the migration history",
      `INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'x', 'x')`,
    ],
    ["grant itself more", `GRANT courtside_owner TO courtside_app`],
    ["create a role", `CREATE ROLE intruder`],
  ])("cannot %s", async (_what, statement) => {
    expect(await refused(statement)).toMatch(
      /^42501: (permission denied|must be owner|must be a member|must have admin option|audit_event is append-only)/,
    );
  });

  it("cannot connect to the cluster's other databases", async () => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = "/postgres";
    const c = new pg.Client({ connectionString: u.toString() });
    const err = await c.connect().then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    await c.end().catch(() => undefined);
    expect(err?.code).toBe("42501");
  });
});
