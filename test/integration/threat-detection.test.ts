/**
 * Threat detection against real PostgreSQL (issue 14 §2-3, docs/decisions/023-threat-detection.md):
 * sign-in attacks driven through the real sign-in, probes and admin anomalies evaluated by the
 * worker's pass, one alert per attack, emails through the outbox to the right recipients and
 * throttled (one at the start, then a digest at most every 15 minutes), no double report by two
 * workers.
 */
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { DIGEST_EVERY_MS, QUIET_MS } from "@/lib/security/detectors";
import type { SecuritySettings } from "@/lib/security/security-env";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import { db } from "@/server/db";
import { runSecurityPass } from "@/server/security/security-job";
import { addMembership, createAccount } from "../helpers/auth";
import { createClub } from "../helpers/builders";

const OPERATOR = "ops@courtside.test";
const settings: SecuritySettings = {
  operatorEmail: OPERATOR,
  serverLogDir: null,
  appHosts: ["127.0.0.1", "::1"],
  operatorHosts: ["127.0.0.1", "::1"],
  intervalMs: 5_000,
};
const MIN = 60_000;
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

/**
 * The alert emails about `source` (alerts of the file's other tests stay: each test has its own
 * sources, and deleting their alerts would let their events open them again).
 */
async function alertEmails(source: string) {
  return db.emailOutbox.findMany({
    where: { template: "security-alert", text: { contains: source } },
    select: { toAddress: true, subject: true, text: true },
    orderBy: { createdAt: "asc" },
  });
}

const alertsOf = (...sources: string[]) =>
  db.securityAlert.findMany({ where: { source: { in: sources } }, orderBy: { createdAt: "asc" } });

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

describe("sign-in attacks", () => {
  it("50 failed sign-ins on one account: one alert, to the operator, one email however long it lasts", async () => {
    const victim = await createAccount();
    const ip = freshIp();
    const started = Date.now();
    for (let i = 0; i < 50; i++) {
      await signInWithPassword(
        { email: victim.email, password: `wrong-${i}-password` },
        { ip, userAgent: "vitest" },
      );
    }
    const first = await runSecurityPass(settings);
    expect(first.ran).toBe(true);
    const alerts = await alertsOf(victim.email, ip);
    expect(alerts.map((a) => [a.kind, a.source, a.clubId])).toEqual([
      ["login.account_burst", victim.email, null],
    ]);
    expect(alerts[0]!.count).toBe(50);
    const mails = await alertEmails(victim.email);
    expect(mails.map((m) => m.toAddress)).toEqual([OPERATOR]);
    expect(mails[0]!.subject).toContain("Many failed sign-ins on one account");
    expect(mails[0]!.text).toContain(victim.email);
    console.log(
      `[threat-detection] 50 failed sign-ins → alert email queued in ${Date.now() - started} ms`,
    );

    // It goes on: counted in the same alert, no new email before 15 minutes, then one digest.
    for (let i = 0; i < 5; i++) {
      await signInWithPassword(
        { email: victim.email, password: "still-wrong-pw" },
        { ip, userAgent: "vitest" },
      );
    }
    await runSecurityPass(settings);
    await runSecurityPass(settings);
    expect((await alertsOf(victim.email))[0]!.count).toBe(55);
    expect(await alertEmails(victim.email)).toHaveLength(1);
    await runSecurityPass(settings, { now: new Date(Date.now() + DIGEST_EVERY_MS + 1_000) });
    const after = await alertEmails(victim.email);
    expect(after).toHaveLength(2);
    expect(after[1]!.subject).toMatch(/still going/);
    expect(after[1]!.text).toContain("55 events so far");
    expect(await alertsOf(victim.email, ip)).toHaveLength(1);
  });

  it("500 failed sign-ins across many accounts from one address: one alert for the address, none per account", async () => {
    const ip = freshIp();
    const tag = randomBytes(3).toString("hex");
    for (let i = 0; i < 500; i++) {
      await signInWithPassword(
        { email: `nobody-${tag}-${i}@example.test`, password: "guess-123456" },
        { ip, userAgent: "stuffer" },
      );
    }
    await runSecurityPass(settings);
    await runSecurityPass(settings);
    const alerts = await db.securityAlert.findMany({
      where: { OR: [{ source: ip }, { source: { contains: tag } }] },
    });
    expect(alerts.map((a) => [a.kind, a.source])).toEqual([["login.address_burst", ip]]);
    expect(alerts[0]!.count).toBe(500);
    expect((alerts[0]!.evidence as { distinct: number }).distinct).toBe(500);
    const mails = await alertEmails(ip);
    expect(mails.map((m) => m.toAddress)).toEqual([OPERATOR]);
  }, 120_000);

  it("a successful sign-in after many failures is its own, critical alert", async () => {
    const user = await createAccount();
    // Failures from many addresses (no per-address throttle), below the lockout: the lockout is
    // per consecutive failure, so a correct password in between keeps the account open.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        await signInWithPassword(
          { email: user.email, password: "nope-nope-123" },
          { ip: freshIp(), userAgent: "x" },
        );
      }
      if (round < 2) await db.loginLockout.deleteMany({ where: { email: user.email } });
    }
    await db.loginLockout.deleteMany({ where: { email: user.email } });
    const ok = await signInWithPassword(
      { email: user.email, password: "correct-horse-battery-2026" },
      { ip: freshIp(), userAgent: "x" },
    );
    expect(ok.outcome).toBe("signed-in");
    await runSecurityPass(settings);
    const alerts = await alertsOf(user.email);
    expect(alerts.map((a) => a.kind)).toEqual(["login.success_after_failures"]);
    expect(alerts[0]!.severity).toBe("critical");
    expect(alerts[0]!.source).toBe(user.email);
  });
});

describe("probes", () => {
  it("200 probes from one address in a minute: one alert, at most two emails (start + one digest)", async () => {
    const ip = freshIp();
    const t0 = Date.now();
    await db.securitySignal.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({
        kind: i % 2 ? "probe.sqli" : "probe.xss",
        source: ip,
        route: i % 2 ? "/c/demo/admin/members" : "/c/demo",
        at: new Date(t0 - 60_000 + i * 300),
        evidence: {
          signature: "union select",
          where: "query",
          field: "q",
          sample: "' union select 1--",
        },
      })),
    });
    for (let i = 0; i < 5; i++) await runSecurityPass(settings);
    await runSecurityPass(settings, { now: new Date(t0 + DIGEST_EVERY_MS + 1_000) });
    await runSecurityPass(settings, { now: new Date(t0 + DIGEST_EVERY_MS + 2_000) });
    const alerts = await alertsOf(ip);
    expect(alerts.map((a) => [a.kind, a.source, a.count])).toEqual([["probe", ip, 200]]);
    const mails = await alertEmails(ip);
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.length).toBeLessThanOrEqual(2);
    expect(mails.every((m) => m.toAddress === OPERATOR)).toBe(true);
    expect(mails[0]!.text).toContain(ip);
  });

  it("below the threshold nothing is raised; a quiet alert closes and a later burst opens a new one", async () => {
    const ip = freshIp();
    const now = Date.now();
    const probe = (at: Date) => ({
      kind: "probe.traversal",
      source: ip,
      route: "/",
      at,
      evidence: {},
    });
    await db.securitySignal.createMany({
      data: [1, 2, 3, 4].map((s) => probe(new Date(now - s * 1_000))),
    });
    await runSecurityPass(settings);
    expect(await alertsOf(ip)).toHaveLength(0);
    await db.securitySignal.create({ data: probe(new Date(now)) });
    await runSecurityPass(settings);
    expect((await alertsOf(ip)).map((a) => a.closedAt)).toEqual([null]);

    const later = new Date(now + QUIET_MS + MIN);
    await runSecurityPass(settings, { now: later });
    expect((await alertsOf(ip))[0]!.closedAt).not.toBeNull();
    // Old events do not reopen it…
    await runSecurityPass(settings, { now: new Date(later.getTime() + 1_000) });
    expect(await alertsOf(ip)).toHaveLength(1);
    // …a new burst does.
    await db.securitySignal.createMany({
      data: [1, 2, 3, 4, 5].map((s) => probe(new Date(later.getTime() + s * 1_000))),
    });
    await runSecurityPass(settings, { now: new Date(later.getTime() + 10_000) });
    const both = await alertsOf(ip);
    expect(both).toHaveLength(2);
    expect(both.filter((a) => a.closedAt === null)).toHaveLength(1);
  });

  it("two workers evaluating at once raise one alert and send one email", async () => {
    const ip = freshIp();
    await db.securitySignal.createMany({
      data: Array.from({ length: 10 }, () => ({
        kind: "probe.sqli",
        source: ip,
        route: "/",
        evidence: {},
      })),
    });
    const results = await Promise.all([
      runSecurityPass(settings, { holder: "worker-a" }),
      runSecurityPass(settings, { holder: "worker-b" }),
    ]);
    // Whoever did not get the lease ran nothing; a pass after it finds the work done.
    await runSecurityPass(settings, { holder: "worker-b" });
    expect(results.some((r) => r.ran)).toBe(true);
    expect(await alertsOf(ip)).toHaveLength(1);
    expect(await alertEmails(ip)).toHaveLength(1);
  });
});

describe("admin anomalies", () => {
  async function clubWithOwner() {
    const club = await createClub();
    const owner = await createAccount();
    await addMembership(owner.id, club.id, "OWNER");
    const manager = await createAccount();
    await addMembership(manager.id, club.id, "MANAGER");
    return { club, owner, manager };
  }

  it("a manager made owner: a club alert to the security contact and the owners, not to the operator", async () => {
    const { club, owner, manager } = await clubWithOwner();
    await recordAuditEvent({
      action: "admin.member.updated",
      clubId: club.id,
      actorId: manager.id,
      targetType: "membership",
      targetId: "m-1",
      ip: "192.0.2.10",
      details: { userId: "u-1", before: { role: "PLAYER" }, after: { role: "OWNER" } },
    });
    // A tier change of a player is no anomaly.
    await recordAuditEvent({
      action: "admin.member.updated",
      clubId: club.id,
      actorId: manager.id,
      details: { before: { role: "PLAYER" }, after: { role: "PLAYER" } },
    });
    await runSecurityPass(settings);
    const alerts = await db.securityAlert.findMany({ where: { clubId: club.id } });
    expect(alerts.map((a) => [a.kind, a.clubId, a.source])).toEqual([
      ["admin.staff_role_granted", club.id, manager.email],
    ]);
    const mails = await alertEmails(manager.email);
    expect(mails.map((m) => m.toAddress).sort()).toEqual(
      ["security@club.test", owner.email].sort(),
    );
    const mail = mails[0]!;
    expect(mail.text).toContain(`/c/${club.slug}/admin/security`);
  });

  it("gateway credentials changed, and more than 5 member exports an hour, each raise a club alert", async () => {
    const { club, manager } = await clubWithOwner();
    await recordAuditEvent({
      action: "payment.gateway_config.saved",
      clubId: club.id,
      actorId: manager.id,
      targetType: "payment_gateway",
      targetId: "PAYBOX",
      details: {
        gateway: "PAYBOX",
        created: false,
        changed: ["hmacKey"],
        secretsReplaced: ["hmacKey"],
      },
    });
    for (let i = 0; i < 5; i++) {
      await recordAuditEvent({
        action: "admin.export.members",
        clubId: club.id,
        actorId: manager.id,
      });
    }
    const ofClub = () => db.securityAlert.findMany({ where: { clubId: club.id } });
    await runSecurityPass(settings);
    expect((await ofClub()).map((a) => a.kind)).toEqual(["admin.gateway_changed"]);
    await recordAuditEvent({
      action: "admin.export.members",
      clubId: club.id,
      actorId: manager.id,
    });
    await runSecurityPass(settings);
    const kinds = (await ofClub()).map((a) => a.kind).sort();
    expect(kinds).toEqual(["admin.gateway_changed", "admin.mass_export"]);
    const evidence = JSON.stringify((await ofClub()).map((a) => a.evidence));
    expect(evidence).not.toMatch(/secret-value|password/i);
  });

  it("20 staff cancellations in an hour raise a mass-cancellation alert", async () => {
    const { club, manager } = await clubWithOwner();
    for (let i = 0; i < 20; i++) {
      await recordAuditEvent({
        action: "booking.cancelled_by_staff",
        clubId: club.id,
        actorId: manager.id,
        targetType: "booking",
        targetId: `b-${i}`,
      });
    }
    await runSecurityPass(settings);
    const alerts = await db.securityAlert.findMany({ where: { clubId: club.id } });
    expect(alerts.map((a) => [a.kind, a.count])).toEqual([["admin.mass_cancellation", 20]]);
  });
});
