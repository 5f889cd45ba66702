/**
 * The operator's view of the security alerts (`npm run security:alerts`, scripts/security.ts):
 * every alert of the deployment, its own and every club's, filtered by state, club and age, read
 * from the real database; and the command itself, run as the operator runs it.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { listAllSecurityAlerts } from "@/server/security/list-all-security-alerts";
import { createClub } from "../helpers/builders";
import { errorOf } from "../helpers/errors";
import { sql } from "../helpers/sql";

const ROOT = path.resolve(import.meta.dirname, "../..");
let clubA: { id: string; slug: string };
let clubB: { id: string; slug: string };

async function insertAlert(
  clubId: string | null,
  kind: string,
  lastSeen: string,
  extra: { acknowledged?: boolean; closed?: boolean } = {},
) {
  await sql().query(
    `INSERT INTO security_alert (kind, severity, club_id, source, summary, first_seen, last_seen, count, closed_at, acknowledged_at)
     VALUES ($1::text, 'high', $2::uuid, 'ip:192.0.2.1', $1::text || ' summary', $3::timestamptz, $3::timestamptz, 2, $4, $5)`,
    [kind, clubId, lastSeen, extra.closed ? lastSeen : null, extra.acknowledged ? lastSeen : null],
  );
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

beforeAll(async () => {
  clubA = await createClub();
  clubB = await createClub();
  await insertAlert(null, "db_auth_failure", hoursAgo(1));
  await insertAlert(clubA.id, "injection_probe", hoursAgo(2));
  await insertAlert(clubB.id, "scanner", hoursAgo(30), { closed: true });
  await insertAlert(clubA.id, "credential_stuffing", hoursAgo(24 * 10), { acknowledged: true });
});

describe("listAllSecurityAlerts", () => {
  it("lists every alert, deployment and club scoped, newest last seen first", async () => {
    const rows = await listAllSecurityAlerts();
    expect(rows.map((r) => [r.kind, r.club])).toEqual([
      ["db_auth_failure", null],
      ["injection_probe", clubA.slug],
      ["scanner", clubB.slug],
      ["credential_stuffing", clubA.slug],
    ]);
    expect(rows[2]).toMatchObject({ severity: "high", source: "ip:192.0.2.1", count: 2 });
    expect(rows[2]!.closedAt).toBeInstanceOf(Date);
  });

  it("filters the open ones, one club's, and the recent ones", async () => {
    expect((await listAllSecurityAlerts({ open: true })).map((r) => r.kind)).toEqual([
      "db_auth_failure",
      "injection_probe",
      "scanner",
    ]);
    expect((await listAllSecurityAlerts({ club: clubA.slug })).map((r) => r.kind)).toEqual([
      "injection_probe",
      "credential_stuffing",
    ]);
    const since = new Date(Date.now() - 7 * 86_400_000);
    expect((await listAllSecurityAlerts({ since })).map((r) => r.kind)).toEqual([
      "db_auth_failure",
      "injection_probe",
      "scanner",
    ]);
    expect((await errorOf(listAllSecurityAlerts({ club: "no-such-club" }))).message).toBe(
      "Club not found.",
    );
  });
});

describe("npm run security:alerts", () => {
  const run = (args: string[]) =>
    promisify(execFile)(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/security.ts", ...args],
      { cwd: ROOT, env: process.env },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );

  it("prints the table and exits 0", async () => {
    const { code, stdout } = await run(["--open", "--since", "7d"]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^LAST SEEN +SEVERITY +KIND +SCOPE +SOURCE +COUNT +STATE +SUMMARY$/);
    expect(lines.slice(1).map((l) => l.split(/ {2,}/).slice(2, 4))).toEqual([
      ["db_auth_failure", "deployment"],
      ["injection_probe", clubA.slug],
      ["scanner", clubB.slug],
    ]);
    expect(lines[3]).toMatch(/ 2 {2}quiet +scanner summary$/);
  }, 60_000);

  it("names a bad flag and exits 2", async () => {
    const bad = await run(["--club"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--club needs a club's slug/);
    const unknown = await run(["--club", "no-such-club"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--club no-such-club: Club not found.");
  }, 60_000);
});
