/**
 * Two-factor sign-in against real PostgreSQL: TOTP codes are single-use (replay refused) within
 * a ±1 step window, recovery codes work once, wrong codes count towards the lockout, and the
 * pending sign-in dies after 5 wrong codes.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { completeTwoFactorSignIn } from "@/server/auth/complete-two-factor-sign-in";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import { replaceRecoveryCodes } from "@/server/auth/totp";
import { createAccount, PASSWORD, totpAt } from "../helpers/auth";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

let n = 0;
const ctx = () => ({ ip: `192.0.2.${++n}`, userAgent: "vitest" });

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

async function challengeFor(email: string) {
  const first = await signInWithPassword({ email, password: PASSWORD }, ctx());
  if (first.outcome !== "second-factor-required")
    throw new Error(`expected a second factor, got ${first.outcome}`);
  return first.challenge;
}

describe("TOTP sign-in", () => {
  it("asks for a second factor after the right password, then signs in with the current code", async () => {
    const user = await createAccount({ totp: true });
    const challenge = await challengeFor(user.email);
    const result = await completeTwoFactorSignIn(
      challenge,
      { code: await totpAt(user.totpSecret!, new Date()) },
      ctx(),
    );
    expect(result.outcome).toBe("signed-in");
    // The pending sign-in is used up.
    expect((await completeTwoFactorSignIn(challenge, { code: "000000" }, ctx())).outcome).toBe(
      "restart",
    );
  });

  it("refuses a replayed code, even on a new sign-in", async () => {
    const user = await createAccount({ totp: true });
    const code = await totpAt(user.totpSecret!, new Date());
    expect(
      (await completeTwoFactorSignIn(await challengeFor(user.email), { code }, ctx())).outcome,
    ).toBe("signed-in");
    const second = await challengeFor(user.email);
    expect((await completeTwoFactorSignIn(second, { code }, ctx())).outcome).toBe("invalid");
    const audit = await db.auditEvent.findFirst({
      where: { action: "auth.login.failed", targetId: user.id },
      orderBy: { id: "desc" },
    });
    expect(audit?.details).toMatchObject({ reason: "bad_second_factor" });
  });

  it("accepts the previous step's code but not one two steps old", async () => {
    const user = await createAccount({ totp: true });
    const now = Date.now();
    const old = await totpAt(user.totpSecret!, new Date(now - 65_000));
    const previous = await totpAt(user.totpSecret!, new Date(now - 30_000));
    const current = await totpAt(user.totpSecret!, new Date(now));
    const challenge = await challengeFor(user.email);
    if (old !== current && old !== previous) {
      expect((await completeTwoFactorSignIn(challenge, { code: old }, ctx())).outcome).toBe(
        "invalid",
      );
    }
    expect((await completeTwoFactorSignIn(challenge, { code: previous }, ctx())).outcome).toBe(
      "signed-in",
    );
  });

  it("refuses an older step after a newer one was used", async () => {
    const user = await createAccount({ totp: true });
    const now = Date.now();
    const previous = await totpAt(user.totpSecret!, new Date(now - 30_000));
    const current = await totpAt(user.totpSecret!, new Date(now));
    expect(
      (await completeTwoFactorSignIn(await challengeFor(user.email), { code: current }, ctx()))
        .outcome,
    ).toBe("signed-in");
    if (previous !== current) {
      expect(
        (await completeTwoFactorSignIn(await challengeFor(user.email), { code: previous }, ctx()))
          .outcome,
      ).toBe("invalid");
    }
  });

  it("abandons the pending sign-in after 5 wrong codes", async () => {
    const user = await createAccount({ totp: true });
    const challenge = await challengeFor(user.email);
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push((await completeTwoFactorSignIn(challenge, { code: "000001" }, ctx())).outcome);
    // The fifth wrong code is also the fifth consecutive failure: the account locks.
    expect(outcomes.slice(0, 4)).toEqual(["invalid", "invalid", "invalid", "invalid"]);
    expect(outcomes[4]).toBe("locked");
    const good = await totpAt(user.totpSecret!, new Date());
    expect((await completeTwoFactorSignIn(challenge, { code: good }, ctx())).outcome).toBe(
      "restart",
    );
  });
});

describe("recovery codes", () => {
  it("sign in once each, whatever their formatting", async () => {
    const user = await createAccount({ totp: true });
    const codes = await db.$transaction((tx) => replaceRecoveryCodes(tx, user.id));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.every((c) => !codes.includes(c.codeHash))).toBe(true);

    const typed = ` ${codes[3]!.toUpperCase().replace("-", " ")} `;
    const first = await completeTwoFactorSignIn(
      await challengeFor(user.email),
      { code: typed },
      ctx(),
    );
    expect(first).toMatchObject({ outcome: "signed-in", usedRecoveryCode: true });
    expect(
      (await completeTwoFactorSignIn(await challengeFor(user.email), { code: codes[3]! }, ctx()))
        .outcome,
    ).toBe("invalid");
    expect(
      (await completeTwoFactorSignIn(await challengeFor(user.email), { code: codes[4]! }, ctx()))
        .outcome,
    ).toBe("signed-in");
    const session = await db.userSession.findFirst({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
    });
    expect(session?.method).toBe("recovery_code");
  });
});
