import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MIGRATIONS_DIR,
  loadMigrations,
  migrate,
  MigrationError,
} from "../../scripts/db/migrator.ts";
import { createEmptyDatabase } from "../helpers/scratch-db.ts";
import { queryOnce } from "../helpers/sql.ts";

async function copyMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "courtside-migrations-"));
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("migration runner", () => {
  it("applies every migration once and records it exactly as Prisma does", async () => {
    const url = await createEmptyDatabase();
    const onDisk = await readdir(DEFAULT_MIGRATIONS_DIR);
    const result = await migrate(url);
    expect(result.applied).toEqual(onDisk.sort());

    const rows = await queryOnce<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
      rolled_back_at: Date | null;
    }>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const migrations = await loadMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.checksum).toBe(migrations[i]!.checksum);
    }
    // The checksum is the SHA-256 of the file's bytes, lowercase hex.
    const first = migrations[0]!;
    expect(first.checksum).toBe(createHash("sha256").update(first.sql, "utf8").digest("hex"));

    // Prisma's table layout, column for column.
    const columns = await queryOnce<{
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY column_name`,
    );
    expect(columns).toEqual([
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "id", data_type: "character varying", is_nullable: "NO" },
      { column_name: "logs", data_type: "text", is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
    ]);

    const again = await migrate(url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.sort()).toEqual(onDisk.sort());
  });

  it("applies each migration exactly once when several runners start at the same moment", async () => {
    const url = await createEmptyDatabase();
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(url)));
    const appliedCounts = results.map((r) => r.applied.length);
    const total = (await loadMigrations()).length;
    expect(appliedCounts.filter((n) => n === total)).toHaveLength(1);
    expect(appliedCounts.filter((n) => n === 0)).toHaveLength(4);
    const rows = await queryOnce<{ n: string }>(
      url,
      `SELECT count(*) AS n FROM "_prisma_migrations"`,
    );
    expect(Number(rows[0]!.n)).toBe(total);
  });

  it("refuses to run when an applied migration file was changed", async () => {
    const url = await createEmptyDatabase();
    const dir = await copyMigrations();
    await migrate(url, { dir });
    const [first] = await loadMigrations(dir);
    await writeFile(path.join(dir, first!.name, "migration.sql"), first!.sql + "\n-- edited\n");
    await expect(migrate(url, { dir })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { dir })).rejects.toThrow(/was modified after it was applied/);
  });

  it("rolls a failing migration back, records its error like Prisma, and stops until it is resolved", async () => {
    const url = await createEmptyDatabase();
    const dir = await copyMigrations();
    await migrate(url, { dir });
    const bad = path.join(dir, "29991231000000_broken");
    await mkdir(bad);
    await writeFile(
      path.join(bad, "migration.sql"),
      `CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n`,
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/29991231000000_broken failed/);
    // Nothing half-written stays behind.
    const tables = await queryOnce<{ n: string }>(
      url,
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'half_done'`,
    );
    expect(Number(tables[0]!.n)).toBe(0);
    const [row] = await queryOnce<{ finished_at: Date | null; logs: string | null }>(
      url,
      `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`,
    );
    expect(row!.finished_at).toBeNull();
    expect(row!.logs).toMatch(/no_such_table/);
    await expect(migrate(url, { dir })).rejects.toThrow(/failed earlier and is not resolved/);
  });

  it("refuses a database that has a migration this checkout does not know", async () => {
    const url = await createEmptyDatabase();
    const dir = await copyMigrations();
    const extra = path.join(dir, "29990101000000_from_the_future");
    await mkdir(extra);
    await writeFile(path.join(extra, "migration.sql"), `SELECT 1;\n`);
    await migrate(url, { dir });
    await expect(migrate(url)).rejects.toThrow(/missing from prisma\/migrations/);
  });
});
