/**
 * Security alerts in the club admin area: a manager sees their club's alerts only (never another
 * club's, never the deployment's), filters them, and acknowledges one with a note, which the audit
 * log records in the same transaction. Alerts are inserted with SQL, as the detector writes them.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/form-state";
import { acknowledgeSecurityAlertAction } from "@/app/c/[club]/admin/security/actions";
import SecurityAlertsPage from "@/app/c/[club]/admin/security/page";
import { acknowledgeSecurityAlert } from "@/server/admin/security/acknowledge-security-alert";
import { listSecurityAlerts } from "@/server/admin/security/list-security-alerts";
import { createClub } from "../helpers/builders";
import { addMembership, as, createAccount } from "../helpers/auth";
import { digestOf, errorOf } from "../helpers/errors";
import { sql } from "../helpers/sql";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let club: { id: string; slug: string };
let other: { id: string; slug: string };
let manager: { id: string; name: string };
const ids = {} as Record<"old" | "recent" | "quiet" | "otherClub" | "deployment", string>;

async function insertAlert(a: {
  clubId: string | null;
  kind: string;
  severity: string;
  source: string;
  summary: string;
  lastSeen: string;
  closed?: boolean;
  evidence?: Record<string, unknown>;
}): Promise<string> {
  const { rows } = await sql().query<{ id: string }>(
    `INSERT INTO security_alert
       (kind, severity, club_id, source, summary, first_seen, last_seen, count, evidence, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz - interval '1 hour', $6::timestamptz, 3, $7, $8)
     RETURNING id`,
    [
      a.kind,
      a.severity,
      a.clubId,
      a.source,
      a.summary,
      a.lastSeen,
      JSON.stringify(a.evidence ?? {}),
      a.closed ? a.lastSeen : null,
    ],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  club = await createClub({ timeZone: "Europe/Paris" });
  other = await createClub();
  manager = await createAccount({ totp: true, name: "Max Manager" });
  await addMembership(manager.id, club.id, "MANAGER");
  ids.old = await insertAlert({
    clubId: club.id,
    kind: "credential_stuffing",
    severity: "high",
    source: "ip:198.51.100.7",
    summary: "Many refused sign-ins of the club's staff",
    lastSeen: "2026-12-01T10:00:00Z",
    evidence: { attempts: 40, accounts: ["a@club.test", "b@club.test"] },
  });
  ids.recent = await insertAlert({
    clubId: club.id,
    kind: "injection_probe",
    severity: "critical",
    source: "ip:203.0.113.9",
    summary: "SQL injection probes on the booking form",
    lastSeen: "2026-12-04T09:00:00Z",
    evidence: { route: "/c/x/book", pattern: "' OR 1=1 --" },
  });
  ids.quiet = await insertAlert({
    clubId: club.id,
    kind: "scanner",
    severity: "low",
    source: "ua:sqlmap",
    summary: "A scanner went through the club's pages",
    lastSeen: "2026-12-02T10:00:00Z",
    closed: true,
  });
  ids.otherClub = await insertAlert({
    clubId: other.id,
    kind: "injection_probe",
    severity: "medium",
    source: "ip:192.0.2.50",
    summary: "Another club's alert",
    lastSeen: "2026-12-04T10:00:00Z",
  });
  ids.deployment = await insertAlert({
    clubId: null,
    kind: "db_auth_failure",
    severity: "critical",
    source: "pg:courtside_app",
    summary: "Refused database authentications",
    lastSeen: "2026-12-04T11:00:00Z",
  });
});

describe("the list", () => {
  it("shows a manager only their club's alerts, newest last seen first, with state and evidence", async () => {
    await as(manager.id);
    const list = await listSecurityAlerts(club.slug, { state: "all" });
    expect(list.rows.map((r) => r.id)).toEqual([ids.recent, ids.quiet, ids.old]);
    const recent = list.rows[0]!;
    expect(recent).toMatchObject({
      kind: "injection_probe",
      severity: "critical",
      source: "ip:203.0.113.9",
      summary: "SQL injection probes on the booking form",
      count: 3,
      lastSeen: "2026-12-04T09:00:00.000Z",
      firstSeen: "2026-12-04T08:00:00.000Z",
      closedAt: null,
      acknowledgedAt: null,
      evidence: ["pattern: ' OR 1=1 --", "route: /c/x/book"],
    });
    expect(list.rows[1]!.closedAt).toBe("2026-12-02T10:00:00.000Z");
    expect(list.rows[2]!.evidence).toEqual(["accounts: a@club.test, b@club.test", "attempts: 40"]);
    expect(list.canAcknowledge).toBe(true);
    const texts = JSON.stringify(list.rows);
    expect(texts).not.toContain("Another club's alert");
    expect(texts).not.toContain("Refused database authentications");
  });

  it("refuses a player and a staff member (404), and sends a manager without 2FA to enrol", async () => {
    const player = await createAccount();
    const staff = await createAccount({ totp: true });
    const noTwoFactor = await createAccount();
    await addMembership(player.id, club.id, "PLAYER");
    await addMembership(staff.id, club.id, "STAFF");
    await addMembership(noTwoFactor.id, club.id, "MANAGER");
    for (const who of [player.id, staff.id]) {
      await as(who);
      expect(await digestOf(listSecurityAlerts(club.slug, {}))).toMatch(
        /^NEXT_HTTP_ERROR_FALLBACK;404/,
      );
      const form = new FormData();
      form.set("club", club.slug);
      form.set("alertId", ids.recent);
      form.set("note", "not mine to say");
      expect(await digestOf(acknowledgeSecurityAlertAction(IDLE, form))).toMatch(
        /^NEXT_HTTP_ERROR_FALLBACK;404/,
      );
    }
    await as(noTwoFactor.id);
    expect(await digestOf(listSecurityAlerts(club.slug, {}))).toMatch(
      /^NEXT_REDIRECT;[^;]*;\/account\/two-factor\?required=1/,
    );
    const { rows } = await sql().query(
      `SELECT 1 FROM security_alert WHERE id = $1 AND acknowledged_at IS NOT NULL`,
      [ids.recent],
    );
    expect(rows).toEqual([]);
  });

  it("renders the page with the alerts' words, severity and an acknowledge form each", async () => {
    await as(manager.id);
    const tree = await SecurityAlertsPage({
      params: Promise.resolve({ club: club.slug }),
      searchParams: Promise.resolve({}),
    });
    const texts: string[] = [];
    const forms: unknown[] = [];
    const visit = (node: unknown): void => {
      if (typeof node === "string" || typeof node === "number") texts.push(String(node));
      else if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === "object" && "props" in node) {
        const props = (node as { props: Record<string, unknown> }).props;
        if (props.action === acknowledgeSecurityAlertAction) forms.push(props.hidden);
        visit(props.children);
      }
    };
    visit(tree);
    const text = texts.join(" ");
    expect(text).toContain("SQL injection probes on the booking form");
    expect(text).toContain("Critical");
    expect(text).toContain("Not acknowledged");
    expect(text).not.toContain("Refused database authentications");
    expect(text).not.toContain("Another club's alert");
    expect(forms).toHaveLength(3);
    expect(forms[0]).toEqual({
      club: club.slug,
      alertId: ids.recent,
      next: `/c/${club.slug}/admin/security`,
    });
  });
});

describe("acknowledging", () => {
  it("records the note, who and when, and the audit event in the same transaction", async () => {
    await as(manager.id);
    const before = Date.now();
    await acknowledgeSecurityAlert(
      club.slug,
      { alertId: ids.old, note: "  Blocked the address at the firewall.  " },
      { ip: "203.0.113.1", userAgent: "vitest" },
    );
    const { rows } = await sql().query(
      `SELECT acknowledged_at, acknowledged_by, acknowledgement_note, closed_at FROM security_alert WHERE id = $1`,
      [ids.old],
    );
    expect(rows[0]).toMatchObject({
      acknowledged_by: manager.id,
      acknowledgement_note: "Blocked the address at the firewall.",
      closed_at: null,
    });
    const ackAt = (rows[0] as { acknowledged_at: Date }).acknowledged_at;
    expect(ackAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const audit = await sql().query(
      `SELECT club_id, actor_id, target_type, target_id, details, xmin::text = (SELECT xmin::text FROM security_alert WHERE id = $1::uuid) AS same_tx
         FROM audit_event WHERE action = 'security.alert.acknowledged' AND target_id = $1::text`,
      [ids.old],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      club_id: club.id,
      actor_id: manager.id,
      target_type: "security_alert",
      details: {
        kind: "credential_stuffing",
        severity: "high",
        source: "ip:198.51.100.7",
        note: "Blocked the address at the firewall.",
      },
      same_tx: true,
    });

    const open = await listSecurityAlerts(club.slug, {});
    expect(open.rows.map((r) => r.id)).toEqual([ids.recent, ids.quiet]);
    const acknowledged = await listSecurityAlerts(club.slug, { state: "acknowledged" });
    expect(acknowledged.rows).toHaveLength(1);
    expect(acknowledged.rows[0]).toMatchObject({
      id: ids.old,
      acknowledgedBy: { name: "Max Manager" },
      acknowledgementNote: "Blocked the address at the firewall.",
    });
  });

  it("refuses a second acknowledgement, naming who did it", async () => {
    await as(manager.id);
    const err = await errorOf(
      acknowledgeSecurityAlert(club.slug, { alertId: ids.old, note: "again" }),
    );
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/^This alert was already acknowledged by Max Manager on 2026-/);
    const { rows } = await sql().query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'security.alert.acknowledged' AND target_id = $1`,
      [ids.old],
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("answers another club's alert and the deployment's as not found in this club", async () => {
    await as(manager.id);
    for (const alertId of [ids.otherClub, ids.deployment]) {
      const err = await errorOf(acknowledgeSecurityAlert(club.slug, { alertId, note: "not ours" }));
      expect(err.code).toBe("NOT_FOUND");
      expect(err.message).toBe("No such security alert in this club.");
    }
    const { rows } = await sql().query(
      `SELECT count(*)::int AS n FROM security_alert WHERE acknowledged_at IS NOT NULL AND id = ANY($1)`,
      [[ids.otherClub, ids.deployment]],
    );
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("refuses an empty or too short note, naming the field, and changes nothing", async () => {
    await as(manager.id);
    for (const note of ["", "   ", "ok"]) {
      const err = await errorOf(acknowledgeSecurityAlert(club.slug, { alertId: ids.recent, note }));
      expect(err.code).toBe("BAD_REQUEST");
      expect(Object.keys(err.fields)).toEqual(["note"]);
    }
    const tooLong = await errorOf(
      acknowledgeSecurityAlert(club.slug, { alertId: ids.recent, note: "x".repeat(1001) }),
    );
    expect(tooLong.fields.note).toMatch(/1000/);

    // Through the form: the field error comes back to the form, with what was typed.
    const form = new FormData();
    form.set("club", club.slug);
    form.set("alertId", ids.recent);
    form.set("note", "");
    const state = await acknowledgeSecurityAlertAction(IDLE, form);
    expect(state.status).toBe("error");
    expect(Object.keys(state.fields ?? {})).toEqual(["note"]);
    const { rows } = await sql().query(`SELECT acknowledged_at FROM security_alert WHERE id = $1`, [
      ids.recent,
    ]);
    expect(rows[0]).toEqual({ acknowledged_at: null });
  });

  it("goes back to the list with a notice after the form acknowledged an alert", async () => {
    await as(manager.id);
    const form = new FormData();
    form.set("club", club.slug);
    form.set("alertId", ids.quiet);
    form.set("note", "Our own vulnerability scan, booked with IT.");
    form.set("next", `/c/${club.slug}/admin/security?state=all`);
    expect(await digestOf(acknowledgeSecurityAlertAction(IDLE, form))).toContain(
      `;/c/${club.slug}/admin/security?state=all&notice=acknowledged;`,
    );
  });
});
