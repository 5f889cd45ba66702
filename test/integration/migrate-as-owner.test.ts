/**
 * An operator's own PostgreSQL server (docs/operations.md "Database roles"): the superuser runs
 * deploy/postgresql/courtside-bootstrap.sql once, then `npm run db:migrate` runs every migration
 * as courtside_owner, who is no superuser, with MIGRATION_DATABASE_URL. A fresh cluster of its own.
 */
import { spawnSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations } from "../../scripts/db/migrator.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/db/embedded.ts";
import { scratchDir } from "../../scripts/db/scratch-dir.ts";
import { queryOnce } from "../helpers/sql.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const dataDir = scratchDir(`migrate-as-owner-${process.pid}`);
const ownerPassword = "owner-Pw-0123456789";
const appPassword = "app-Pw-0123456789";
let server: EmbeddedDatabase;

/** The bootstrap file with psql's :'variable' replaced by the literal, one statement at a time. */
async function bootstrapStatements(): Promise<string[]> {
  const sql = await readFile(path.join(root, "deploy/postgresql/courtside-bootstrap.sql"), "utf8");
  const vars: Record<string, string> = {
    owner_password: ownerPassword,
    app_password: appPassword,
  };
  return sql
    .split("\n")
    .filter((l) => !l.startsWith("--"))
    .join("\n")
    .replace(/:'(\w+)'/g, (_, name: string) => `'${vars[name]!.replace(/'/g, "''")}'`)
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const tcp = (user: string, password: string, database = "courtside") =>
  `postgresql://${user}:${password}@127.0.0.1:${server.port}/${database}`;

beforeAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  server = await startEmbeddedPostgres({ dataDir, persistent: false, fast: true });
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  try {
    for (const statement of await bootstrapStatements()) await admin.query(statement);
  } finally {
    await admin.end();
  }
});
afterAll(async () => {
  await server?.stop({ immediate: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe("migrations as the schema owner on a bootstrapped server", () => {
  it("npm run db:migrate applies every migration with MIGRATION_DATABASE_URL, naming it, not the password", async () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        MIGRATION_DATABASE_URL: tcp("courtside_owner", ownerPassword),
        DATABASE_URL: tcp("courtside_app", appPassword),
      },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "Migrating with MIGRATION_DATABASE_URL (courtside_owner on 127.0.0.1",
    );
    expect(r.stdout + r.stderr).not.toContain(ownerPassword);
    const all = await loadMigrations();
    expect(r.stdout).toContain(`Applied ${all.length} migration(s)`);

    const owner = tcp("courtside_owner", ownerPassword);
    expect(
      await queryOnce(
        owner,
        "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user",
      ),
    ).toEqual([{ rolsuper: false, rolcreaterole: false }]);
    // Everything in the schema is the owner's, the extensions included.
    const foreign = await queryOnce(
      owner,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'courtside_owner'`,
    );
    expect(foreign).toEqual([]);
    const extensions = await queryOnce<{ extname: string; owner: string }>(
      owner,
      `SELECT extname, pg_get_userbyid(extowner) AS owner FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`,
    );
    expect(extensions).toEqual([
      { extname: "btree_gist", owner: "courtside_owner" },
      { extname: "citext", owner: "courtside_owner" },
    ]);
  });

  it("the app role then reads and writes data, and changes no structure", async () => {
    const app = tcp("courtside_app", appPassword);
    expect(await queryOnce(app, "SELECT count(*)::int AS n FROM app_user")).toEqual([{ n: 0 }]);
    await expect(queryOnce(app, "CREATE TABLE intruder (id int)")).rejects.toMatchObject({
      code: "42501",
    });
  });
});
