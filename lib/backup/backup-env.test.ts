import { describe, expect, it } from "vitest";
import { parseBackupEnv } from "./backup-env";

const pass1 = "a".repeat(40);
const pass2 = "b".repeat(40);
const complete = {
  BACKUP_STATE_DIR: "/var/lib/courtside-backup",
  BACKUP_PG_DATA: "/var/lib/postgresql/15/main",
  BACKUP_REPO1_PATH: "/srv/backups/courtside",
  BACKUP_REPO2_PATH: "/mnt/offsite/courtside",
  BACKUP_REPO1_CIPHER_PASS: pass1,
  BACKUP_REPO2_CIPHER_PASS: pass2,
  OPERATOR_EMAIL: "ops@club.org",
};

function problems(env: Record<string, string>): string[] {
  const r = parseBackupEnv(env);
  return r.ok ? [] : r.problems;
}

describe("backup configuration", () => {
  it("is off by default outside production and on by default in production", () => {
    expect(parseBackupEnv({})).toEqual({ ok: true, enabled: false });
    expect(parseBackupEnv({ NODE_ENV: "production", DEPLOYMENT_ENV: "staging" })).toEqual({
      ok: true,
      enabled: false,
    });
    const prod = problems({ NODE_ENV: "production" });
    for (const name of [
      "BACKUP_STATE_DIR",
      "BACKUP_PG_DATA",
      "BACKUP_REPO1_PATH",
      "BACKUP_REPO2_PATH",
      "BACKUP_REPO1_CIPHER_PASS",
      "BACKUP_REPO2_CIPHER_PASS",
      "OPERATOR_EMAIL",
    ]) {
      expect(
        prod.some((p) => p.startsWith(`${name} is required`)),
        name,
      ).toBe(true);
    }
  });

  it("BACKUPS=off in production is a deliberate waiver", () => {
    expect(parseBackupEnv({ NODE_ENV: "production", BACKUPS: "off" })).toEqual({
      ok: true,
      enabled: false,
    });
  });

  it("a complete production configuration gives the schedule of the promise", () => {
    const r = parseBackupEnv({ NODE_ENV: "production", ...complete });
    expect(r.ok && r.enabled).toBe(true);
    if (!r.ok || !r.enabled) return;
    expect(r.settings).toMatchObject({
      deployment: "production",
      stanza: "courtside",
      configPath: "/var/lib/courtside-backup/pgbackrest.conf",
      retentionDays: 90,
      archiveTimeoutSeconds: 60,
      fullEveryMs: 6 * 3_600_000,
      diffEveryMs: 3_600_000,
      verifyEveryMs: 24 * 3_600_000,
      walAlertAfterMs: 5 * 60_000,
      operatorEmail: "ops@club.org",
    });
  });

  it("names weak, shared or misplaced secrets and repositories", () => {
    const p = problems({
      BACKUPS: "on",
      ...complete,
      BACKUP_REPO1_CIPHER_PASS: "short",
      BACKUP_REPO2_PATH: "/srv/backups/courtside/copy",
      BACKUP_STATE_DIR: "/var/lib/postgresql/15/main/pgbackrest",
    });
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BACKUP_REPO1_CIPHER_PASS must be at least 32 characters/),
        expect.stringMatching(/^BACKUP_REPO2_PATH must be apart from BACKUP_REPO1_PATH/),
        expect.stringMatching(/^BACKUP_STATE_DIR must be outside the database's data folder/),
      ]),
    );
    expect(problems({ BACKUPS: "on", ...complete, BACKUP_REPO2_CIPHER_PASS: pass1 })).toEqual([
      expect.stringMatching(/^BACKUP_REPO2_CIPHER_PASS must differ from BACKUP_REPO1_CIPHER_PASS/),
    ]);
    expect(problems({ BACKUPS: "on", ...complete, BACKUP_ARCHIVE_TIMEOUT_SECONDS: "300" })).toEqual(
      [expect.stringMatching(/^BACKUP_ARCHIVE_TIMEOUT_SECONDS/)],
    );
    expect(problems({ BACKUPS: "maybe" })).toEqual([expect.stringMatching(/^BACKUPS /)]);
  });
});
