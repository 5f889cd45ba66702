/**
 * A throwaway embedded PostgreSQL 15 with continuous archiving into two encrypted pgBackRest
 * repositories, set up exactly as the launcher does it for BACKUPS=on (scripts/db/embedded-backup.ts),
 * for the backup tests. Its own cluster, apart from the test database of the file.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { BackupSettings } from "@/lib/backup/backup-env";
import { embeddedArchiving } from "../../scripts/db/embedded-backup.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/db/embedded.ts";
import { closeMaintenanceDatabase } from "../../scripts/db/roles.ts";
import { scratchDir } from "../../scripts/db/scratch-dir.ts";
import { DB_APPLICATION_NAMES } from "../../lib/db-application-names.ts";

export type ArchivedCluster = {
  server: EmbeddedDatabase;
  settings: BackupSettings;
  root: string;
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<T[]>;
  /** Switches to a new WAL segment and waits until it is in every repository. */
  archiveNow(): Promise<string>;
  stop(): Promise<void>;
};

export async function startArchivedCluster(
  name: string,
  env: Record<string, string> = {},
): Promise<ArchivedCluster> {
  const root = scratchDir(`backup-${name}-${process.pid}`);
  await rm(root, { recursive: true, force: true });
  const dataDir = path.join(root, "data");
  const archiving = embeddedArchiving({
    env: { DEPLOYMENT_ENV: "test", BACKUPS: "on", ...env },
    dataDir,
    production: false,
  });
  const server = await startEmbeddedPostgres({
    dataDir,
    persistent: false,
    archive: archiving.hook,
  });
  const { settings } = archiving.result();
  await archiving.prepare(server);
  // As the launcher's enableAppLogin() does: PUBLIC may no longer connect to `postgres`, where
  // pgBackRest connects (its role has its own grant).
  await closeMaintenanceDatabase(server.url("postgres", DB_APPLICATION_NAMES.setup));
  await server.ensureDatabase("courtside");
  const pool = new pg.Pool({
    connectionString: server.url("courtside", DB_APPLICATION_NAMES.testAdmin),
    max: 2,
  });
  // pool.end() resolves before its connections are gone; the server's shutdown may then terminate
  // one, which an idle client reports as an error event: expected at stop, never a test failure.
  pool.on("error", () => undefined);
  const sql = async <T extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    (await pool.query<T>(text, values)).rows;
  return {
    server,
    settings,
    root,
    sql,
    async archiveNow() {
      const [row] = await sql<{ wal: string }>("SELECT pg_walfile_name(pg_switch_wal()) AS wal");
      const wal = row!.wal;
      await waitForWal(settings, wal);
      return wal;
    },
    async stop() {
      await pool.end();
      // Thrown away: a fast shutdown would first try to archive the last WAL, which a test that
      // broke a repository on purpose makes wait for pgBackRest's timeouts.
      await server.stop({ immediate: true });
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Waits until segment `wal` (or a later one) is in each repository that is still there. */
export async function waitForWal(
  s: BackupSettings,
  wal: string,
  timeoutMs = 30_000,
): Promise<number> {
  const { stanzaInfo } = await import("@/server/backup/pgbackrest");
  const started = Date.now();
  for (;;) {
    const info = await stanzaInfo(s);
    if (info.ok) {
      const maxOf = (repo: number) =>
        info.info.archive
          .filter((a) => a.database["repo-key"] === repo && a.max)
          .map((a) => a.max!)
          .sort()
          .at(-1) ?? "";
      const present = info.info.repo.filter((r) => r.status.code === 0 || r.status.code === 2);
      if (present.length > 0 && present.every((r) => maxOf(r.key).slice(8) >= wal.slice(8))) {
        return Date.now() - started;
      }
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`WAL ${wal} did not reach the repositories`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
