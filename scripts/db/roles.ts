/**
 * The database roles of migration 20261204090000_database_roles (docs/decisions/022-database-roles.md):
 * `courtside_owner` owns the schema and runs migrations, `courtside_app` is what the web server and
 * the worker connect as. The migration creates them without LOGIN; a cluster that we run ourselves
 * (the embedded database, the tests) gives the app role its login here, with a SCRAM password.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { withApplicationName, type DbApplicationName } from "../../lib/db-application-names.ts";

export const APP_ROLE = "courtside_app";
export const OWNER_ROLE = "courtside_owner";
/** pgBackRest's role: starts and stops backups, switches WAL; no superuser (ADR 022). */
export const BACKUP_ROLE = "courtside_backup";

/**
 * What pgBackRest needs on PostgreSQL 15 without a superuser: the settings (data_directory,
 * archive_command…), backup start/stop, WAL switch, restore points and a fast checkpoint; and
 * reading the data, which a backup copies anyway (the restore report counts a copy's rows with
 * it). No writes, no DDL. deploy/postgresql/courtside-bootstrap.sql grants the same.
 */
export const BACKUP_ROLE_GRANTS = [
  `GRANT pg_read_all_settings, pg_checkpoint, pg_read_all_data TO ${BACKUP_ROLE}`,
  `GRANT EXECUTE ON FUNCTION pg_backup_start(text, boolean) TO ${BACKUP_ROLE}`,
  `GRANT EXECUTE ON FUNCTION pg_backup_stop(boolean) TO ${BACKUP_ROLE}`,
  `GRANT EXECUTE ON FUNCTION pg_switch_wal() TO ${BACKUP_ROLE}`,
  `GRANT EXECUTE ON FUNCTION pg_create_restore_point(text) TO ${BACKUP_ROLE}`,
  // pgBackRest connects to the maintenance database, whose CONNECT is revoked from PUBLIC.
  `GRANT CONNECT ON DATABASE postgres TO ${BACKUP_ROLE}`,
];

/**
 * `url` with the app role's name and password instead of its own user, and the application_name
 * of the process that will use it (lib/db-application-names.ts).
 */
export function appRoleUrl(
  url: string,
  password: string,
  applicationName: DbApplicationName,
): string {
  const u = new URL(withApplicationName(url, applicationName));
  // The superuser's URL of a cluster we run goes through its Unix socket, which admits the
  // superuser only (scripts/db/embedded.ts): the app role connects over loopback TCP.
  const socket = u.searchParams.get("host");
  if (socket?.startsWith("/")) {
    u.searchParams.delete("host");
    u.hostname = "127.0.0.1";
  }
  u.username = APP_ROLE;
  u.password = password;
  return u.toString();
}

/**
 * Gives courtside_app LOGIN with `password` (a new random one by default), stored as SCRAM-SHA-256,
 * through the superuser connection `adminUrl`. Returns the password.
 */
export async function enableAppLogin(
  adminUrl: string,
  password = randomBytes(24).toString("base64url"),
): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("SET password_encryption = 'scram-sha-256'");
    // A literal, not a parameter: ALTER ROLE takes none. base64url has no quote to escape.
    if (!/^[A-Za-z0-9_-]+$/.test(password))
      throw new Error("the app role's password must be base64url");
    await client.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  await closeMaintenanceDatabase(adminUrl);
  return password;
}

/**
 * Revokes CONNECT on the cluster's maintenance database `postgres` from PUBLIC: the app role's own
 * databases grant it CONNECT (the migration), this one not; pgBackRest's role keeps its own grant.
 */
export async function closeMaintenanceDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`REVOKE CONNECT ON DATABASE postgres FROM PUBLIC`);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or updates) courtside_backup with LOGIN, `password` as SCRAM-SHA-256 and the grants
 * pgBackRest needs, through the superuser connection `adminUrl` of a cluster we run ourselves.
 */
export async function enableBackupLogin(adminUrl: string, password: string): Promise<void> {
  if (!/^[A-Za-z0-9_-]+$/.test(password))
    throw new Error("the backup role's password must be hex or base64url");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("SET password_encryption = 'scram-sha-256'");
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [
      BACKUP_ROLE,
    ]);
    await client.query(
      `${rowCount ? "ALTER" : "CREATE"} ROLE ${BACKUP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
    );
    for (const grant of BACKUP_ROLE_GRANTS) await client.query(grant);
  } finally {
    await client.end();
  }
}
