/**
 * Anomalous database connections, caught from the server's own log (issue 14 acceptance,
 * docs/decisions/023-threat-detection.md): a connection as an unknown role whose password works,
 * and one as the app role by a program that is not the app, each produce exactly one alert and one
 * email to the operator, however many passes run; a refused connection and a privilege error of
 * the app role are caught too. Connections last milliseconds: no poll of pg_stat_activity would
 * see them, the log does.
 */
import { randomBytes } from "node:crypto";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecuritySettings } from "@/lib/security/security-env";
import { db } from "@/server/db";
import { startLogCursorAtEnd } from "@/server/security/ingest-db-log";
import { runSecurityPass } from "@/server/security/security-job";
import { sql } from "../helpers/sql";

const logDir = process.env.DB_SERVER_LOG_DIR;
const OPERATOR = "ops-db@courtside.test";
const settings = (): SecuritySettings => ({
  operatorEmail: OPERATOR,
  serverLogDir: logDir!,
  appHosts: ["127.0.0.1", "::1"],
  operatorHosts: ["127.0.0.1", "::1"],
  intervalMs: 5_000,
});
const intruder = `intruder_${randomBytes(4).toString("hex")}`;
const password = randomBytes(12).toString("hex");
let hbaFile: string;
let hbaBefore: string;

async function connectAs(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SELECT 1");
  await client.end();
}

/** Runs passes until `done` holds (the server writes its log within moments), at most 20 s. */
async function passUntil(done: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < 40; i++) {
    await runSecurityPass(settings());
    if (await done()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("no alert within 20 s");
}

const alertsFor = (source: string) => db.securityAlert.findMany({ where: { source } });
const emailsAbout = (source: string) =>
  db.emailOutbox.findMany({
    where: { template: "security-alert", text: { contains: source } },
    select: { toAddress: true, subject: true },
  });

beforeAll(async () => {
  expect(logDir, "DB_SERVER_LOG_DIR is set for the test cluster (test/setup)").toBeTruthy();
  await startLogCursorAtEnd(logDir!);
  hbaFile = (await sql().query<{ hba_file: string }>("SHOW hba_file")).rows[0]!.hba_file;
  hbaBefore = await readFile(hbaFile, "utf8");
  await sql().query(`CREATE ROLE ${intruder} LOGIN PASSWORD '${password}'`);
});

afterAll(async () => {
  await writeFile(hbaFile, hbaBefore);
  await sql().query("SELECT pg_reload_conf()");
  await sql().query(`DROP ROLE IF EXISTS ${intruder}`);
});

function tcpUrl(user: string, pass: string, applicationName?: string): string {
  const u = new URL(process.env.DATABASE_URL!);
  u.username = user;
  u.password = pass;
  if (applicationName) u.searchParams.set("application_name", applicationName);
  return u.toString();
}

describe("database connections", () => {
  it("an unknown role refused by pg_hba.conf, then let in with a working password: one alert each", async () => {
    // Refused: pg_hba.conf accepts only our roles.
    await expect(connectAs(tcpUrl(intruder, password))).rejects.toMatchObject({ code: "28000" });
    const refusedSource = `${intruder}@127.0.0.1`;
    await passUntil(async () => (await alertsFor(refusedSource)).length > 0);
    expect((await alertsFor(refusedSource)).map((a) => a.kind)).toEqual(["db.auth_refused"]);

    // A deployment whose pg_hba.conf lets the role in (the password works).
    await appendFile(hbaFile, `\nhost all ${intruder} 127.0.0.1/32 scram-sha-256\n`);
    await sql().query("SELECT pg_reload_conf()");
    await new Promise((r) => setTimeout(r, 300));
    const connectedAt = Date.now();
    await connectAs(tcpUrl(intruder, password));
    const took = await passUntil(async () =>
      (await alertsFor(refusedSource)).some((a) => a.kind === "db.unknown_role"),
    );
    // More passes change nothing: still one alert of each kind, one email each.
    await runSecurityPass(settings());
    await runSecurityPass(settings());
    const alerts = await alertsFor(refusedSource);
    expect(alerts.map((a) => a.kind).sort()).toEqual(["db.auth_refused", "db.unknown_role"]);
    const unknown = alerts.find((a) => a.kind === "db.unknown_role")!;
    expect(unknown.severity).toBe("critical");
    expect(unknown.clubId).toBeNull();
    expect(unknown.emailsSent).toBe(1);
    const mails = await emailsAbout(refusedSource);
    expect(mails.map((m) => m.toAddress)).toEqual([OPERATOR, OPERATOR]);
    expect(mails.map((m) => m.subject).join("\n")).toContain(
      "Database connection by an unknown role",
    );
    expect(JSON.stringify(unknown.evidence)).not.toContain(password);
    console.log(
      `[threat-detection] unknown-role connection → alert email queued ${took} ms after the detection began (${Date.now() - connectedAt} ms after the connection)`,
    );
  });

  it("the app role by another program: one alert, one email", async () => {
    const appPassword = new URL(process.env.DATABASE_URL!).password;
    const connectedAt = Date.now();
    await connectAs(tcpUrl("courtside_app", decodeURIComponent(appPassword), "psql"));
    const source = "courtside_app@127.0.0.1/psql";
    await passUntil(async () => (await alertsFor(source)).length > 0);
    await runSecurityPass(settings());
    const alerts = await alertsFor(source);
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([["db.app_unexpected", "critical"]]);
    expect((alerts[0]!.evidence as { latest: { why: string } }).latest.why).toBe(
      "not one of the app's processes",
    );
    expect((await emailsAbout(source)).map((m) => m.toAddress)).toEqual([OPERATOR]);
    console.log(
      `[threat-detection] app role from psql → alert email queued ${Date.now() - connectedAt} ms after the connection`,
    );
  });

  it("a privilege error of the app role is caught from the log", async () => {
    await expect(db.$executeRaw`TRUNCATE audit_event`).rejects.toThrow();
    const source = "courtside_app@127.0.0.1";
    await passUntil(async () =>
      (await alertsFor(source)).some((a) => a.kind === "db.privilege_denied"),
    );
    const denied = (await alertsFor(source)).find((a) => a.kind === "db.privilege_denied")!;
    expect((denied.evidence as { latest: { sqlstate: string } }).latest.sqlstate).toBe("42501");
  });
});
