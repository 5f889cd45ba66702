/**
 * pgBackRest's configuration and PostgreSQL's archiving settings, rendered from BackupSettings:
 * one source for the embedded database, the tests and the production files shipped in deploy/
 * (a unit test keeps deploy/pgbackrest/pgbackrest.conf.example equal to the rendering of the
 * documented production values).
 */
import type { BackupSettings } from "./backup-env";

/** The command PostgreSQL runs for each completed WAL segment. */
export function archiveCommand(s: Pick<BackupSettings, "pgbackrestBin" | "configPath" | "stanza">) {
  return `${s.pgbackrestBin} --config=${s.configPath} --stanza=${s.stanza} archive-push %p`;
}

/** PostgreSQL settings for continuous archiving through pgBackRest. */
export function postgresArchiveSettings(
  s: Pick<BackupSettings, "pgbackrestBin" | "configPath" | "stanza" | "archiveTimeoutSeconds">,
): Array<[string, string]> {
  return [
    ["wal_level", "replica"],
    ["archive_mode", "on"],
    ["archive_command", archiveCommand(s)],
    ["archive_timeout", `${s.archiveTimeoutSeconds}s`],
  ];
}

/** The same settings as a postgresql.conf fragment (deploy/postgresql/courtside-backup.conf). */
export function renderPostgresArchiveConf(
  s: Parameters<typeof postgresArchiveSettings>[0],
): string {
  return [
    '# Continuous archiving through pgBackRest (docs/operations.md "Backups").',
    "# Rendered by `npm run backup:config`; include it from postgresql.conf or conf.d/.",
    ...postgresArchiveSettings(s).map(([k, v]) => `${k} = '${v.replace(/'/g, "''")}'`),
    "",
  ].join("\n");
}

/**
 * pgbackrest.conf. It holds no secret: the repositories' passphrases reach pgBackRest through its
 * environment (PGBACKREST_REPO<n>_CIPHER_PASS, see cipherEnvironment()), so that no file of the
 * database server, and so no backup, contains them.
 */
export function renderPgbackrestConfig(
  s: Pick<BackupSettings, "stanza" | "stateDir" | "pg" | "repos" | "retentionDays">,
): string {
  const lines = [
    '# pgBackRest configuration of Courtside (docs/operations.md "Backups").',
    "# Written by the backup job from the BACKUP_* variables; edits are overwritten.",
    "# The passphrases are not here: pgBackRest reads them from PGBACKREST_REPO<n>_CIPHER_PASS.",
    "[global]",
  ];
  for (const repo of s.repos) {
    const n = repo.index;
    lines.push(
      `repo${n}-path=${repo.path}`,
      `repo${n}-cipher-type=aes-256-cbc`,
      `repo${n}-retention-full-type=time`,
      `repo${n}-retention-full=${s.retentionDays}`,
      `repo${n}-retention-archive-type=full`,
    );
  }
  lines.push(
    "compress-type=zst",
    "compress-level=3",
    "archive-async=y",
    "process-max=2",
    "start-fast=y",
    "delta=y",
    `spool-path=${s.stateDir}/spool`,
    `lock-path=${s.stateDir}/lock`,
    `log-path=${s.stateDir}/log`,
    "log-level-console=warn",
    "log-level-file=info",
    "",
    "[global:archive-push]",
    "process-max=2",
    "",
    `[${s.stanza}]`,
    `pg1-path=${s.pg.dataDir}`,
    `pg1-port=${s.pg.port}`,
    `pg1-socket-path=${s.pg.socketDir}`,
    `pg1-user=${s.pg.user}`,
    "",
  );
  return lines.join("\n");
}

/** The passphrases as pgBackRest reads them from its environment. */
export function cipherEnvironment(s: Pick<BackupSettings, "repos">): Record<string, string> {
  return Object.fromEntries(
    s.repos.map((r) => [`PGBACKREST_REPO${r.index}_CIPHER_PASS`, r.cipherPass]),
  );
}
