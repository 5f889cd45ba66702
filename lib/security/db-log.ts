/**
 * Reading the database server's own log for threat detection (docs/decisions/023-threat-detection.md):
 * PostgreSQL writes one JSON object per line (log_destination=jsonlog) and, with log_connections,
 * a record for every connection, including the ones that are refused and the short-lived ones
 * that a poll of pg_stat_activity would miss. This module turns a record into a security signal,
 * or nothing for what our own processes normally do. Pure: the worker reads the files.
 */
import { DB_APPLICATION_NAMES } from "@/lib/db-application-names";

/** The fields of a jsonlog record that detection reads (PostgreSQL 15). */
export type JsonLogRecord = {
  timestamp?: string;
  user?: string;
  dbname?: string;
  remote_host?: string;
  application_name?: string;
  error_severity?: string;
  state_code?: string;
  message?: string;
  backend_type?: string;
};

export type DbRoles = {
  app: string;
  owner: string;
  /** The cluster's superuser: only through the local socket (set-up, maintenance). */
  superuser: string;
  /** pgBackRest's role: only through the local socket. */
  backup: string;
};

export type DbWatchConfig = {
  roles: DbRoles;
  /** Addresses the app role may connect from. */
  appHosts: string[];
  /** Addresses the owner role may connect from. */
  operatorHosts: string[];
  /** application_name values of the app's own processes. */
  appNames: string[];
  /** application_name of the migration runner: the owner role connects only for it. */
  migrationName: string;
};

export type DbSignalKind =
  | "db.unknown_role"
  | "db.superuser_remote"
  | "db.app_unexpected"
  | "db.owner_outside_migration"
  | "db.auth_refused"
  | "db.privilege_denied"
  | "db.unexpected_error";

export type DbSignal = {
  kind: DbSignalKind;
  at: Date;
  /** Who and from where: `role@address`. */
  source: string;
  evidence: Record<string, string>;
};

/**
 * Errors the app role never causes in normal use: the statements are written by Prisma and our
 * SQL, so a syntax error, an invalid literal or an unknown column or function is someone's
 * input reaching SQL (or a probe of it).
 */
export const UNEXPECTED_ERROR_STATES: Record<string, string> = {
  "42601": "syntax error",
  "22P02": "invalid input syntax",
  "42883": "undefined function",
  "42703": "undefined column",
  "42P01": "undefined table",
  "42P02": "undefined parameter",
  "2201B": "invalid regular expression",
};

const PRIVILEGE_STATES = new Set(["42501"]);
/** invalid_authorization_specification (no pg_hba.conf entry, unknown role) and invalid_password. */
const AUTH_STATES = new Set(["28000", "28P01"]);

/** One line of a jsonlog file, or null when it is not a JSON object. */
export function parseJsonLogLine(line: string): JsonLogRecord | null {
  const text = line.trim();
  if (!text.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as JsonLogRecord)
      : null;
  } catch {
    return null;
  }
}

/** jsonlog's `2026-12-04 19:51:12.123 UTC` (or with an offset) as a Date; now when unreadable. */
export function logTimestamp(value: string | undefined, fallback: Date): Date {
  if (!value) return fallback;
  const m =
    /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?(UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      value.trim(),
    );
  if (!m) return fallback;
  const zone = !m[3] || m[3] === "UTC" || m[3] === "GMT" ? "Z" : m[3];
  const d = new Date(`${m[1]}T${m[2]}${zone.length === 3 ? `${zone}:00` : zone}`);
  return Number.isNaN(d.getTime()) ? fallback : d;
}

const clip = (v: string | undefined, n = 200) =>
  (v ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, n);

/** `connection authorized: user=x database=y application_name=z` → its parts. */
function authorized(message: string): { user: string; database: string; appName: string } | null {
  const m =
    /^connection authorized: user=(\S+)(?: database=(\S+))?(?: application_name=(.*?))?(?: SSL enabled.*)?$/.exec(
      message,
    );
  if (!m) return null;
  return { user: m[1]!, database: m[2] ?? "", appName: (m[3] ?? "").trim() };
}

/** The signal a record is, or null for what our processes normally do. */
export function classifyLogRecord(
  record: JsonLogRecord,
  config: DbWatchConfig,
  now: Date,
): DbSignal | null {
  const message = record.message ?? "";
  const host = record.remote_host || "[local]";
  const at = logTimestamp(record.timestamp, now);
  const { roles } = config;

  const conn = authorized(message);
  if (conn) {
    const user = conn.user;
    const evidence = {
      role: clip(user, 63),
      address: clip(host, 60),
      database: clip(conn.database, 63),
      application: clip(conn.appName, 64),
    };
    const source = `${clip(user, 63)}@${clip(host, 60)}`;
    if (user === roles.app) {
      const fromHost = config.appHosts.includes(host);
      const asApp = config.appNames.includes(conn.appName);
      if (fromHost && asApp) return null;
      return {
        kind: "db.app_unexpected",
        at,
        source: `${source}/${clip(conn.appName, 64) || "-"}`,
        evidence: {
          ...evidence,
          why: !fromHost ? "address is not an application host" : "not one of the app's processes",
        },
      };
    }
    if (user === roles.owner) {
      if (conn.appName === config.migrationName && config.operatorHosts.includes(host)) return null;
      return {
        kind: "db.owner_outside_migration",
        at,
        source,
        evidence: {
          ...evidence,
          why: config.operatorHosts.includes(host)
            ? "not the migration runner"
            : "address is not an operator host",
        },
      };
    }
    if (user === roles.superuser || user === roles.backup) {
      if (host === "[local]") return null;
      return { kind: "db.superuser_remote", at, source, evidence };
    }
    return { kind: "db.unknown_role", at, source, evidence };
  }

  const state = record.state_code ?? "";
  const severity = record.error_severity ?? "";
  const user = record.user ?? "";
  if (severity === "FATAL" && AUTH_STATES.has(state)) {
    // A refused connection: wrong password, no pg_hba.conf entry for this role/address, no role.
    return {
      kind: "db.auth_refused",
      at,
      source: `${clip(user, 63) || "?"}@${clip(host, 60)}`,
      evidence: {
        role: clip(user, 63),
        address: clip(host, 60),
        database: clip(record.dbname, 63),
        reason: clip(message, 200),
        sqlstate: state,
      },
    };
  }
  if (severity === "ERROR" && user === roles.app) {
    const evidence = {
      role: clip(user, 63),
      address: clip(host, 60),
      database: clip(record.dbname, 63),
      application: clip(record.application_name, 64),
      sqlstate: state,
      error: clip(message, 200),
    };
    if (PRIVILEGE_STATES.has(state)) {
      return { kind: "db.privilege_denied", at, source: `${user}@${clip(host, 60)}`, evidence };
    }
    if (state in UNEXPECTED_ERROR_STATES) {
      return { kind: "db.unexpected_error", at, source: `${user}@${clip(host, 60)}`, evidence };
    }
  }
  return null;
}

/**
 * Our roles (migration 20261204090000_database_roles, scripts/db/roles.ts) and programs
 * (lib/db-application-names.ts).
 */
export const COURTSIDE_DB: Omit<DbWatchConfig, "appHosts" | "operatorHosts"> = {
  roles: {
    app: "courtside_app",
    owner: "courtside_owner",
    superuser: "postgres",
    backup: "courtside_backup",
  },
  appNames: [DB_APPLICATION_NAMES.web, DB_APPLICATION_NAMES.worker],
  migrationName: DB_APPLICATION_NAMES.migrate,
};
