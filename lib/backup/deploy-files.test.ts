/**
 * The production files shipped in deploy/ are the renderings of the documented production values
 * (docs/operations.md "Backups", deploy/README.md): a change to a renderer or to a default that
 * is not carried to deploy/ fails here. Regenerate them with the renderers, never by hand.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBackupEnv, type BackupSettings } from "./backup-env";
import { renderPgbackrestConfig, renderPostgresArchiveConf } from "./pgbackrest-config";
import { PRODUCTION_DB_LOG_DIR, renderPostgresLogConf } from "../db-server-log";

const root = path.resolve(import.meta.dirname, "..", "..");

// Dummies of the real length (openssl rand -base64 48 gives 64 characters of this alphabet).
const pass1 = "R1dummyPassphraseForTheShippedFilesOnly+/0123456789abcdefghijklmn";
const pass2 = "R2dummyPassphraseForTheShippedFilesOnly+/0123456789abcdefghijklmn";

/** The production values documented in docs/operations.md and deploy/README.md. */
const documented = {
  DEPLOYMENT_ENV: "production",
  BACKUP_STANZA: "courtside",
  BACKUP_STATE_DIR: "/var/lib/courtside-backup",
  BACKUP_PG_DATA: "/var/lib/postgresql/15/main",
  BACKUP_PG_PORT: "5432",
  BACKUP_PG_SOCKET: "/var/run/postgresql",
  BACKUP_PG_USER: "courtside_backup",
  PGBACKREST_BIN: "pgbackrest",
  BACKUP_REPO1_PATH: "/srv/backups/courtside",
  BACKUP_REPO2_PATH: "/mnt/offsite/courtside",
  BACKUP_RETENTION_DAYS: "90",
  BACKUP_ARCHIVE_TIMEOUT_SECONDS: "60",
  BACKUP_REPO1_CIPHER_PASS: pass1,
  BACKUP_REPO2_CIPHER_PASS: pass2,
  OPERATOR_EMAIL: "operator@club.example.org",
};

function productionSettings(): BackupSettings {
  const parsed = parseBackupEnv(documented);
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  if (!parsed.enabled) throw new Error("backups are off for the documented production values");
  return parsed.settings;
}

const shipped = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("deploy/ files", () => {
  const settings = productionSettings();

  it("the documented values are a valid production configuration with backups on", () => {
    expect(settings).toMatchObject({
      deployment: "production",
      stanza: "courtside",
      configPath: "/var/lib/courtside-backup/pgbackrest.conf",
      pgbackrestBin: "pgbackrest",
      pg: { dataDir: "/var/lib/postgresql/15/main", port: 5432, user: "courtside_backup" },
      retentionDays: 90,
      archiveTimeoutSeconds: 60,
    });
    expect(settings.pg.password).toBeUndefined();
  });

  it("deploy/pgbackrest/pgbackrest.conf.example is the rendering of the production values", () => {
    expect(shipped("deploy/pgbackrest/pgbackrest.conf.example")).toBe(
      renderPgbackrestConfig(settings),
    );
  });

  it("deploy/postgresql/courtside-backup.conf is the rendering of the production values", () => {
    expect(shipped("deploy/postgresql/courtside-backup.conf")).toBe(
      renderPostgresArchiveConf(settings),
    );
  });

  it("deploy/postgresql/courtside-logging.conf is the rendering of the server log settings", () => {
    expect(shipped("deploy/postgresql/courtside-logging.conf")).toBe(
      renderPostgresLogConf(PRODUCTION_DB_LOG_DIR),
    );
  });

  it("neither file contains a passphrase", () => {
    for (const file of [
      "deploy/pgbackrest/pgbackrest.conf.example",
      "deploy/postgresql/courtside-backup.conf",
    ]) {
      const text = shipped(file);
      for (const secret of [pass1, pass2]) expect(text.includes(secret), file).toBe(false);
      expect(text, file).not.toMatch(/cipher-pass\s*=/);
    }
  });
});
