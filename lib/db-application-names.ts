/**
 * The `application_name` each of our processes connects with, so that the database server's log
 * (log_connections, DB_SERVER_LOG_DIR) and pg_stat_activity tell them apart: threat detection
 * flags a connection as a role that none of ours would make it as, or from none of ours.
 */
export const DB_APPLICATION_NAMES = {
  /** The web server (courtside_app). */
  web: "courtside-web",
  /** The worker: mail delivery, backups, threat detection (courtside_app). */
  worker: "courtside-worker",
  /** `npm run db:migrate` and the launcher's migrations (the owner, or a superuser). */
  migrate: "courtside-migrate",
  /** Set-up as the superuser: creating the database, the demo seed, the demo-data guard. */
  setup: "courtside-setup",
  /** The integration tests' superuser helpers (not the app code under test). */
  testAdmin: "courtside-test-admin",
} as const;

export type DbApplicationName = (typeof DB_APPLICATION_NAMES)[keyof typeof DB_APPLICATION_NAMES];

/** `url` with `application_name=<name>` (replacing one it had). */
export function withApplicationName(url: string, name: DbApplicationName): string {
  const u = new URL(url);
  u.searchParams.set("application_name", name);
  return u.toString();
}

/** `url` with `application_name=<name>` unless it names one already (an operator's choice). */
export function defaultApplicationName(url: string, name: DbApplicationName): string {
  return new URL(url).searchParams.has("application_name") ? url : withApplicationName(url, name);
}
