/**
 * Applies prisma/migrations/<name>/migration.sql files in Prisma's format, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so that either tool accepts the
 * other's history. See docs/decisions/003-sql-migrations-own-runner.md.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { DB_APPLICATION_NAMES, withApplicationName } from "../../lib/db-application-names.ts";

/** Prisma Migrate's advisory lock key (prisma-engines, Postgres flavour). */
export const PRISMA_ADVISORY_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export async function loadMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    }),
  );
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export type MigrateResult = { applied: string[]; alreadyApplied: string[] };

/**
 * Applies every pending migration, each in its own transaction, while holding Prisma's advisory
 * lock so that concurrent runners apply each migration exactly once.
 */
export async function migrate(
  connectionString: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = await loadMigrations(options.dir);
  const client = new pg.Client({
    connectionString: withApplicationName(connectionString, DB_APPLICATION_NAMES.migrate),
  });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    try {
      await client.query(CREATE_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at
           FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const live = rows.filter((r) => r.rolled_back_at === null);
      const failed = live.find((r) => r.finished_at === null);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} failed earlier and is not resolved. Fix the database, then mark it ` +
            `rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}') ` +
            `or run \`prisma migrate resolve\`.`,
        );
      }
      const known = new Map(migrations.map((m) => [m.name, m]));
      const appliedNames = new Set<string>();
      for (const row of live) {
        const local = known.get(row.migration_name);
        if (!local) {
          throw new MigrationError(
            `Migration ${row.migration_name} is applied to the database but missing from prisma/migrations.`,
          );
        }
        if (local.checksum !== row.checksum) {
          throw new MigrationError(
            `Migration ${row.migration_name} was modified after it was applied ` +
              `(checksum ${row.checksum.slice(0, 12)}… in the database, ${local.checksum.slice(0, 12)}… on disk). ` +
              `Never edit an applied migration: add a new one.`,
          );
        }
        appliedNames.add(row.migration_name);
      }
      const applied: string[] = [];
      for (const m of migrations) {
        if (appliedNames.has(m.name)) continue;
        await applyOne(client, m);
        applied.push(m.name);
        log(`applied ${m.name}`);
      }
      return { applied, alreadyApplied: [...appliedNames] };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: Migration): Promise<void> {
  const id = randomUUID();
  // Like Prisma: the row is written first, so a failure leaves a record with logs and no finished_at.
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, m.checksum, m.name],
  );
  try {
    await client.query("BEGIN");
    // Once the schema belongs to courtside_owner (migration 20261204090000_database_roles), every
    // migration runs as that role, whoever connected: what it creates is the owner's, and the
    // app's default privileges apply to it.
    const { rows } = await client.query<{ owned: boolean }>(
      `SELECT pg_get_userbyid(nspowner) = 'courtside_owner' AS owned FROM pg_namespace WHERE nspname = 'public'`,
    );
    if (rows[0]?.owned) await client.query("SET LOCAL ROLE courtside_owner");
    await client.query(m.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    const message = err instanceof Error ? err.message : String(err);
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${message}`);
  }
}
