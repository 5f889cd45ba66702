/**
 * Login protection against real PostgreSQL: lockout windows and doubling, unlock by email,
 * credential stuffing from one address throttled without locking its victims, a global burst
 * limit, and identical answers (and the same argon2 work) for unknown and existing accounts.
 */
import * as argon2 from "@node-rs/argon2";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { LIMITS } from "@/server/rate-limit/limits";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import { unlockAccount } from "@/server/auth/unlock-account";
import { validateSession } from "@/server/auth/sessions";
import { createAccount, lastEmailTo, PASSWORD } from "../helpers/auth";

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

const MIN = 60_000;
let ipCounter = 0;
/** A fresh client address per test, so per-address throttles do not leak between tests. */
const freshIp = () => `198.51.100.${++ipCounter}`;
const ctx = (ip: string) => ({ ip, userAgent: "vitest" });

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});
afterEach(() => {
  vi.mocked(argon2.verify).mockClear();
});

async function attempt(email: string, password: string, ip: string) {
  return (await signInWithPassword({ email, password }, ctx(ip))).outcome;
}

describe("per-account lockout", () => {
  it("locks on the 5th consecutive failure for 15 minutes, refuses even the right password, and emails an unlock link", async () => {
    const user = await createAccount();
    const ip = freshIp();
    const live = await signInWithPassword({ email: user.email, password: PASSWORD }, ctx(ip));
    expect(live.outcome).toBe("signed-in");

    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await attempt(user.email, "wrong-password-123", ip));
    expect(outcomes).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    expect(await attempt(user.email, PASSWORD, ip)).toBe("locked");

    const row = await db.loginLockout.findUniqueOrThrow({ where: { email: user.email } });
    const minutes = (row.lockedUntil!.getTime() - Date.now()) / MIN;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // The lock stops password attempts; the session opened with the right password stays.
    if (live.outcome !== "signed-in") throw new Error("unreachable");
    expect(await validateSession(live.session)).not.toBeNull();

    const actions = (
      await db.auditEvent.findMany({ where: { targetId: user.id }, select: { action: true } })
    ).map((a) => a.action);
    expect(actions.filter((a) => a === "auth.login.failed")).toHaveLength(5);
    expect(actions).toContain("auth.account.locked");
    expect(actions).toContain("auth.login.refused_locked");

    const mail = await lastEmailTo(user.email, "lockout-notice");
    expect(mail?.token).toBeTruthy();
    expect(await unlockAccount({ token: mail!.token }, ctx(ip))).toEqual({ unlocked: true });
    expect(await attempt(user.email, PASSWORD, ip)).toBe("signed-in");
    // The unlock link works once.
    expect(await unlockAccount({ token: mail!.token }, ctx(ip))).toEqual({ unlocked: false });
  });

  it("a stranger who locks the account with wrong passwords does not end its owner's sessions", async () => {
    const user = await createAccount();
    const owner = await signInWithPassword(
      { email: user.email, password: PASSWORD },
      ctx(freshIp()),
    );
    if (owner.outcome !== "signed-in") throw new Error(`expected signed-in, got ${owner.outcome}`);
    const sessionVersion = (
      await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } })
    ).sessionVersion;

    const stranger = freshIp();
    for (let i = 0; i < 5; i++) await attempt(user.email, "not-the-password-42", stranger);
    expect(await attempt(user.email, PASSWORD, freshIp())).toBe("locked");

    expect(await validateSession(owner.session)).not.toBeNull();
    const after = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { sessionVersion: true },
    });
    expect(after.sessionVersion).toBe(sessionVersion);
    const open = await db.userSession.findUniqueOrThrow({
      where: { id: owner.session.sid },
      select: { endedAt: true },
    });
    expect(open.endedAt).toBeNull();
    // The owner still gets the notice with the unlock link.
    expect((await lastEmailTo(user.email, "lockout-notice"))?.token).toBeTruthy();
  });

  it("doubles each further lock (30 min, then 1 h) and a success resets the streak", async () => {
    const user = await createAccount();
    const lockFor = async () => {
      for (let i = 0; i < 5; i++) await attempt(user.email, "wrong-password-123", freshIp());
      const row = await db.loginLockout.findUniqueOrThrow({ where: { email: user.email } });
      return Math.round((row.lockedUntil!.getTime() - Date.now()) / MIN);
    };
    const expire = () =>
      db.loginLockout.update({
        where: { email: user.email },
        data: { lockedUntil: new Date(Date.now() - 1000) },
      });

    expect(await lockFor()).toBe(15);
    await expire();
    expect(await lockFor()).toBe(30);
    await expire();
    expect(await lockFor()).toBe(60);
    await expire();
    expect(await attempt(user.email, PASSWORD, freshIp())).toBe("signed-in");
    expect(await db.loginLockout.findUnique({ where: { email: user.email } })).toBeNull();
    expect(await lockFor()).toBe(15);
  });

  it("a success before the fifth failure resets the counter", async () => {
    const user = await createAccount();
    for (let i = 0; i < 4; i++) await attempt(user.email, "wrong-password-123", freshIp());
    expect(await attempt(user.email, PASSWORD, freshIp())).toBe("signed-in");
    for (let i = 0; i < 4; i++)
      expect(await attempt(user.email, "wrong-password-123", freshIp())).toBe("invalid");
  });
});

describe("unknown and existing accounts are indistinguishable", () => {
  it("gives the same answers in the same order, with exactly one argon2 verification per attempt", async () => {
    const user = await createAccount();
    const unknown = "nobody-here@example.test";
    const run = async (email: string) => {
      vi.mocked(argon2.verify).mockClear();
      const outcomes = [];
      for (let i = 0; i < 6; i++)
        outcomes.push(await attempt(email, "wrong-password-123", freshIp()));
      return { outcomes, verifications: vi.mocked(argon2.verify).mock.calls.length };
    };
    const existing = await run(user.email);
    const missing = await run(unknown);
    expect(missing.outcomes).toEqual(existing.outcomes);
    expect(existing.outcomes).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "locked",
      "locked",
    ]);
    expect(existing.verifications).toBe(6);
    expect(missing.verifications).toBe(6);
  });

  it("an account without a password (invited, never set) answers like any other", async () => {
    const bare = await db.user.create({ data: { email: "bare@example.test", name: "Bare" } });
    expect(await attempt(bare.email, PASSWORD, freshIp())).toBe("invalid");
  });
});

describe("throttles per address and site-wide", () => {
  it("stops credential stuffing from one address without locking the victims", async () => {
    const victims = await Promise.all(Array.from({ length: 30 }, () => createAccount()));
    const attacker = freshIp();
    const outcomes: string[] = [];
    for (const guess of ["123456789012", "password1234"]) {
      for (const v of victims) outcomes.push(await attempt(v.email, guess, attacker));
    }
    const failures = outcomes.filter((o) => o === "invalid").length;
    expect(failures).toBe(LIMITS.loginFailuresPerIp.limit);
    expect(outcomes.slice(failures).every((o) => o === "throttled")).toBe(true);

    // No victim is locked or even close to it; throttled attempts were not checked or counted.
    const rows = await db.loginLockout.findMany({
      where: { email: { in: victims.map((v) => v.email) } },
    });
    expect(rows.every((r) => r.lockedUntil === null && r.failedCount <= 1)).toBe(true);
    vi.mocked(argon2.verify).mockClear();
    expect(await attempt(victims[0]!.email, PASSWORD, attacker)).toBe("throttled");
    expect(vi.mocked(argon2.verify)).not.toHaveBeenCalled();

    // The real owners sign in from their own addresses.
    expect(await attempt(victims[0]!.email, PASSWORD, freshIp())).toBe("signed-in");
    expect(await attempt(victims[29]!.email, PASSWORD, freshIp())).toBe("signed-in");
    expect(
      await db.auditEvent.count({ where: { action: "auth.login.throttled", ip: attacker } }),
    ).toBeGreaterThan(0);
  });

  it("throttles everyone during a burst of failures across the whole site", async () => {
    const saved = LIMITS.loginFailuresGlobal.limit;
    LIMITS.loginFailuresGlobal.limit = 8;
    try {
      const user = await createAccount();
      for (let i = 0; i < 8; i++)
        expect(await attempt(`bot-${i}@example.test`, "wrong-password-123", freshIp())).toBe(
          "invalid",
        );
      expect(await attempt(user.email, PASSWORD, freshIp())).toBe("throttled");
      const audit = await db.auditEvent.findFirst({
        where: { action: "auth.login.throttled" },
        orderBy: { id: "desc" },
      });
      expect(audit?.details).toMatchObject({ scope: "global" });
    } finally {
      LIMITS.loginFailuresGlobal.limit = saved;
    }
  });
});
