/**
 * The backup configuration (docs/operations.md "Backups", docs/decisions/021-backups-run-by-the-worker.md):
 * pgBackRest with two encrypted repositories, run by the worker. Read by the launcher
 * (scripts/dev.ts), the worker and `npm run backup:*`, which all refuse to start on a bad value and
 * name each variable. The web app itself never runs a backup and does not read these.
 */
import path from "node:path";
import { z } from "zod";
import { deploymentOf, type Deployment } from "@/lib/env-schema";

const onOff = z
  .enum(["on", "off", "true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "on" || v === "true" || v === "1" || v === "yes");

const absolutePath = z
  .string()
  .refine((p) => path.isAbsolute(p), "must be an absolute path such as /srv/backups/courtside");

const passphrase = z
  .string()
  .min(32, "must be at least 32 characters (openssl rand -base64 48)")
  .refine((v) => !/\s/.test(v), "must not contain spaces or line breaks");

const hours = (fallback: number) =>
  z.coerce
    .number()
    .positive()
    .max(24 * 31)
    .default(fallback);

export const BackupEnvSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    DEPLOYMENT_ENV: z.string().optional(),
    // Defaults to on in a production deployment and off elsewhere. BACKUPS=off in production
    // declares that the database is backed up by someone else (a managed service).
    BACKUPS: onOff.optional(),
    BACKUP_STANZA: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,62}$/, "must be a short name such as courtside")
      .default("courtside"),
    // pgBackRest's configuration, spool, logs and locks; never inside the database's data folder.
    BACKUP_STATE_DIR: absolutePath.optional(),
    BACKUP_PG_DATA: absolutePath.optional(),
    BACKUP_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5432),
    BACKUP_PG_SOCKET: absolutePath.default("/var/run/postgresql"),
    BACKUP_PG_USER: z.string().min(1).default("courtside_backup"),
    BACKUP_PG_PASSWORD: z.string().optional(),
    // pg_ctl and postgres for `npm run backup:restore` (the embedded package's by default).
    BACKUP_PG_BIN: absolutePath.optional(),
    PGBACKREST_BIN: z.string().min(1).default("pgbackrest"),
    BACKUP_REPO1_PATH: absolutePath.optional(),
    BACKUP_REPO2_PATH: absolutePath.optional(),
    BACKUP_REPO1_CIPHER_PASS: passphrase.optional(),
    BACKUP_REPO2_CIPHER_PASS: passphrase.optional(),
    BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    BACKUP_FULL_EVERY_HOURS: hours(6),
    BACKUP_DIFF_EVERY_HOURS: hours(1),
    BACKUP_VERIFY_EVERY_HOURS: hours(24),
    BACKUP_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
    // PostgreSQL switches to a new WAL segment at least this often when anything was written.
    BACKUP_ARCHIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
    BACKUP_WAL_ALERT_MINUTES: z.coerce.number().positive().max(1440).default(5),
    OPERATOR_EMAIL: z.email({ error: "must be the operator's email address" }).optional(),
    OPERATOR_ALERT_THROTTLE_MINUTES: z.coerce.number().positive().max(10_080).default(360),
  })
  .superRefine((e, ctx) => {
    const deployment = deploymentOf(e);
    const enabled = e.BACKUPS ?? deployment === "production";
    if (!enabled) return;
    const need = (name: keyof typeof e, why: string) => {
      if (!e[name]) ctx.addIssue({ code: "custom", path: [name], message: why });
    };
    need(
      "BACKUP_STATE_DIR",
      "is required when BACKUPS is on: a folder for pgBackRest's configuration, spool and logs, outside the database's data folder (e.g. /var/lib/courtside-backup)",
    );
    need(
      "BACKUP_PG_DATA",
      "is required when BACKUPS is on: the data directory of the PostgreSQL server to back up (e.g. /var/lib/postgresql/15/main)",
    );
    need(
      "BACKUP_REPO1_PATH",
      "is required when BACKUPS is on: the first backup repository (e.g. /srv/backups/courtside)",
    );
    need(
      "BACKUP_REPO2_PATH",
      "is required when BACKUPS is on: the second backup repository, on another disk or host (e.g. /mnt/offsite/courtside)",
    );
    need(
      "BACKUP_REPO1_CIPHER_PASS",
      "is required when BACKUPS is on: encrypts repository 1 (openssl rand -base64 48); keep it apart from the backups, without it they cannot be read",
    );
    need(
      "BACKUP_REPO2_CIPHER_PASS",
      "is required when BACKUPS is on: encrypts repository 2 (openssl rand -base64 48); keep it apart from the backups, without it they cannot be read",
    );
    if (deployment === "production") {
      need(
        "OPERATOR_EMAIL",
        "is required in production when BACKUPS is on: failed backups and stale archives are emailed there",
      );
    }
    if (e.BACKUP_REPO1_CIPHER_PASS && e.BACKUP_REPO1_CIPHER_PASS === e.BACKUP_REPO2_CIPHER_PASS) {
      ctx.addIssue({
        code: "custom",
        path: ["BACKUP_REPO2_CIPHER_PASS"],
        message:
          "must differ from BACKUP_REPO1_CIPHER_PASS: one leaked passphrase must not open both copies",
      });
    }
    const inside = (a: string, b: string) => {
      const rel = path.relative(a, b);
      return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
    };
    if (e.BACKUP_REPO1_PATH && e.BACKUP_REPO2_PATH) {
      const [a, b] = [path.resolve(e.BACKUP_REPO1_PATH), path.resolve(e.BACKUP_REPO2_PATH)];
      if (inside(a, b) || inside(b, a)) {
        ctx.addIssue({
          code: "custom",
          path: ["BACKUP_REPO2_PATH"],
          message:
            "must be apart from BACKUP_REPO1_PATH (neither inside the other): it is the copy that survives losing repository 1",
        });
      }
    }
    if (e.BACKUP_PG_DATA) {
      for (const name of ["BACKUP_REPO1_PATH", "BACKUP_REPO2_PATH", "BACKUP_STATE_DIR"] as const) {
        const p = e[name];
        if (
          p &&
          (inside(path.resolve(e.BACKUP_PG_DATA), path.resolve(p)) ||
            inside(path.resolve(p), path.resolve(e.BACKUP_PG_DATA)))
        ) {
          ctx.addIssue({
            code: "custom",
            path: [name],
            message:
              "must be outside the database's data folder (BACKUP_PG_DATA): the backups must not contain their own keys",
          });
        }
      }
    }
  });

export type Repo = { index: 1 | 2; path: string; cipherPass: string };

/** Everything the backup job, the launcher and the CLI need, derived once from the environment. */
export type BackupSettings = {
  deployment: Deployment;
  stanza: string;
  stateDir: string;
  /** pgBackRest's configuration file, written by writePgbackrestConfig() (0600). */
  configPath: string;
  pgbackrestBin: string;
  pg: {
    dataDir: string;
    port: number;
    socketDir: string;
    user: string;
    password?: string;
    binDir?: string;
  };
  repos: [Repo, Repo];
  retentionDays: number;
  archiveTimeoutSeconds: number;
  fullEveryMs: number;
  diffEveryMs: number;
  verifyEveryMs: number;
  checkIntervalMs: number;
  walAlertAfterMs: number;
  operatorEmail: string;
  alertThrottleMs: number;
};

export type BackupEnvResult =
  | { ok: true; enabled: false }
  | { ok: true; enabled: true; settings: BackupSettings }
  | { ok: false; problems: string[] };

const HOUR = 3_600_000;

/** Parses the backup variables: disabled, the settings, or every problem named. */
export function parseBackupEnv(env: Record<string, string | undefined>): BackupEnvResult {
  const parsed = BackupEnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(backups)"} ${i.message}`),
    };
  }
  const e = parsed.data;
  const deployment = deploymentOf(e);
  if (!(e.BACKUPS ?? deployment === "production")) return { ok: true, enabled: false };
  const stateDir = path.resolve(e.BACKUP_STATE_DIR!);
  return {
    ok: true,
    enabled: true,
    settings: {
      deployment,
      stanza: e.BACKUP_STANZA,
      stateDir,
      configPath: path.join(stateDir, "pgbackrest.conf"),
      pgbackrestBin: e.PGBACKREST_BIN,
      pg: {
        dataDir: path.resolve(e.BACKUP_PG_DATA!),
        port: e.BACKUP_PG_PORT,
        socketDir: e.BACKUP_PG_SOCKET,
        user: e.BACKUP_PG_USER,
        ...(e.BACKUP_PG_PASSWORD ? { password: e.BACKUP_PG_PASSWORD } : {}),
        ...(e.BACKUP_PG_BIN ? { binDir: e.BACKUP_PG_BIN } : {}),
      },
      repos: [
        {
          index: 1,
          path: path.resolve(e.BACKUP_REPO1_PATH!),
          cipherPass: e.BACKUP_REPO1_CIPHER_PASS!,
        },
        {
          index: 2,
          path: path.resolve(e.BACKUP_REPO2_PATH!),
          cipherPass: e.BACKUP_REPO2_CIPHER_PASS!,
        },
      ],
      retentionDays: e.BACKUP_RETENTION_DAYS,
      archiveTimeoutSeconds: e.BACKUP_ARCHIVE_TIMEOUT_SECONDS,
      fullEveryMs: e.BACKUP_FULL_EVERY_HOURS * HOUR,
      diffEveryMs: e.BACKUP_DIFF_EVERY_HOURS * HOUR,
      verifyEveryMs: e.BACKUP_VERIFY_EVERY_HOURS * HOUR,
      checkIntervalMs: e.BACKUP_CHECK_INTERVAL_MS,
      walAlertAfterMs: e.BACKUP_WAL_ALERT_MINUTES * 60_000,
      operatorEmail: e.OPERATOR_EMAIL ?? "operator@courtside.localhost",
      alertThrottleMs: e.OPERATOR_ALERT_THROTTLE_MINUTES * 60_000,
    },
  };
}

/** The settings, or an Error naming every problem (for the worker and the CLI). */
export function backupSettingsOrThrow(
  env: Record<string, string | undefined>,
): BackupSettings | null {
  const result = parseBackupEnv(env);
  if (!result.ok) {
    throw new Error(
      `Invalid backup configuration (docs/operations.md "Backups"):\n${result.problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return result.enabled ? result.settings : null;
}
