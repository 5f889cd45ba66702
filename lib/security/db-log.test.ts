import { describe, expect, it } from "vitest";
import {
  COURTSIDE_DB,
  classifyLogRecord,
  logTimestamp,
  parseJsonLogLine,
  type DbWatchConfig,
} from "./db-log";

const config: DbWatchConfig = {
  ...COURTSIDE_DB,
  appHosts: ["10.0.1.11", "10.0.1.12"],
  operatorHosts: ["10.0.9.5"],
};
const now = new Date("2026-12-04T20:00:00Z");
const connection = (user: string, host: string, app = "") => ({
  timestamp: "2026-12-04 19:59:58.123 UTC",
  user,
  dbname: "courtside",
  remote_host: host,
  error_severity: "LOG",
  message: `connection authorized: user=${user} database=courtside${app ? ` application_name=${app}` : ""}`,
});

describe("the database server's log", () => {
  it("parses jsonlog lines and ignores anything else", () => {
    expect(parseJsonLogLine('{"user":"x","message":"m"}')).toEqual({ user: "x", message: "m" });
    expect(parseJsonLogLine("2026-12-04 LOG: plain text")).toBeNull();
    expect(parseJsonLogLine('{"broken"')).toBeNull();
    expect(parseJsonLogLine("[1,2]")).toBeNull();
  });

  it("reads jsonlog timestamps in UTC and with offsets", () => {
    expect(logTimestamp("2026-12-04 19:59:58.123 UTC", now).toISOString()).toBe(
      "2026-12-04T19:59:58.123Z",
    );
    expect(logTimestamp("2026-12-04 20:59:58 +01", now).toISOString()).toBe(
      "2026-12-04T19:59:58.000Z",
    );
    expect(logTimestamp("yesterday", now)).toBe(now);
  });

  it("our own processes from their hosts are no signal", () => {
    expect(
      classifyLogRecord(connection("courtside_app", "10.0.1.11", "courtside-web"), config, now),
    ).toBeNull();
    expect(
      classifyLogRecord(connection("courtside_app", "10.0.1.12", "courtside-worker"), config, now),
    ).toBeNull();
    expect(
      classifyLogRecord(
        connection("courtside_owner", "10.0.9.5", "courtside-migrate"),
        config,
        now,
      ),
    ).toBeNull();
    expect(
      classifyLogRecord(connection("postgres", "[local]", "pgBackRest [backup]"), config, now),
    ).toBeNull();
    expect(
      classifyLogRecord(
        { error_severity: "LOG", message: "checkpoint starting: time" },
        config,
        now,
      ),
    ).toBeNull();
  });

  it("an unknown role, a remote superuser, the app role elsewhere, the owner outside a migration", () => {
    const unknown = classifyLogRecord(connection("intruder", "198.51.100.7", "psql"), config, now);
    expect(unknown).toMatchObject({
      kind: "db.unknown_role",
      source: "intruder@198.51.100.7",
      evidence: { role: "intruder", address: "198.51.100.7", application: "psql" },
    });
    expect(unknown!.at.toISOString()).toBe("2026-12-04T19:59:58.123Z");
    expect(classifyLogRecord(connection("postgres", "10.0.1.11"), config, now)?.kind).toBe(
      "db.superuser_remote",
    );
    expect(classifyLogRecord(connection("courtside_backup", "10.0.1.11"), config, now)?.kind).toBe(
      "db.superuser_remote",
    );
    expect(
      classifyLogRecord(
        connection("courtside_backup", "[local]", "pgBackRest [backup]"),
        config,
        now,
      ),
    ).toBeNull();
    const elsewhere = classifyLogRecord(
      connection("courtside_app", "198.51.100.7", "courtside-web"),
      config,
      now,
    );
    expect(elsewhere).toMatchObject({
      kind: "db.app_unexpected",
      source: "courtside_app@198.51.100.7/courtside-web",
      evidence: { why: "address is not an application host" },
    });
    const psql = classifyLogRecord(connection("courtside_app", "10.0.1.11", "psql"), config, now);
    expect(psql).toMatchObject({
      kind: "db.app_unexpected",
      evidence: { why: "not one of the app's processes" },
    });
    expect(
      classifyLogRecord(connection("courtside_owner", "10.0.9.5", "psql"), config, now)?.kind,
    ).toBe("db.owner_outside_migration");
    expect(
      classifyLogRecord(
        connection("courtside_owner", "10.0.1.11", "courtside-migrate"),
        config,
        now,
      )?.evidence.why,
    ).toBe("address is not an operator host");
  });

  it("refused connections, privilege errors and errors the app never causes", () => {
    const refused = classifyLogRecord(
      {
        user: "intruder",
        remote_host: "127.0.0.1",
        error_severity: "FATAL",
        state_code: "28000",
        message:
          'no pg_hba.conf entry for host "127.0.0.1", user "intruder", database "courtside", no encryption',
      },
      config,
      now,
    );
    expect(refused).toMatchObject({ kind: "db.auth_refused", source: "intruder@127.0.0.1" });
    const denied = classifyLogRecord(
      {
        user: "courtside_app",
        remote_host: "10.0.1.11",
        error_severity: "ERROR",
        state_code: "42501",
        message: "permission denied for table audit_event",
      },
      config,
      now,
    );
    expect(denied?.kind).toBe("db.privilege_denied");
    const syntax = classifyLogRecord(
      {
        user: "courtside_app",
        remote_host: "10.0.1.11",
        error_severity: "ERROR",
        state_code: "22P02",
        message: 'invalid input syntax for type uuid: "1\' OR 1=1"',
        statement: "SELECT secret",
      } as never,
      config,
      now,
    );
    expect(syntax?.kind).toBe("db.unexpected_error");
    // The statement (which may hold data) is never evidence.
    expect(JSON.stringify(syntax)).not.toContain("SELECT secret");
    // Conflicts and overlaps are normal answers of the app.
    for (const state of ["23505", "23P01", "40001", "40P01"]) {
      expect(
        classifyLogRecord(
          { user: "courtside_app", error_severity: "ERROR", state_code: state, message: "x" },
          config,
          now,
        ),
      ).toBeNull();
    }
    // Another role's errors are not the app's.
    expect(
      classifyLogRecord(
        { user: "courtside_owner", error_severity: "ERROR", state_code: "42601", message: "x" },
        config,
        now,
      ),
    ).toBeNull();
  });
});
