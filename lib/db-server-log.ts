/**
 * The database server's log that threat detection reads (docs/operations.md "Database server
 * log"): JSON lines (jsonlog), one `connection authorized:` record per connection
 * (log_connections), files readable by the server's user and group only, rotated daily or at
 * 50 MB. The embedded cluster starts with these settings (scripts/db/embedded.ts); a production
 * server includes deploy/postgresql/courtside-logging.conf, their rendering.
 */

/** The log folder of the documented production server (Debian 12, PostgreSQL 15). */
export const PRODUCTION_DB_LOG_DIR = "/var/log/postgresql/courtside";

export function serverLogSettings(logDir: string): Array<[string, string]> {
  return [
    ["logging_collector", "on"],
    ["log_destination", "jsonlog"],
    ["log_connections", "on"],
    ["log_directory", logDir],
    // jsonlog writes postgresql-….json (its .log suffix replaced); a plain .log file beside it
    // takes what the server itself prints on stderr (a crashing library, for instance).
    ["log_filename", "postgresql-%Y%m%d-%H%M%S.log"],
    ["log_rotation_age", "1d"],
    ["log_rotation_size", "50MB"],
    ["log_file_mode", "0640"],
  ];
}

/** The settings as a postgresql.conf include (deploy/postgresql/courtside-logging.conf). */
export function renderPostgresLogConf(logDir: string): string {
  return [
    '# The server log that threat detection reads (docs/operations.md "Database server log").',
    "# Include it from postgresql.conf or conf.d/; DB_SERVER_LOG_DIR of the worker names the folder.",
    ...serverLogSettings(logDir).map(([k, v]) => `${k} = '${v.replace(/'/g, "''")}'`),
    "",
  ].join("\n");
}
