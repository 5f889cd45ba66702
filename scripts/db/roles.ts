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
    // Its own databases grant it CONNECT (the migration); the cluster's maintenance database not.
    await client.query(`REVOKE CONNECT ON DATABASE postgres FROM PUBLIC`);
  } finally {
    await client.end();
  }
  return password;
}
