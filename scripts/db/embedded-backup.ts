/**
 * Backups of the embedded database (BACKUPS=on, docs/operations.md "Backups"): the BACKUP_*
 * settings for a cluster that the launcher runs, with the defaults of a trial run (repositories
 * and state next to the cluster, passphrases generated once and kept with the data). A production
 * deployment gets no defaults for the repositories or the passphrases: it must name them.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseBackupEnv, type BackupSettings } from "../../lib/backup/backup-env.ts";
import { cipherEnvironment, postgresArchiveSettings } from "../../lib/backup/pgbackrest-config.ts";
import { ensureStanza, writePgbackrestConfig } from "../../server/backup/pgbackrest.ts";
import { DB_APPLICATION_NAMES } from "../../lib/db-application-names.ts";
import type { EmbeddedDatabase } from "./embedded.ts";
import { localSecret } from "./local-secret.ts";
import { enableBackupLogin, BACKUP_ROLE } from "./roles.ts";

/** True when the environment switches backups on (default: on in production only). */
export function backupsRequested(env: Record<string, string | undefined>, production: boolean) {
  const v = env.BACKUPS?.toLowerCase();
  return v === undefined ? production : ["on", "true", "1", "yes"].includes(v);
}

/**
 * The BACKUP_* variables for the embedded cluster in `pgDir` (the launcher's data folder is
 * `dataDir`): what the environment says, completed with the cluster's own facts and, outside
 * production, local defaults.
 */
export async function embeddedBackupEnv(options: {
  env: Record<string, string | undefined>;
  dataDir: string;
  pgDir: string;
  socketDir?: string;
  port: number;
  password: string;
  production: boolean;
  /** courtside_backup's password; by default the one kept in `dataDir` (created once). */
  backupPassword?: string;
}): Promise<Record<string, string>> {
  const { env, pgDir } = options;
  const beside = path.join(path.dirname(pgDir), "backups");
  const out: Record<string, string> = {
    BACKUPS: "on",
    BACKUP_PG_DATA: pgDir,
    BACKUP_PG_PORT: String(options.port),
    BACKUP_PG_SOCKET: options.socketDir ?? pgDir,
    // pgBackRest connects as courtside_backup, not as the superuser (scripts/db/roles.ts).
    BACKUP_PG_USER: BACKUP_ROLE,
    BACKUP_PG_PASSWORD:
      options.backupPassword ??
      (await localSecret(path.join(options.dataDir, "pg-backup-password"))),
  };
  // pgBackRest's configuration, spool and logs hold no secret: next to the cluster by default.
  out.BACKUP_STATE_DIR = env.BACKUP_STATE_DIR ?? path.join(beside, "state");
  if (!options.production) {
    out.BACKUP_REPO1_PATH = env.BACKUP_REPO1_PATH ?? path.join(beside, "repo1");
    out.BACKUP_REPO2_PATH = env.BACKUP_REPO2_PATH ?? path.join(beside, "repo2");
    out.BACKUP_REPO1_CIPHER_PASS =
      env.BACKUP_REPO1_CIPHER_PASS ??
      (await localSecret(path.join(options.dataDir, "backup-repo1-pass"), "base64"));
    out.BACKUP_REPO2_CIPHER_PASS =
      env.BACKUP_REPO2_CIPHER_PASS ??
      (await localSecret(path.join(options.dataDir, "backup-repo2-pass"), "base64"));
  }
  for (const [k, v] of Object.entries(env)) {
    if (
      (k.startsWith("BACKUP_") || k === "OPERATOR_EMAIL" || k === "PGBACKREST_BIN") &&
      v !== undefined &&
      !(k in out)
    ) {
      out[k] = v;
    }
  }
  return out;
}

/** The problems that would stop backups of an embedded cluster in `dataDir`, checked up front. */
export async function embeddedBackupProblems(options: {
  env: Record<string, string | undefined>;
  dataDir: string;
  production: boolean;
}): Promise<string[]> {
  const env = await embeddedBackupEnv({
    ...options,
    pgDir: path.join(options.dataDir, "pg"),
    port: 5432,
    password: "checked-at-start",
    backupPassword: "checked-at-start",
  });
  const parsed = parseBackupEnv({ ...options.env, ...env });
  if (!parsed.ok) return parsed.problems;
  if (!parsed.enabled || !options.production) return [];
  // Production repositories are volumes the operator prepared: never created by the launcher.
  return parsed.settings.repos
    .filter((r) => !existsSync(r.path))
    .map(
      (r) =>
        `BACKUP_REPO${r.index}_PATH ${r.path} does not exist: mount its volume, or create it for the PostgreSQL user (install -d -o postgres -g postgres -m 0750 ${r.path})`,
    );
}

/**
 * Archiving for startEmbeddedPostgres(): `hook` computes the settings once the cluster's port and
 * password are known, writes pgBackRest's configuration and returns the settings to start
 * PostgreSQL with; `result()` then holds the settings and the variables for the worker.
 */
export function embeddedArchiving(options: {
  env: Record<string, string | undefined>;
  dataDir: string;
  production: boolean;
}) {
  let result: { env: Record<string, string>; settings: BackupSettings } | undefined;
  return {
    async hook(cluster: { pgDir: string; socketDir: string; port: number; password: string }) {
      const env = await embeddedBackupEnv({ ...options, ...cluster });
      const parsed = parseBackupEnv({ ...options.env, ...env });
      if (!parsed.ok)
        throw new Error(`Invalid backup configuration:\n  - ${parsed.problems.join("\n  - ")}`);
      if (!parsed.enabled) throw new Error("backups are off");
      result = { env, settings: parsed.settings };
      await writePgbackrestConfig(parsed.settings);
      return {
        settings: postgresArchiveSettings(parsed.settings),
        env: cipherEnvironment(parsed.settings),
      };
    },
    result() {
      if (!result) throw new Error("the embedded cluster was not started with archiving");
      return result;
    },
    /**
     * Once the cluster runs: gives pgBackRest's role its login and grants (through the superuser
     * `server`), then creates the stanza in each repository that has none.
     */
    async prepare(server: Pick<EmbeddedDatabase, "url">) {
      if (!result) throw new Error("the embedded cluster was not started with archiving");
      await enableBackupLogin(
        server.url("postgres", DB_APPLICATION_NAMES.setup),
        result.env.BACKUP_PG_PASSWORD!,
      );
      await ensureStanza(result.settings);
    },
  };
}

export { ensureStanza };
